package io.edgepass.systemtests.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;

import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A headless Chromium (Debian's {@code chromium} and {@code chromedriver} packages)
 * driven by Selenium, with its console collected. Both paths are given explicitly, so
 * Selenium Manager never looks for or downloads a browser or a driver.
 */
public final class Chromium implements AutoCloseable {

	public static final Path BINARY = Path.of("/usr/bin/chromium");

	public static final Path DRIVER = Path.of("/usr/bin/chromedriver");

	private static final Duration WAIT = Duration.ofSeconds(10);

	private final ChromeDriverService service;

	private final ChromeDriver driver;

	private Chromium(ChromeDriverService service, ChromeDriver driver) {
		this.service = service;
		this.driver = driver;
	}

	/**
	 * Starts the browser with a fresh profile.
	 * @param directory where the profile and chromedriver's log go
	 * @return the running browser
	 */
	public static Chromium start(Path directory) {
		for (Path executable : List.of(BINARY, DRIVER)) {
			if (!Files.isExecutable(executable)) {
				throw new IllegalStateException(
						executable + " is missing: apt-get install -y chromium chromium-driver");
			}
		}
		Path profile = directory.resolve("profile-" + UUID.randomUUID());
		try {
			Files.createDirectories(profile);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
			.usingAnyFreePort()
			.withLogFile(directory.resolve("chromedriver.log").toFile())
			.build();
		LoggingPreferences logging = new LoggingPreferences();
		logging.enable(LogType.BROWSER, Level.ALL);
		ChromeOptions options = new ChromeOptions().setBinary(BINARY.toFile())
			.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
					"--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
					"--disable-sync", "--window-size=1280,900", "--user-data-dir=" + profile);
		options.setCapability(ChromeOptions.LOGGING_PREFS, logging);
		try {
			return new Chromium(service, new ChromeDriver(service, options));
		}
		catch (RuntimeException ex) {
			service.stop();
			throw ex;
		}
	}

	public ChromeDriver driver() {
		return this.driver;
	}

	/** Waits (at most 10 s) for a condition; the failure says what was awaited. */
	public <T> T await(String what, ExpectedCondition<T> condition) {
		return new WebDriverWait(this.driver, WAIT).withMessage(what).until(condition);
	}

	public <T> T await(String what, Duration atMost, ExpectedCondition<T> condition) {
		return new WebDriverWait(this.driver, atMost).withMessage(what).until(condition);
	}

	public WebElement find(String css) {
		return this.driver.findElement(By.cssSelector(css));
	}

	public List<WebElement> findAll(String css) {
		return this.driver.findElements(By.cssSelector(css));
	}

	/** Clears a field and types into it, as a user would. */
	public void type(String css, String text) {
		WebElement field = find(css);
		field.clear();
		field.sendKeys(text);
	}

	/**
	 * Saves what the window shows as a PNG.
	 * @param file the PNG to write, replaced if it exists
	 * @return the file
	 */
	public Path screenshot(Path file) {
		byte[] png = this.driver.getScreenshotAs(OutputType.BYTES);
		try {
			Files.createDirectories(file.getParent());
			return Files.write(file, png);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** What the pages logged to the console since the last call. */
	public List<LogEntry> console() {
		return this.driver.manage().logs().get(LogType.BROWSER).getAll();
	}

	@Override
	public void close() {
		try {
			this.driver.quit();
		}
		finally {
			this.service.stop();
		}
	}

}
