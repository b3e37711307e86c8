package kz.gov.safework.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import kz.gov.safework.contract.envelope.Queues;
import kz.gov.safework.contract.reference.Plan;
import kz.gov.safework.contract.reference.ReferenceData;
import kz.gov.safework.testing.RequiredService;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in a real browser (Debian's chromium and chromium-driver, headless): an operator signs in,
 * sees a submission the test stored, sees the matrix in colour, and replays a dead letter with its button
 * until it is back on hub.intake. Needs /usr/bin/chromium and /usr/bin/chromedriver (.ci/browser.sh
 * installs them); skipped without them, failed in CI ({@link RequiredService}).
 */
class ConsoleBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final String PLAN = "safe-labour-2025";

    private static ObserveTestHub hub;
    private static Path profile;
    private static WebDriver browser;

    @BeforeAll
    static void startHubAndBrowser() throws Exception {
        RequiredService.executables(".ci/browser.sh", CHROMIUM, CHROMEDRIVER);
        hub = new ObserveTestHub(new ReferenceData(List.of(), List.of(), List.of(
                new Plan(PLAN, "План мероприятий «Безопасный труд»", "Safe Labour action plan", null, List.of(),
                        null, null, 2021, 2025, List.of(), List.of()))));
        hub.context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                // Stands in for the matrix API of another capability; consolidations stay absent on purpose.
                from("platform-http:/api/plans/{plan}/years/{year}/matrix").routeId("test-matrix")
                        .removeHeaders("*")
                        .setHeader(Exchange.CONTENT_TYPE, constant("application/json"))
                        .setBody(constant("{\"lastDayOnTime\":\"2023-01-10\",\"dueReading\":\"INCLUSIVE\","
                                + "\"zone\":\"Asia/Almaty\",\"agencies\":[{\"code\":\"AFK\",\"kind\":\"CONTRIBUTES\"},"
                                + "{\"code\":\"MZ\",\"kind\":\"OWES\"},{\"code\":\"MVD\",\"kind\":\"OWES\"},"
                                + "{\"code\":\"AKIMAT-ULYTAU\",\"kind\":\"OWES\",\"validFrom\":\"2022-06-08\","
                                + "\"predecessors\":[\"AKIMAT-KARAGANDA\"]}],\"items\":[\"1\",\"2\"],\"cells\":["
                                + "{\"agency\":\"MZ\",\"item\":\"1\",\"status\":\"COMPLETED\"},"
                                + "{\"agency\":\"MVD\",\"item\":\"2\",\"status\":\"MISSING\"},"
                                + "{\"agency\":\"AKIMAT-ULYTAU\",\"item\":\"2\",\"status\":\"MISSING\"},"
                                + "{\"agency\":\"AFK\",\"item\":\"1\",\"status\":\"NOT_REQUIRED\","
                                + "\"kind\":\"CONTRIBUTES\"}]}"));
            }
        });

        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        profile = Files.createTempDirectory("console-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--window-size=1400,2400");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (hub != null) {
            hub.close();
        }
    }

    private static WebElement waitFor(By locator) {
        return new WebDriverWait(browser, Duration.ofSeconds(15))
                .until(ExpectedConditions.visibilityOfElementLocated(locator));
    }

    @Test
    void operatorSeesSubmissionMatrixAndReplaysDeadLetterToIntake() throws Exception {
        hub.insertSubmission("sub-browser-1", "MZ", "ACCEPTED",
                "{\"submissionId\":\"sub-browser-1\",\"agency\":\"MZ\",\"status\":\"ACCEPTED\",\"errors\":[]}");
        hub.broker.deadLetter(Queues.INTAKE, "<report/>", Map.of(
                "swChannel", "jms", "swAgency", "MZ", DeadLetters.FAILURE, "database unavailable"));

        browser.get(hub.baseUrl() + "/");
        waitFor(By.id("login-user")).sendKeys(TestAuthenticator.OPERATOR);
        browser.findElement(By.id("login-password")).sendKeys(TestAuthenticator.OPERATOR_PASSWORD);
        browser.findElement(By.id("login-submit")).click();

        WebElement submission = waitFor(By.cssSelector("tr[data-submission-id='sub-browser-1']"));
        assertThat(browser.findElement(By.id("login-panel")).isDisplayed()).isFalse();
        assertThat(submission.getText()).contains("MZ").contains("ACCEPTED");
        assertThat(browser.findElement(By.id("who")).getText()).isEqualTo(TestAuthenticator.OPERATOR);

        waitFor(By.cssSelector("#matrix-view tr[data-agency='MZ'] td.cell.ok"));
        assertThat(browser.findElements(By.cssSelector("#matrix-view tr[data-agency='MVD'] td.cell.bad"))).hasSize(1);
        // The year's due date, contributors in rows of their own after the agencies that owe, and when a
        // region came into being.
        assertThat(browser.findElement(By.cssSelector("#matrix-view p.due")).getText()).contains("2023-01-10");
        List<String> rows = browser.findElements(By.cssSelector("#matrix-view tbody tr")).stream()
                .map(r -> r.getAttribute("data-agency") == null ? "#" + r.getAttribute("data-kind")
                        : r.getAttribute("data-agency")).toList();
        assertThat(rows).containsExactly("#OWES", "MZ", "MVD", "AKIMAT-ULYTAU", "#CONTRIBUTES", "AFK");
        assertThat(browser.findElement(By.cssSelector("#matrix-view tr[data-agency='AKIMAT-ULYTAU'] th")).getText())
                .contains("2022-06-08", "AKIMAT-KARAGANDA");
        assertThat(waitFor(By.id("consolidations-error")).getText()).isNotBlank();

        WebElement deadLetter = waitFor(By.cssSelector("#dead-letters-body tr[data-dead-letter-id]"));
        assertThat(deadLetter.getText()).contains("database unavailable").contains(Queues.INTAKE);
        deadLetter.findElement(By.cssSelector("button[data-action='retry']")).click();

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            assertThat(hub.broker.messageCount(Queues.INTAKE)).isEqualTo(1);
            assertThat(hub.broker.messageCount(Queues.DLQ)).isZero();
        });
        waitFor(By.id("dead-letters-empty"));
        // For a human looking at the build: how the console looked at the end of the test.
        Files.write(Path.of("target", "console-screenshot.png"),
                ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    @Test
    void switchesToEnglish() {
        browser.get(hub.baseUrl() + "/");
        waitFor(By.id("lang-switch"));
        String russian = browser.findElement(By.cssSelector("header h1")).getText();

        browser.findElement(By.id("lang-switch")).click();

        assertThat(russian).isEqualTo("Безопасный труд: консоль оператора");
        assertThat(browser.findElement(By.cssSelector("header h1")).getText()).isEqualTo("Safe Labour: operator console");
        browser.findElement(By.id("lang-switch")).click();
    }
}
