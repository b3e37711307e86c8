package kz.gov.safework.cycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import kz.gov.safework.api.ApiAuthentication;
import kz.gov.safework.api.ApiAuthenticator;
import kz.gov.safework.api.BasicCredentials;
import kz.gov.safework.contract.Sha256;
import kz.gov.safework.contract.reference.Principals;
import kz.gov.safework.contract.reference.ReferenceData;
import kz.gov.safework.observe.OperatorActions;
import kz.gov.safework.receipts.ReceiptApiRoutes;
import kz.gov.safework.store.MessageLog;
import kz.gov.safework.receipts.SubmissionTrailRoutes;
import kz.gov.safework.store.SubmissionStore;
import kz.gov.safework.store.SubmissionSteps;
import kz.gov.safework.store.SubmissionTrail;
import kz.gov.safework.observe.ConsoleRoutes;
import kz.gov.safework.observe.HeadlessChromium;
import kz.gov.safework.testing.MutableClock;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * MTSZN's campaign console in a real browser over the real cycle API and store: the first screen says who still
 * owes what and how many days are left, in the language chosen; an agency's page; the consolidation built,
 * previewed, approved after a confirmation and delivered; a document found by its SHA-256 and its page with the
 * receipt and the trail (sending its answers again is the operator's: ConsoleBrowserTest); the Government's read-only
 * view of what MTSZN sent, each download link followed. Screenshots go to target/campaign-*.png (and the README's
 * tour to target/tour-*.png).
 */
class CampaignConsoleBrowserTest {
    private static final StoreFixture STORE = new StoreFixture("campaign-browser-" + UUID.randomUUID());
    private static final MutableClock CLOCK = new MutableClock(day(2022, 12, 1)); // 40 days before 10 January 2023

    private static HeadlessChromium chromium;
    private static WebDriver browser;
    private static CamelContext context;
    private static String baseUrl;
    /** The Government test approves 2021's package, before or after this one. */
    private static final String APPROVED_2022 =
            "SELECT COUNT(*) FROM consolidation WHERE status = 'APPROVED' AND report_year = 2022";
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        chromium = HeadlessChromium.start();
        browser = chromium.browser();
        CampaignApiTest.seed(STORE);
        port = CycleHub.freePort();
        baseUrl = "http://127.0.0.1:" + port;
        ReferenceData reference = CampaignApiTest.withKazakhNames(TestReference.create());
        Path dataDir = Files.createTempDirectory("campaign-browser");
        logOriginal(dataDir, "s-mz", day(2022, 11, 25), "mz-2022.xml");
        new SubmissionSteps(STORE.dataSource, CLOCK).record("s-mz", SubmissionSteps.Kind.RECEIPT_SENT,
                "hub.receipts.sftp", null, null, null, null);
        Principals principals = new Principals(reference);
        ApiAuthenticator authenticator = header -> BasicCredentials.parse(header)
                .filter(c -> c.password().equals(CycleHub.PASSWORDS.get(c.login()))).map(c -> principals.of(c.login()));
        ApiAuthentication anyLogin = ApiAuthentication.anyLogin(authenticator, exchange -> Optional.empty());
        context = CycleHub.start(STORE.dataSource, reference, CLOCK, port, Map.of(), c -> {
            try {
                c.addRoutes(new ConsoleRoutes());
                c.addRoutes(new ReceiptApiRoutes(new SubmissionStore(STORE.dataSource, CLOCK),
                        new MessageLog(dataDir, STORE.dataSource, CLOCK), new OperatorActions(STORE.dataSource), CLOCK,
                        anyLogin));
                SubmissionSteps steps = new SubmissionSteps(STORE.dataSource, CLOCK);
                c.addRoutes(new SubmissionTrailRoutes(new SubmissionStore(STORE.dataSource, CLOCK),
                        new MessageLog(dataDir, STORE.dataSource, CLOCK), steps,
                        new SubmissionTrail(STORE.dataSource, steps), new OperatorActions(STORE.dataSource), CLOCK,
                        anyLogin));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @AfterAll
    static void stop() {
        if (chromium != null) {
            chromium.close();
        }
        if (context != null) {
            context.stop();
        }
    }

    @BeforeEach
    void russian() {
        browser.get(baseUrl + "/console/favicon.svg");
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("localStorage.setItem('hub.lang', 'ru');");
    }

    /**
     * Awaitility for the page: the console re-renders a list when its answer comes, so an element read a moment
     * before can be gone (stale); that is "not yet", like a failed assertion.
     */
    private static org.awaitility.core.ConditionFactory eventually(int seconds) {
        return org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(seconds))
                .ignoreExceptionsInstanceOf(org.openqa.selenium.StaleElementReferenceException.class);
    }

    private static WebElement waitFor(By locator) {
        return chromium.waitFor(locator);
    }

    private static void signInAsMtszn() {
        chromium.signIn(baseUrl, "mtszn", CycleHub.PASSWORDS.get("mtszn"));
        waitFor(By.cssSelector("#owing-list li[data-agency]"));
    }

    @Test
    void mtsznFirstSeesWhoStillOwesWhatByNameAndTheDaysLeft() throws Exception {
        signInAsMtszn();

        assertThat(browser.findElement(By.id("login-panel")).isDisplayed()).isFalse();
        assertThat(browser.findElement(By.id("dashboard")).isDisplayed()).isFalse();
        // The campaign and the documents; the hub's work is the operator's.
        assertThat(browser.findElement(By.cssSelector("#tabs button[data-view='search']")).isDisplayed()).isTrue();
        assertThat(browser.findElement(By.cssSelector("#tabs button[data-view='dashboard']")).isDisplayed()).isFalse();
        assertThat(browser.findElement(By.cssSelector("header h1")).getText())
                .isEqualTo("Безопасный труд: ход отчётной кампании");
        WebElement daysLeft = browser.findElement(By.id("days-left"));
        assertThat(daysLeft.getAttribute("data-days-left")).isEqualTo("40");
        assertThat(daysLeft.getText()).contains("осталось 40 дней").contains("10.01.2023");
        List<String> owing = browser.findElements(By.cssSelector("#owing-list li")).stream()
                .map(li -> li.getAttribute("data-agency")).toList();
        assertThat(owing).containsExactly("MTSZN", "AKIMAT-ASTANA", "AKIMAT-ALMATY", "MZ");
        assertThat(browser.findElement(By.cssSelector("#owing-list li[data-agency='MTSZN']")).getText())
                .contains("Министерство труда и социальной защиты населения").contains("1, 5");
        assertThat(browser.findElement(By.cssSelector("#owing-list li[data-agency='AKIMAT-ALMATY']")).getText())
                .contains("только отклонённые");
        WebElement overall = browser.findElement(By.cssSelector("[data-progress='overall'] .bar"));
        assertThat(overall.getAttribute("aria-valuenow")).isEqualTo("2");
        assertThat(overall.getAttribute("aria-valuemax")).isEqualTo("7");
        assertThat(browser.findElement(By.cssSelector("[data-progress='overall']")).getText())
                .contains("Представлено 2 из 7").contains("с опозданием 1");
        assertThat(browser.findElements(By.cssSelector("#section-bars [data-section]"))).hasSize(2);
        // The matrix is one click deeper.
        assertThat(browser.findElement(By.id("campaign-matrix-view")).isDisplayed()).isFalse();
        chromium.screenshot("campaign-mtszn-ru");
        chromium.screenshotAt("tour-mtszn", 1280, 800);

        browser.findElement(By.cssSelector("#lang-switch button[data-lang='kk']")).click();
        eventually(10).untilAsserted(() -> assertThat(
                browser.findElement(By.cssSelector("#owing-list li[data-agency='MTSZN']")).getText())
                .contains("ҚАЗ Министерство труда и социальной защиты населения"));
        assertThat(browser.findElement(By.id("days-left")).getText()).contains("40 күн қалды");
        assertThat(browser.findElement(By.cssSelector("#owing h2")).getText()).contains("Кім әлі ұсынуы тиіс");
        chromium.screenshot("campaign-mtszn-kk");
    }

    @Test
    void mtsznSeesTheCampaignDayByDayInTwoChartsThatSayTheirNumbers() throws Exception {
        signInAsMtszn();

        // Drawn by uPlot (served by the hub) into each figure, under a title, with a sentence for screen readers.
        eventually(15).untilAsserted(() -> {
            assertThat(browser.findElements(By.cssSelector("#chart-received .chart-plot canvas"))).isNotEmpty();
            assertThat(browser.findElements(By.cssSelector("#chart-reported .chart-plot canvas"))).isNotEmpty();
        });
        assertThat(browser.findElement(By.cssSelector("#chart-received figcaption")).getText())
                .isEqualTo("Документы, полученные за день, по статусу");
        assertThat(browser.findElement(By.cssSelector("#chart-received .chart-summary")).getText())
                .isEqualTo("С 2022-11-20 по 2023-01-10 получено документов: 3 (принят: 2, отклонён: 1)");
        assertThat(browser.findElement(By.cssSelector("#chart-reported .chart-summary")).getText())
                .isEqualTo("На 2022-12-01 представлено 2 из 7 обязательных пар");
        // uPlot's legend names each series; the axes are labelled.
        assertThat(browser.findElement(By.cssSelector("#chart-received .u-legend")).getText())
                .contains("принят", "отклонён");
        assertThat(browser.findElement(By.cssSelector("#chart-reported .u-legend")).getText())
                .contains("представлено", "обязательных");
        assertThat(browser.findElement(By.cssSelector("#chart-reported .chart-plot")).getAttribute("aria-describedby"))
                .isEqualTo("chart-reported-summary");
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
                "document.getElementById('campaign-charts').scrollIntoView();");
        chromium.screenshot("campaign-charts");
    }

    @Test
    void anAgencysPageShowsWhatItOwesAndEveryVersionItSent() throws Exception {
        signInAsMtszn();

        browser.findElement(By.cssSelector("#owing-list li[data-agency='MZ'] button")).click();

        WebElement version = waitFor(By.cssSelector("#agency-versions tr[data-submission-id='s-mz']"));
        assertThat(browser.findElement(By.id("agency-name")).getText()).contains("Министерство здравоохранения");
        assertThat(version.getText()).contains("r-mz").contains("ACCEPTED").contains("1: В процессе исполнения");
        assertThat(browser.findElement(By.cssSelector("#agency-owes tr[data-item='3']")).getText())
                .contains("Разработка концепции безопасного труда").contains("нет сведений");
        assertThat(browser.findElement(By.cssSelector("#agency-owes tr[data-item='1']")).getText())
                .contains("с опозданием");
        chromium.screenshot("campaign-agency");
    }

    @Test
    void theMatrixFiltersByWhoStillOwesAndByName() {
        signInAsMtszn();
        browser.findElement(By.cssSelector("#campaign-matrix-box summary")).click();
        waitFor(By.cssSelector("#campaign-matrix-view tr[data-agency='MVD']"));

        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("matrix-filter-status")))
                .selectByValue("owing");
        assertThat(rows()).containsExactly("MTSZN", "MZ", "AKIMAT-ASTANA", "AKIMAT-ALMATY");
        browser.findElement(By.id("matrix-filter-text")).sendKeys("здрав");
        assertThat(rows()).containsExactly("MZ");
        assertThat(browser.findElement(By.cssSelector("#campaign-matrix-view tr[data-agency='MZ'] th")).getText())
                .isEqualTo("Министерство здравоохранения");
    }

    private static List<String> rows() {
        return browser.findElements(By.cssSelector("#campaign-matrix-view tbody tr")).stream()
                .map(r -> r.getAttribute("data-agency")).toList();
    }

    @Test
    void mtsznBuildsPreviewsAndApprovesAfterConfirmingAndSeesTheDeliveryToTheGovernment() throws Exception {
        signInAsMtszn();
        waitFor(By.id("build-draft")).click();
        WebElement draft = waitFor(By.cssSelector("#consolidation-rows tr[data-status='DRAFT']"));
        waitFor(By.cssSelector("#consolidation-preview tr[data-item='4-1']"));
        assertThat(browser.findElement(By.cssSelector("#consolidation-preview .preview-summary")).getText())
                .contains("Пунктов 5");
        assertThat(draft.findElements(By.cssSelector("a[data-download]"))).hasSize(3);
        String draftId = draft.getAttribute("data-consolidation-id");
        String draftPdf = pdfInThePreview(draftId);
        chromium.screenshot("campaign-consolidation-preview");
        // A draft's PDF is drawn anew at each request (its document id and a compressed object differ, by a byte or
        // so in size), so what the frame shows and what the link serves are compared as PDFs of about the same size;
        // the approved one below, stored once, is compared byte for byte.
        byte[] draftServed = chromium.fetchAsConsole(
                draft.findElement(By.cssSelector("a[data-download='pdf']")).getAttribute("href")).body();
        assertThat(pdfBytes(draftPdf).length).isCloseTo(draftServed.length, withinPercentage(1));

        // A PDF that cannot be fetched is said where it would be, and the tables beside it stay.
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("window.realFetch = window.fetch;"
                + " window.fetch = function (url, options) { return String(url).indexOf('format=pdf') < 0"
                + " ? window.realFetch(url, options) : Promise.resolve(new Response('', {status: 503})); };");
        draft.findElement(By.cssSelector("button[data-action='preview']")).click();
        assertThat(waitFor(By.id("consolidation-pdf-error")).getText()).startsWith("Недоступно: ").contains("503");
        assertThat(browser.findElement(By.id("consolidation-pdf")).isDisplayed()).isFalse();
        assertThat(browser.findElements(By.cssSelector("#consolidation-preview tr[data-item='4-1']"))).isNotEmpty();
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("window.fetch = window.realFetch;");
        assertThatThrownBy(() -> readBlob(draftPdf)).as("the replaced preview's address is revoked")
                .hasMessageContaining("Failed to fetch");

        draft.findElement(By.cssSelector("button[data-action='approve']")).click();
        assertThat(waitFor(By.id("approve-confirm-text")).getText()).contains("версию 1").contains("Правительство");
        browser.findElement(By.id("approve-no")).click();
        assertThat(browser.findElement(By.id("approve-confirm")).isDisplayed()).isFalse();
        assertThat(STORE.count(APPROVED_2022)).isZero();

        browser.findElement(By.cssSelector("#consolidation-rows tr[data-status='DRAFT'] button[data-action='approve']"))
                .click();
        waitFor(By.id("approve-yes")).click();

        WebElement approved = waitFor(By.cssSelector("#consolidation-rows tr[data-status='APPROVED']"));
        assertThat(approved.findElements(By.cssSelector("a[data-download]"))).hasSize(4); // and the manifest
        eventually(15).untilAsserted(() -> assertThat(
                browser.findElements(By.cssSelector("#delivery tr[data-part]"))).hasSize(7));
        assertThat(STORE.count(APPROVED_2022)).isEqualTo(1);
        chromium.screenshot("campaign-consolidation");

        // What each download link serves MTSZN, signed in: the parts the manifest lists, byte for byte.
        WebElement row = browser.findElement(By.cssSelector("#consolidation-rows tr[data-status='APPROVED']"));
        Map<String, HeadlessChromium.Fetched> parts = downloads(row);
        assertThat(parts.keySet()).containsExactlyInAnyOrder("pdf", "xml", "json", "manifest");
        assertPackage(parts, row.getAttribute("data-consolidation-id"));
        // Approved, the preview shows the package's own PDF: the bytes the Government got, SHA-256 for SHA-256.
        assertThat(Sha256.hex(pdfBytes(pdfInThePreview(row.getAttribute("data-consolidation-id")))))
                .isEqualTo(Sha256.hex(parts.get("pdf").body()));
    }

    /**
     * The PDF shown in the consolidation's preview, beside its tables: a frame titled in the console's language whose
     * address is a blob: the page made (the PDF fetched with the login; no login in any address). Its address.
     */
    private static String pdfInThePreview(String consolidationId) {
        WebElement frame = waitFor(By.cssSelector(
                "#consolidation-preview[data-consolidation-id='" + consolidationId + "'] iframe#consolidation-pdf"));
        assertThat(frame.getAttribute("title")).startsWith("Сводный отчёт в PDF");
        assertThat(frame.getRect().getHeight()).as("a frame one can read a page in").isGreaterThan(400);
        String src = frame.getAttribute("src");
        assertThat(src).startsWith("blob:" + baseUrl + "/");
        // Drawn by the browser's PDF viewer: white pages on its dark ground. A frame the page's policy refused shows
        // a light error page instead, and one still loading only the dark ground.
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView();",
                browser.findElement(By.id("consolidation-preview")));
        eventually(20).untilAsserted(() -> {
            java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(
                    frame.getScreenshotAs(org.openqa.selenium.OutputType.BYTES)));
            int white = 0;
            int dark = 0;
            for (int y = 0; y < image.getHeight(); y += 2) {
                for (int x = 0; x < image.getWidth(); x += 2) {
                    java.awt.Color pixel = new java.awt.Color(image.getRGB(x, y));
                    int light = (pixel.getRed() + pixel.getGreen() + pixel.getBlue()) / 3;
                    white += light > 245 ? 1 : 0;
                    dark += light < 70 ? 1 : 0;
                }
            }
            int seen = (image.getHeight() / 2) * (image.getWidth() / 2);
            assertThat(white).as("the PDF's pages").isGreaterThan(seen / 10);
            assertThat(dark).as("the viewer's ground").isGreaterThan(seen / 10);
        });
        return src;
    }

    /** The bytes behind a blob: address of the console: a PDF of some size. */
    private static byte[] pdfBytes(String blobUrl) {
        HeadlessChromium.Fetched shown = readBlob(blobUrl);
        assertThat(shown.status()).isEqualTo(200);
        assertThat(shown.contentType()).isEqualTo("application/pdf");
        assertThat(new String(shown.body(), java.nio.charset.StandardCharsets.US_ASCII)).startsWith("%PDF-");
        assertThat(shown.body().length).isGreaterThan(10_000);
        return shown.body();
    }

    /** Each download link of a package's row or card, followed with the console's login: format → what came back. */
    private static Map<String, HeadlessChromium.Fetched> downloads(WebElement links) {
        Map<String, HeadlessChromium.Fetched> parts = new java.util.LinkedHashMap<>();
        for (WebElement link : links.findElements(By.cssSelector("a[data-download]"))) {
            parts.put(link.getAttribute("data-download"), chromium.fetchAsConsole(link.getAttribute("href")));
        }
        return parts;
    }

    /**
     * The parts of an approved package as the console's links serve them: each 200 with its type and its kind of
     * bytes, and the manifest (of this package) naming the SHA-256 of the XML, JSON and PDF that came.
     */
    private static void assertPackage(Map<String, HeadlessChromium.Fetched> parts, String consolidationId)
            throws Exception {
        Map<String, String> types = Map.of("xml", "application/xml", "json", "application/json",
                "pdf", "application/pdf", "manifest", "application/json");
        Map<String, String> starts = Map.of("xml", "<?xml", "json", "{", "pdf", "%PDF-", "manifest", "{");
        parts.forEach((format, fetched) -> {
            assertThat(fetched.status()).as(format).isEqualTo(200);
            assertThat(fetched.contentType()).as(format).startsWith(types.get(format));
            assertThat(new String(fetched.body(), java.nio.charset.StandardCharsets.UTF_8)).as(format)
                    .startsWith(starts.get(format));
        });
        com.fasterxml.jackson.databind.JsonNode manifest = json(new String(parts.get("manifest").body(),
                java.nio.charset.StandardCharsets.UTF_8));
        assertThat(manifest.path("consolidationId").asText()).isEqualTo(consolidationId);
        assertThat(manifest.path("documents").findValuesAsText("sha256")).containsExactly(
                Sha256.hex(parts.get("xml").body()), Sha256.hex(parts.get("json").body()),
                Sha256.hex(parts.get("pdf").body()));
    }

    /**
     * What a blob: address of the console holds, read in a second tab of the same origin (on a page the hub does not
     * have, so without the console's policy): in the console's own page such a fetch fails, its policy letting it
     * fetch only from the hub ({@code connect-src 'self'}). The console's tab stays, and with it the address.
     */
    private static HeadlessChromium.Fetched readBlob(String blobUrl) {
        String console = browser.getWindowHandle();
        browser.switchTo().newWindow(org.openqa.selenium.WindowType.TAB);
        try {
            browser.get(baseUrl + "/no-console-here");
            return chromium.fetchAsConsole(blobUrl);
        } finally {
            browser.close();
            browser.switchTo().window(console);
        }
    }

    @Test
    void theGovernmentSeesWhatMtsznSentWhetherItArrivedWholeAndDownloadsTheManifest() throws Exception {
        // MTSZN approves 2021's package (2022's is the MTSZN test's to build and approve, whichever runs first)
        // while the Government's queue refuses it: approved, but not yet arrived.
        java.util.concurrent.atomic.AtomicBoolean refusing = new java.util.concurrent.atomic.AtomicBoolean(true);
        context.getEndpoint("mock:outbox", org.apache.camel.component.mock.MockEndpoint.class)
                .whenAnyExchangeReceived(e -> {
                    if (refusing.get()) {
                        throw new IllegalStateException("government.outbox refuses");
                    }
                });
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        String year2021 = "/api/plans/" + TestReference.PLAN + "/years/2021";
        String id = json(CycleHub.post(http, port, year2021 + "/consolidations", "mtszn").body()).path("id").asText();
        String manifestSha;
        By cardOf = By.cssSelector("#gov-packages article[data-consolidation-id='" + id + "']");
        try {
            manifestSha = json(CycleHub.post(http, port, year2021 + "/consolidations/" + id + "/approve", "mtszn")
                    .body()).path("manifestSha256").asText();
            chromium.signIn(baseUrl, "government", CycleHub.PASSWORDS.get("government"));
            WebElement partly = waitFor(cardOf);
            assertThat(partly.getAttribute("data-delivered")).isEqualTo("partly");
            assertThat(partly.getText()).contains("Пакет получен не полностью: 0 из 7 частей")
                    .contains("Ещё не поступили: consolidated-report-" + TestReference.PLAN + "-2021-v1.xml");
            assertThat(browser.findElement(By.id("gov-headline")).getText()).contains("Пакет получен не полностью");
            chromium.screenshot("campaign-government-pending");
        } finally {
            refusing.set(false);
        }
        // The relay sends it on its next tick; "refresh" shows it arrived. Each refresh draws the list anew, so every
        // try reads the card its own refresh drew: no refresh is still on its way to replace the card read below.
        eventually(20).pollInterval(Duration.ofMillis(500))
                .ignoreExceptionsMatching(e -> e instanceof org.openqa.selenium.StaleElementReferenceException
                        || e instanceof org.openqa.selenium.TimeoutException)
                .untilAsserted(() -> {
                    WebElement drawn = browser.findElement(cardOf);
                    browser.findElement(By.id("gov-reload")).click();
                    new org.openqa.selenium.support.ui.WebDriverWait(browser, Duration.ofSeconds(5))
                            .until(org.openqa.selenium.support.ui.ExpectedConditions.stalenessOf(drawn));
                    assertThat(browser.findElement(cardOf).getAttribute("data-delivered")).isEqualTo("all");
                });
        WebElement card = browser.findElement(cardOf);

        // First: what MTSZN sent and whether it came whole, in the reader's language.
        assertThat(browser.findElement(By.cssSelector("header h1")).getText())
                .isEqualTo("Безопасный труд: сводные отчёты МТСЗН для Правительства");
        assertThat(browser.findElement(By.id("gov-headline")).getText())
                .contains("Получено сводных отчётов").contains("Пакет получен полностью");
        assertThat(card.getAttribute("data-year")).isEqualTo("2021");
        assertThat(card.getAttribute("data-delivered")).isEqualTo("all");
        assertThat(card.getText()).contains("За 2021 год, версия 1").contains("действующая версия")
                .contains("Утверждён МТСЗН").contains("mtszn").contains("7 из 7 частей")
                .contains("органов без сведений").contains(manifestSha);
        // Nothing else: no tabs, no campaign, no documents, no hub, nothing to press but downloads; approved only.
        for (String hidden : List.of("tabs", "campaign", "search", "dashboard", "login-panel")) {
            assertThat(browser.findElement(By.id(hidden)).isDisplayed()).as(hidden).isFalse();
        }
        assertThat(browser.findElements(By.cssSelector("#government [data-action]"))).isEmpty();
        assertThat(browser.findElements(By.cssSelector("#gov-packages article")))
                .hasSize(STORE.count("SELECT COUNT(*) FROM consolidation WHERE status = 'APPROVED'"));
        chromium.screenshot("campaign-government-ru");
        chromium.screenshotAt("tour-government", 1280, 800);

        // The manifest link gives the browser the file the approval hashed; every link serves its part.
        card.findElement(By.cssSelector("a[data-download='manifest']")).click();
        Path saved = chromium.downloads().resolve("consolidated-report-" + TestReference.PLAN + "-2021-v1.manifest.json");
        eventually(15).untilAsserted(() -> assertThat(saved).exists());
        eventually(15).untilAsserted(() -> assertThat(Sha256.hex(Files.readAllBytes(saved))).isEqualTo(manifestSha));
        assertPackage(downloads(card), id);

        browser.findElement(By.cssSelector("#lang-switch button[data-lang='kk']")).click();
        eventually(10).untilAsserted(() -> assertThat(browser.findElement(By.id("gov-headline")).getText())
                .contains("Пакет толық алынды"));
        assertThat(browser.findElement(By.cssSelector("header h1")).getText())
                .isEqualTo("Қауіпсіз еңбек: ЕХӘҚМ-нің Үкіметке жиынтық есептері");
        chromium.screenshot("campaign-government-kk");
    }

    private static com.fasterxml.jackson.databind.JsonNode json(String body) throws Exception {
        return kz.gov.safework.contract.Json.mapper().readTree(body);
    }

    @Test
    void anAgencyLoginIsRefusedWithAReason() {
        chromium.signIn(baseUrl, "mvd", CycleHub.PASSWORDS.get("mvd"));
        eventually(10).untilAsserted(() -> assertThat(
                browser.findElement(By.id("login-error")).getText()).contains("оператору, МТСЗН и Правительству"));
        assertThat(browser.findElement(By.id("campaign")).isDisplayed()).isFalse();
    }

    @Test
    void mtsznFindsADocumentByItsSha256AndOpensItsReceiptAndOriginal() throws Exception {
        signInAsMtszn();
        browser.findElement(By.cssSelector("#tabs button[data-view='search']")).click();
        waitFor(By.id("search-q")).sendKeys(Sha256.hex("s-mz"));
        browser.findElement(By.id("search-submit")).click();

        // The tab lists every document before the search's own answer replaces the list.
        eventually(10).untilAsserted(() -> assertThat(browser.findElements(By.cssSelector("#search-body tr"))
                .stream().map(tr -> tr.getAttribute("data-submission-id")).toList()).containsExactly("s-mz"));
        WebElement row = browser.findElement(By.cssSelector("#search-body tr[data-submission-id='s-mz']"));
        assertThat(row.getText()).contains("MZ").contains("r-mz").contains("mz-2022.xml").contains("ACCEPTED");
        row.findElement(By.cssSelector("details summary")).click();
        eventually(10).untilAsserted(() -> assertThat(
                row.findElement(By.cssSelector("details pre")).getText()).isEqualTo("{}"));
        chromium.screenshot("campaign-search");

        row.findElement(By.cssSelector("button[data-action='original']")).click();
        eventually(10).untilAsserted(() -> assertThat(STORE.count(
                "SELECT COUNT(*) FROM operator_action WHERE action = 'VIEW_DOCUMENT' AND target = 's-mz'"
                        + " AND operator_login = 'mtszn'")).isEqualTo(1));
    }

    /**
     * A search the hub refuses (a text longer than the API takes) is said in the search's own line, and the page and
     * the login stay: only a login the hub no longer accepts signs out.
     */
    @Test
    void aSearchTheHubRefusesIsSaidBesideTheSearch() {
        signInAsMtszn();
        browser.findElement(By.cssSelector("#tabs button[data-view='search']")).click();
        waitFor(By.id("search-q")).sendKeys("x".repeat(257));
        browser.findElement(By.id("search-submit")).click();

        eventually(10).untilAsserted(() -> assertThat(browser.findElement(By.id("search-error")).getText())
                .startsWith("Недоступно: ").contains("256"));
        assertThat(browser.findElement(By.id("search-error")).isDisplayed()).isTrue();
        assertThat(browser.findElement(By.id("tabs")).isDisplayed()).as("still signed in").isTrue();
    }

    @Test
    void mtsznSeesADocumentsTrailButCannotSendItAgain() {
        signInAsMtszn();
        browser.findElement(By.cssSelector("#tabs button[data-view='search']")).click();
        waitFor(By.id("search-q")).sendKeys("s-mz");
        browser.findElement(By.id("search-submit")).click();
        eventually(10).untilAsserted(() -> assertThat(browser.findElements(By.cssSelector("#search-body tr"))
                .stream().map(tr -> tr.getAttribute("data-submission-id")).toList()).containsExactly("s-mz"));
        browser.findElement(By.cssSelector("#search-body tr[data-submission-id='s-mz'] button[data-action='open']"))
                .click();
        eventually(10).untilAsserted(() -> assertThat(browser.findElements(
                By.cssSelector("#submission-trail tr[data-step='JUDGED']"))).isNotEmpty());
        assertThat(browser.findElement(By.id("submission-resend")).isDisplayed()).isFalse();
        assertThat(browser.findElement(By.id("submission-republish")).isDisplayed()).isFalse();
    }

    /** The original of a stored submission in the message log, as the pipeline logs it. */
    private static void logOriginal(Path dataDir, String id, Instant at, String fileName) throws Exception {
        byte[] body = id.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String sha = Sha256.hex(id);
        Path file = dataDir.resolve(MessageLog.FOLDER).resolve(at.toString().substring(0, 10)).resolve(id + "." + sha);
        Files.createDirectories(file.getParent());
        Files.write(file, body);
        try (var c = STORE.dataSource.getConnection(); var ps = c.prepareStatement(
                "INSERT INTO message_log (submission_id, channel, login, agency, transport_id, file_name, content_type,"
                + " received_at, logged_at, size_bytes, sha256, body_path)"
                + " VALUES (?, 'sftp', 'mz', 'MZ', ?, ?, 'application/xml', ?, ?, ?, ?, ?)")) {
            ps.setString(1, id);
            ps.setString(2, "t-" + id);
            ps.setString(3, fileName);
            ps.setTimestamp(4, java.sql.Timestamp.from(at));
            ps.setTimestamp(5, java.sql.Timestamp.from(at));
            ps.setLong(6, body.length);
            ps.setString(7, sha);
            ps.setString(8, dataDir.relativize(file).toString());
            ps.executeUpdate();
        }
    }

    private static Instant day(int year, int month, int day) {
        return LocalDate.of(year, month, day).atTime(10, 0).atZone(ZoneId.of("Asia/Almaty")).toInstant();
    }
}
