package kz.gov.safework.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import kz.gov.safework.contract.envelope.Queues;
import kz.gov.safework.contract.reference.Plan;
import kz.gov.safework.contract.reference.ReferenceData;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * The console in a real browser (Debian's chromium and chromium-driver, headless): an operator signs in,
 * sees a submission the test stored, sees the matrix in colour, and replays a dead letter with its button
 * until it is back on hub.intake; switches between Kazakh, Russian and English ({@link HeadlessChromium}: skipped
 * without chromium, failed in CI). MTSZN's campaign screen is CampaignConsoleBrowserTest's, over the real cycle API.
 */
class ConsoleBrowserTest {
    private static final String PLAN = "safe-labour-2025";

    private static ObserveTestHub hub;
    private static HeadlessChromium chromium;
    private static WebDriver browser;
    private static kz.gov.safework.store.SubmissionSteps steps;

    @BeforeAll
    static void startHubAndBrowser() throws Exception {
        chromium = HeadlessChromium.start();
        browser = chromium.browser();
        hub = new ObserveTestHub(new ReferenceData(List.of(), List.of(), List.of(
                new Plan(PLAN, "План мероприятий «Безопасный труд»", "Safe Labour action plan", null, List.of(),
                        null, null, 2021, 2025, List.of(), List.of()))));
        // Provenance as the hub serves it (search, receipt, original, trail, sending again) over the same store.
        java.time.Clock clock = java.time.Clock.systemUTC();
        kz.gov.safework.store.SubmissionStore store = new kz.gov.safework.store.SubmissionStore(hub.dataSource, clock);
        kz.gov.safework.store.MessageLog messageLog = new kz.gov.safework.store.MessageLog(hub.dataDir, hub.dataSource,
                clock);
        steps = new kz.gov.safework.store.SubmissionSteps(hub.dataSource, clock);
        kz.gov.safework.api.ApiAuthentication anyLogin = kz.gov.safework.api.ApiAuthentication.anyLogin(
                new TestAuthenticator(), exchange -> java.util.Optional.empty());
        hub.context.addRoutes(new kz.gov.safework.receipts.ReceiptApiRoutes(store, messageLog,
                new OperatorActions(hub.dataSource), clock, anyLogin));
        hub.context.addRoutes(new kz.gov.safework.receipts.SubmissionTrailRoutes(store, messageLog, steps,
                new kz.gov.safework.store.SubmissionTrail(hub.dataSource, steps), new OperatorActions(hub.dataSource),
                clock, anyLogin));
        hub.context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                // Stand in for the cycle's API (another capability): who signed in, and the matrix;
                // consolidations stay absent on purpose.
                from("platform-http:/api/me").routeId("test-me")
                        .removeHeaders("*")
                        .setHeader(Exchange.CONTENT_TYPE, constant("application/json"))
                        .setBody(constant("{\"login\":\"operator\",\"roles\":[\"OPERATOR\"],\"plans\":[{\"id\":\""
                                + PLAN + "\",\"firstReportingYear\":2021,\"lastReportingYear\":2025,"
                                + "\"campaignYear\":2022}]}"));
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
    }

    @AfterAll
    static void stop() throws Exception {
        if (chromium != null) {
            chromium.close();
        }
        if (hub != null) {
            hub.close();
        }
    }

    private static WebElement waitFor(By locator) {
        return chromium.waitFor(locator);
    }

    @Test
    void operatorSeesSubmissionMatrixAndReplaysDeadLetterToIntake() throws Exception {
        hub.insertSubmission("sub-browser-1", "MZ", "ACCEPTED",
                "{\"submissionId\":\"sub-browser-1\",\"agency\":\"MZ\",\"status\":\"ACCEPTED\",\"errors\":[]}");
        hub.broker.deadLetter(Queues.INTAKE, "<report/>", Map.of(
                "swChannel", "jms", "swAgency", "MZ", DeadLetters.FAILURE, "database unavailable"));

        chromium.signIn(hub.baseUrl(), TestAuthenticator.OPERATOR, TestAuthenticator.OPERATOR_PASSWORD);

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
        // The operator's dashboard; the campaign is one tab away.
        assertThat(browser.findElement(By.id("tabs")).isDisplayed()).isTrue();
        chromium.screenshot("console-screenshot");
        // The README's tour shows the first screen as an operator opens it, without this test's notices.
        browser.navigate().refresh();
        waitFor(By.cssSelector("#headline[data-headline]"));
        chromium.screenshotAt("tour-operator", 1280, 800);
    }

    @Test
    void theFirstLineSaysAllIsWellAndThenNamesWhatNeedsTheOperatorWithTheDeadLettersChart() throws Exception {
        hub.purgeQueues();
        browser.get(hub.baseUrl() + "/console/favicon.svg");
        ((JavascriptExecutor) browser).executeScript("localStorage.setItem('hub.lang', 'en');");
        chromium.signIn(hub.baseUrl(), TestAuthenticator.OPERATOR, TestAuthenticator.OPERATOR_PASSWORD);
        try {
            WebElement headline = waitFor(By.cssSelector("#headline[data-headline='ok']"));
            assertThat(headline.getText()).startsWith("All is well");
            assertThat(browser.findElements(By.cssSelector("#headline-items li"))).isEmpty();
            assertThat(browser.findElement(By.cssSelector("#chart-dead-letters .chart-summary")).getText())
                    .isEqualTo("The DLQ is empty");
            assertThat(browser.findElements(By.cssSelector("#chart-dead-letters .chart-plot")))
                    .as("an empty DLQ draws no axes").isEmpty();

            // An operator stops a channel, and three documents die: two came in on 2 March, one on 3 March (Almaty).
            assertThat(hub.postAsOperator("/api/operator/channels/sftp/suspend", "{\"reason\":\"disk check\"}")
                    .statusCode()).isEqualTo(200);
            for (String receivedAt : new String[] {"2026-03-01T20:00:00Z", "2026-03-02T05:00:00Z",
                    "2026-03-03T10:00:00Z"}) {
                hub.broker.deadLetter(Queues.INTAKE, "<report/>", Map.of("swChannel", "sftp",
                        kz.gov.safework.contract.envelope.EnvelopeHeaders.RECEIVED_AT, receivedAt));
            }

            waitFor(By.cssSelector("#headline[data-headline='warn'] li[data-needs='dead-letters']"));
            await().atMost(Duration.ofSeconds(10))
                    .ignoreExceptionsInstanceOf(org.openqa.selenium.StaleElementReferenceException.class)
                    .untilAsserted(() -> {
                        assertThat(browser.findElement(By.id("headline-text")).getText()).isEqualTo("Needs you:");
                        assertThat(browser.findElements(By.cssSelector("#headline-items li a")).stream()
                                .map(a -> a.getAttribute("href").replaceAll(".*#", "#") + " " + a.getText()).toList())
                                .containsExactly("#intake Intake suspended: " + channelLabel("sftp"),
                                        "#dead-letters Dead letters in the DLQ: 3");
                    });
            WebElement chart = browser.findElement(By.id("chart-dead-letters"));
            await().atMost(Duration.ofSeconds(10))
                    .ignoreExceptionsInstanceOf(org.openqa.selenium.StaleElementReferenceException.class)
                    .untilAsserted(() -> assertThat(browser.findElement(
                            By.cssSelector("#chart-dead-letters .chart-summary")).getText()).isEqualTo(
                            "Dead letters in the DLQ: 3; by the day they arrived: 2026-03-02: 2, 2026-03-03: 1"));
            assertThat(chart.findElements(By.cssSelector(".chart-plot canvas"))).isNotEmpty();
            assertThat(chart.findElement(By.tagName("figcaption")).getText())
                    .isEqualTo("Dead letters by the day they arrived");
            chromium.screenshot("console-headline");
        } finally {
            hub.postAsOperator("/api/operator/channels/sftp/resume", null);
            hub.purgeQueues();
            ((JavascriptExecutor) browser).executeScript("localStorage.setItem('hub.lang', 'ru');");
        }
    }

    /** The channel's name as the console shows it in English. */
    private static String channelLabel(String channel) {
        return String.valueOf(((JavascriptExecutor) browser).executeScript(
                "return window.I18N.en['channel_' + arguments[0]] || arguments[0];", channel));
    }

    @Test
    void operatorSuspendsAndResumesAChannelWithAReasonShownAsText() throws Exception {
        String hostile = "<img src=x onerror=\"window.pwned=1\">disk check";
        chromium.signIn(hub.baseUrl(), TestAuthenticator.OPERATOR, TestAuthenticator.OPERATOR_PASSWORD);
        By receiving = By.cssSelector("#intake-body tr[data-intake-channel='sftp'][data-intake-state='RECEIVING']");
        WebElement row = waitFor(receiving);
        WebElement suspend = row.findElement(By.cssSelector("button[data-action='suspend']"));
        assertThat(suspend.isEnabled()).as("no suspension without a reason").isFalse();
        row.findElement(By.cssSelector("input[data-intake-reason-for='sftp']")).sendKeys(hostile);
        suspend.click();

        WebElement suspended = waitFor(
                By.cssSelector("#intake-body tr[data-intake-channel='sftp'][data-intake-state='SUSPENDED']"));
        assertThat(suspended.getText()).contains(hostile).contains(TestAuthenticator.OPERATOR);
        assertThat(suspended.findElements(By.tagName("img"))).isEmpty();
        assertThat(((JavascriptExecutor) browser).executeScript("return window.pwned === undefined;")).isEqualTo(true);
        // A deliberate state, not an alarm: its own badge, neither warning nor failure.
        assertThat(suspended.findElement(By.cssSelector(".badge")).getAttribute("class").split(" "))
                .contains("paused").doesNotContain("bad", "warn");
        chromium.screenshot("console-channel-suspended");

        suspended.findElement(By.cssSelector("button[data-action='resume']")).click();
        waitFor(receiving);
        await().atMost(Duration.ofSeconds(10))
                .ignoreExceptionsInstanceOf(org.openqa.selenium.StaleElementReferenceException.class)
                .untilAsserted(() -> assertThat(browser.findElement(By.id("actions-body")).getText())
                        .contains("SUSPEND_CHANNEL").contains("RESUME_CHANNEL").contains("channel/sftp"));
    }

    @Test
    void switchesBetweenKazakhRussianAndEnglishAndRemembersTheChoice() {
        browser.get(hub.baseUrl() + "/");
        waitFor(By.id("lang-switch"));
        String russian = browser.findElement(By.cssSelector("header h1")).getText();

        browser.findElement(By.cssSelector("#lang-switch button[data-lang='en']")).click();
        String english = browser.findElement(By.cssSelector("header h1")).getText();
        browser.findElement(By.cssSelector("#lang-switch button[data-lang='kk']")).click();
        browser.navigate().refresh();
        String kazakh = waitFor(By.cssSelector("header h1")).getText();
        browser.findElement(By.cssSelector("#lang-switch button[data-lang='ru']")).click();

        assertThat(russian).isEqualTo("Безопасный труд: консоль оператора");
        assertThat(english).isEqualTo("Safe Labour: operator console");
        assertThat(kazakh).isEqualTo("Қауіпсіз еңбек: оператор консолі");
        assertThat(browser.findElement(By.cssSelector("header h1")).getText()).isEqualTo(russian);
    }

    @Test
    void everyConsoleTextIsInKazakhRussianAndEnglish() {
        browser.get(hub.baseUrl() + "/");
        waitFor(By.id("lang-switch"));
        Object missing = ((JavascriptExecutor) browser).executeScript(
                "var keys = {}; ['kk', 'ru', 'en'].forEach(function (l) { Object.keys(window.I18N[l])"
                + ".forEach(function (k) { keys[k] = true; }); });"
                + "return Object.keys(keys).filter(function (k) { return !['kk', 'ru', 'en'].every(function (l) {"
                + " return typeof window.I18N[l][k] === 'string' && window.I18N[l][k].length > 0; }); });");
        assertThat((List<?>) missing).isEmpty();
        assertThat(((Number) ((JavascriptExecutor) browser)
                .executeScript("return Object.keys(window.I18N.kk).length;")).intValue()).isGreaterThan(100);
    }

    @Test
    void operatorFindsADocumentByItsSha256AndOpensItsPageWithItsTrailAndIsAskedBeforeSendingItAgain() throws Exception {
        hub.insertSubmission("sub-trail-1", "MZ", "ACCEPTED",
                "{\"submissionId\":\"sub-trail-1\",\"agency\":\"MZ\",\"status\":\"ACCEPTED\",\"errors\":[]}");
        steps.record("sub-trail-1", kz.gov.safework.store.SubmissionSteps.Kind.RECEIPT_SENT, "hub.receipts.jms",
                "receipts.MZ.own", "c-1", null, null);
        chromium.signIn(hub.baseUrl(), TestAuthenticator.OPERATOR, TestAuthenticator.OPERATOR_PASSWORD);
        waitFor(By.cssSelector("#tabs button[data-view='search']")).click();
        // Found by the document's SHA-256, as an operator holding an agency's file would look it up.
        waitFor(By.id("search-q")).sendKeys(ObserveTestHub.sha256Of("sub-trail-1"));
        browser.findElement(By.id("search-submit")).click();
        await().atMost(Duration.ofSeconds(10))
                .ignoreExceptionsInstanceOf(org.openqa.selenium.StaleElementReferenceException.class)
                .untilAsserted(() -> assertThat(browser.findElements(By.cssSelector("#search-body tr")).stream()
                        .map(tr -> tr.getAttribute("data-submission-id")).toList()).containsExactly("sub-trail-1"));
        browser.findElement(By.cssSelector("#search-body tr[data-submission-id='sub-trail-1'] button[data-action='open']"))
                .click();

        assertThat(waitFor(By.cssSelector("#submission-view[data-submission-id='sub-trail-1']")).isDisplayed()).isTrue();
        await().atMost(Duration.ofSeconds(10))
                .ignoreExceptionsInstanceOf(org.openqa.selenium.StaleElementReferenceException.class)
                .untilAsserted(() -> assertThat(browser.findElements(By.cssSelector("#submission-trail tr")).stream()
                        .map(tr -> tr.getAttribute("data-step")).toList())
                        .containsSubsequence("RECEIVED", "JUDGED", "STORED", "RECEIPT_SENT"));
        assertThat(browser.findElement(By.cssSelector("#submission-trail tr[data-step='RECEIPT_SENT']")).getText())
                .contains("Квитанция отправлена").contains("addressedTo: receipts.MZ.own");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                browser.findElement(By.id("submission-receipt")).getText()).contains("\"sub-trail-1\""));
        assertThat(browser.findElement(By.id("submission-republish")).isEnabled()).isTrue();

        // Sending again asks first, naming the document; "cancel" sends nothing and records nothing.
        browser.findElement(By.id("submission-resend")).click();
        WebElement confirm = browser.findElement(By.id("submission-confirm"));
        assertThat(confirm.isDisplayed()).isTrue();
        assertThat(browser.findElement(By.id("submission-confirm-text")).getText())
                .contains("sub-trail-1").contains("ещё раз");
        chromium.screenshot("console-submission");
        browser.findElement(By.id("submission-confirm-no")).click();
        assertThat(confirm.isDisplayed()).isFalse();
        assertThat(new OperatorActions(hub.dataSource).recent(100)).noneMatch(a -> a.target() != null
                && a.target().equals("sub-trail-1"));
    }
}
