package kz.gov.safework.observe;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import kz.gov.safework.testing.RequiredService;
import org.openqa.selenium.By;
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

    private HeadlessChromium(WebDriver browser) {
        this.browser = browser;
    }

    public static HeadlessChromium start() throws IOException {
        RequiredService.executables(".ci/browser.sh", CHROMIUM, CHROMEDRIVER);
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        Path profile = Files.createTempDirectory("console-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--window-size=1400,2400");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
                .usingAnyFreePort()
                .build();
        return new HeadlessChromium(new ChromeDriver(service, options));
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

    @Override
    public void close() {
        browser.quit();
    }
}
