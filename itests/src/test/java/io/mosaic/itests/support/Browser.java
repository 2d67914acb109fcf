package io.mosaic.itests.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Headless Chromium driven through Selenium WebDriver: Debian's {@code chromium} and {@code chromium-driver}
 * packages, named explicitly, so that Selenium Manager never looks for (or downloads) a browser or a driver.
 */
public final class Browser implements AutoCloseable {
    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /** {@code required}: a test that needs the browser fails without it; {@code optional}: it is skipped. */
    private static final String REQUIREMENT = "mosaic.itest.browser";
    private static final String REQUIRED = "required";
    private static final String OPTIONAL = "optional";
    private static final int WIDTH = 1280;

    private final ChromeDriver driver;

    private Browser(ChromeDriver driver) {
        this.driver = driver;
    }

    /**
     * Returns when Chromium and its driver are installed; otherwise fails the calling test when the system property
     * {@code mosaic.itest.browser} is {@code required}, and skips it when it is {@code optional} (the default).
     */
    public static void assumeInstalled() {
        assumeInstalled(List.of(CHROMIUM, CHROMEDRIVER), System.getProperty(REQUIREMENT, OPTIONAL));
    }

    static void assumeInstalled(List<Path> programs, String requirement) {
        if (!List.of(REQUIRED, OPTIONAL).contains(requirement)) {
            throw new IllegalArgumentException(REQUIREMENT + " must be " + REQUIRED + " or " + OPTIONAL + ", found '"
                    + requirement + "'");
        }
        List<Path> missing = programs.stream().filter(path -> !Files.isExecutable(path)).toList();
        if (missing.isEmpty()) {
            return;
        }
        String message = "this test needs headless Chromium, but " + missing + " is not installed: install the "
                + "Debian packages chromium and chromium-driver (apt-get install chromium chromium-driver); "
                + REQUIREMENT + "=" + requirement;
        if (requirement.equals(REQUIRED)) {
            throw new AssertionError(message);
        }
        Assumptions.abort(message);
    }

    /** A new headless browser, with its own fresh profile in {@code profile}, that keeps every console message. */
    public static Browser start(Path profile) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--hide-scrollbars", "--user-data-dir=" + profile.toAbsolutePath(),
                "--window-size=" + WIDTH + ",1000");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).build();
        return new Browser(new ChromeDriver(service, options));
    }

    /** Loads {@code file} and waits for its load event. */
    public void open(Path file) {
        driver.get(file.toAbsolutePath().toUri().toString());
    }

    /** Loads the page at {@code url} and waits for its load event. */
    public void open(URI url) {
        driver.get(url.toString());
    }

    /** Runs {@code script} in the page (a function body: {@code return} gives its value) with {@code args}. */
    public Object script(String script, Object... args) {
        return driver.executeScript(script, args);
    }

    /** The console messages logged since the last call, every level. */
    public List<LogEntry> consoleMessages() {
        return driver.manage().logs().get(LogType.BROWSER).getAll();
    }

    /** The console messages at {@code SEVERE} level (errors, uncaught exceptions) logged since the last read. */
    public List<String> severeConsoleMessages() {
        return consoleMessages().stream().filter(entry -> entry.getLevel().equals(Level.SEVERE))
                .map(LogEntry::getMessage).toList();
    }

    /** A screenshot of the whole page, as tall as its content, written to {@code file} as PNG. */
    public Path screenshotOfWholePage(Path file) {
        Number height = (Number) script("return document.documentElement.scrollHeight;");
        driver.manage().window().setSize(new Dimension(WIDTH, height.intValue()));
        Path shot = driver.getScreenshotAs(OutputType.FILE).toPath();
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            return Files.move(shot, file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the screenshot to " + file, e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
