package kz.gov.safework.observe;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import kz.gov.safework.testing.RequiredService;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
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
 * Debian's chromium driven by its chromedriver, headless, with a profile of its own, for the console's browser
 * tests. Needs /usr/bin/chromium and /usr/bin/chromedriver (.ci/browser.sh installs them): skipped without them,
 * failed in CI ({@link RequiredService}).
 */
public final class HeadlessChromium implements AutoCloseable {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private final WebDriver browser;
    private final Path downloads;

    private HeadlessChromium(WebDriver browser, Path downloads) {
        this.browser = browser;
        this.downloads = downloads;
    }

    public static HeadlessChromium start() throws IOException {
        RequiredService.executables(".ci/browser.sh", CHROMIUM, CHROMEDRIVER);
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        Path profile = Files.createTempDirectory("console-chromium");
        Path downloads = Files.createTempDirectory("console-downloads");
        ChromeOptions options = new ChromeOptions();
        options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
                "download.prompt_for_download", false));
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--window-size=1400,2400");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
                .usingAnyFreePort()
                .build();
        return new HeadlessChromium(new ChromeDriver(service, options), downloads);
    }

    /** Where the browser saves what the console's download links give it (a directory of this browser's own). */
    public Path downloads() {
        return downloads;
    }

    public WebDriver browser() {
        return browser;
    }

    public WebElement waitFor(By locator) {
        return new WebDriverWait(browser, Duration.ofSeconds(15))
                .until(ExpectedConditions.visibilityOfElementLocated(locator));
    }

    /**
     * Signs in on the console's own form, signed out first: the stored login is dropped on a page of the same
     * origin that runs no console script (the console would sign in with it again meanwhile).
     */
    public void signIn(String baseUrl, String login, String password) {
        browser.get(baseUrl + "/console/favicon.svg");
        ((JavascriptExecutor) browser).executeScript("sessionStorage.clear();");
        browser.get(baseUrl + "/");
        waitFor(By.id("login-user")).sendKeys(login);
        browser.findElement(By.id("login-password")).sendKeys(password);
        browser.findElement(By.id("login-submit")).click();
    }

    /** For a human looking at the build: how the page looks now, as target/{name}.png. */
    public Path screenshot(String name) throws IOException {
        Path file = Path.of("target", name + ".png");
        Files.write(file, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        return file;
    }

    /**
     * For the README's tour: the page at {@code width × height} (a reasonably small PNG), as target/{name}.png; the
     * window's size is put back afterwards.
     */
    public Path screenshotAt(String name, int width, int height) throws IOException {
        Dimension before = browser.manage().window().getSize();
        browser.manage().window().setSize(new Dimension(width, height));
        // The window's size includes what the browser draws around the page: make the page itself that size.
        long inner = ((Number) ((JavascriptExecutor) browser).executeScript("return window.innerHeight;")).longValue();
        browser.manage().window().setSize(new Dimension(width, (int) (2L * height - inner)));
        try {
            ((JavascriptExecutor) browser).executeScript("window.scrollTo(0, 0);");
            return screenshot(name);
        } finally {
            browser.manage().window().setSize(before);
        }
    }

    /** What a fetch of {@code url} answered in the page: the status, its Content-Type and the body's bytes. */
    public record Fetched(int status, String contentType, byte[] body) {
    }

    /**
     * Fetches {@code url} from the page with the console's own login, as it keeps it for the session (what a click on
     * one of its download links does): a link is checked by what it really serves to the person signed in.
     */
    public Fetched fetchAsConsole(String url) {
        Object answer = ((JavascriptExecutor) browser).executeAsyncScript(
                "var done = arguments[arguments.length - 1];"
                + "fetch(arguments[0], {headers: {'Authorization': 'Basic ' + sessionStorage.getItem('hub.auth')},"
                + " cache: 'no-store', credentials: 'omit'}).then(function (r) {"
                + "  return r.arrayBuffer().then(function (b) { var bin = '';"
                + "    new Uint8Array(b).forEach(function (x) { bin += String.fromCharCode(x); });"
                + "    done({status: r.status, type: r.headers.get('Content-Type') || '', body: btoa(bin)}); });"
                + "}).catch(function (e) { done({status: -1, type: '', body: '', error: String(e)}); });", url);
        Map<?, ?> fetched = (Map<?, ?>) answer;
        if (fetched.get("error") != null) {
            throw new IllegalStateException("fetch of " + url + " failed in the page: " + fetched.get("error"));
        }
        return new Fetched(((Number) fetched.get("status")).intValue(), (String) fetched.get("type"),
                Base64.getDecoder().decode((String) fetched.get("body")));
    }

    @Override
    public void close() {
        browser.quit();
    }
}
