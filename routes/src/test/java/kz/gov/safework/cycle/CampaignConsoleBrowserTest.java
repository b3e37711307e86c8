package kz.gov.safework.cycle;

import static org.assertj.core.api.Assertions.assertThat;

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
import kz.gov.safework.api.ApiAuthenticator;
import kz.gov.safework.api.BasicCredentials;
import kz.gov.safework.contract.Sha256;
import kz.gov.safework.contract.reference.Principals;
import kz.gov.safework.contract.reference.ReferenceData;
import kz.gov.safework.contract.report.ItemStatus;
import kz.gov.safework.observe.OperatorActions;
import kz.gov.safework.receipts.ReceiptApiRoutes;
import kz.gov.safework.store.MessageLog;
import kz.gov.safework.receipts.SubmissionTrailRoutes;
import kz.gov.safework.store.SubmissionStore;
import kz.gov.safework.store.SubmissionSteps;
import kz.gov.safework.store.SubmissionTrail;
import kz.gov.safework.cycle.StoreFixture.Entry;
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
 * receipt and the trail (sending its answers again is the operator's: ConsoleBrowserTest). Screenshots go to target/campaign-*.png.
 */
class CampaignConsoleBrowserTest {
    private static final StoreFixture STORE = new StoreFixture("campaign-browser-" + UUID.randomUUID());
    private static final MutableClock CLOCK = new MutableClock(day(2022, 12, 1)); // 40 days before 10 January 2023

    private static HeadlessChromium chromium;
    private static WebDriver browser;
    private static CamelContext context;
    private static String baseUrl;

    @BeforeAll
    static void start() throws Exception {
        chromium = HeadlessChromium.start();
        browser = chromium.browser();
        STORE.accepted("s-mvd", "MVD", "r-mvd", 2022, day(2022, 11, 20), false, null,
                Entry.of("4-1", ItemStatus.COMPLETED, "Исполнено"));
        STORE.accepted("s-mz", "MZ", "r-mz", 2022, day(2022, 11, 25), true, null,
                Entry.of("1", ItemStatus.IN_PROGRESS, "В работе"));
        STORE.rejected("s-almaty", "AKIMAT-ALMATY", 2022, day(2022, 11, 26));
        int port = CycleHub.freePort();
        baseUrl = "http://127.0.0.1:" + port;
        ReferenceData reference = CampaignApiTest.withKazakhNames(TestReference.create());
        Path dataDir = Files.createTempDirectory("campaign-browser");
        logOriginal(dataDir, "s-mz", day(2022, 11, 25), "mz-2022.xml");
        new SubmissionSteps(STORE.dataSource, CLOCK).record("s-mz", SubmissionSteps.Kind.RECEIPT_SENT,
                "hub.receipts.sftp", null, null, null, null);
        Principals principals = new Principals(reference);
        ApiAuthenticator authenticator = header -> BasicCredentials.parse(header)
                .filter(c -> c.password().equals(CycleHub.PASSWORDS.get(c.login()))).map(c -> principals.of(c.login()));
        context = CycleHub.start(STORE.dataSource, reference, CLOCK, port, Map.of(), c -> {
            try {
                c.addRoutes(new ConsoleRoutes());
                c.addRoutes(new ReceiptApiRoutes(new SubmissionStore(STORE.dataSource, CLOCK),
                        new MessageLog(dataDir, STORE.dataSource, CLOCK), new OperatorActions(STORE.dataSource), CLOCK,
                        authenticator, exchange -> Optional.empty()));
                SubmissionSteps steps = new SubmissionSteps(STORE.dataSource, CLOCK);
                c.addRoutes(new SubmissionTrailRoutes(new SubmissionStore(STORE.dataSource, CLOCK),
                        new MessageLog(dataDir, STORE.dataSource, CLOCK), steps,
                        new SubmissionTrail(STORE.dataSource, steps), new OperatorActions(STORE.dataSource), CLOCK,
                        authenticator, exchange -> Optional.empty()));
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

        browser.findElement(By.cssSelector("#lang-switch button[data-lang='kk']")).click();
        eventually(10).untilAsserted(() -> assertThat(
                browser.findElement(By.cssSelector("#owing-list li[data-agency='MTSZN']")).getText())
                .contains("ҚАЗ Министерство труда и социальной защиты населения"));
        assertThat(browser.findElement(By.id("days-left")).getText()).contains("40 күн қалды");
        assertThat(browser.findElement(By.cssSelector("#owing h2")).getText()).contains("Кім әлі ұсынуы тиіс");
        chromium.screenshot("campaign-mtszn-kk");
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
        assertThat(draft.findElements(By.cssSelector("button[data-download]"))).hasSize(3);

        draft.findElement(By.cssSelector("button[data-action='approve']")).click();
        assertThat(waitFor(By.id("approve-confirm-text")).getText()).contains("версию 1").contains("Правительство");
        browser.findElement(By.id("approve-no")).click();
        assertThat(browser.findElement(By.id("approve-confirm")).isDisplayed()).isFalse();
        assertThat(STORE.count("SELECT COUNT(*) FROM consolidation WHERE status = 'APPROVED'")).isZero();

        browser.findElement(By.cssSelector("#consolidation-rows tr[data-status='DRAFT'] button[data-action='approve']"))
                .click();
        waitFor(By.id("approve-yes")).click();

        WebElement approved = waitFor(By.cssSelector("#consolidation-rows tr[data-status='APPROVED']"));
        assertThat(approved.findElements(By.cssSelector("button[data-download]"))).hasSize(4); // and the manifest
        eventually(15).untilAsserted(() -> assertThat(
                browser.findElements(By.cssSelector("#delivery tr[data-part]"))).hasSize(7));
        assertThat(STORE.count("SELECT COUNT(*) FROM consolidation WHERE status = 'APPROVED'")).isEqualTo(1);
        chromium.screenshot("campaign-consolidation");
    }

    @Test
    void anAgencyLoginIsRefusedWithAReason() {
        chromium.signIn(baseUrl, "mvd", CycleHub.PASSWORDS.get("mvd"));
        eventually(10).untilAsserted(() -> assertThat(
                browser.findElement(By.id("login-error")).getText()).contains("оператору и МТСЗН"));
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
