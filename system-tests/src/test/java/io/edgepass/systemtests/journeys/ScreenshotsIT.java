package io.edgepass.systemtests.journeys;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import javax.imageio.ImageIO;

import io.edgepass.systemtests.support.Chromium;
import io.edgepass.systemtests.support.Person;
import io.edgepass.systemtests.support.SharedSuite;
import io.edgepass.systemtests.support.SystemSuite;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBe;
import static org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated;

/**
 * The README's pictures, taken from the real suite in Chromium on every run: the web
 * client's token view and the Swagger UI. They are written to
 * {@code system-tests/target/screenshots/}; the build never rewrites committed files, so
 * {@code -Dedgepass.screenshots.update=true} copies them over {@code docs/images/}. Each
 * run checks that the committed pictures have the shape of the fresh ones.
 */
@SharedSuite
class ScreenshotsIT {

	static final Path TAKEN = SystemSuite.projectRoot().resolve("system-tests/target/screenshots");

	static final Path COMMITTED = SystemSuite.projectRoot().resolve("docs/images");

	private static Chromium chromium;

	private final SystemSuite edgepass;

	ScreenshotsIT(SystemSuite edgepass) {
		this.edgepass = edgepass;
	}

	@BeforeAll
	static void startChromium() {
		chromium = Chromium.start(SystemSuite.projectRoot().resolve("system-tests/target/chromium"));
	}

	@AfterAll
	static void quitChromium() {
		if (chromium != null) {
			chromium.close();
		}
	}

	@Test
	void theTokenViewOfALoggedInUser() throws IOException {
		Person person = this.edgepass.register();
		chromium.driver().get(this.edgepass.issuer());
		chromium.type("#login-username", person.username());
		chromium.type("#login-password", person.password());
		chromium.find("#login-submit").click();
		chromium.await("the signed-in user's name", textToBe(By.id("current-user"), person.username()));
		chromium.find("#tab-token").click();
		chromium.await("the token view", visibilityOfElementLocated(By.id("token-view")));
		chromium.await("the decoded payload", visibilityOfElementLocated(By.id("token-payload-json")));
		taken("token-view.png");
	}

	@Test
	void theSwaggerUiWithTheAuthServicesOperations() throws IOException {
		chromium.driver().get(this.edgepass.issuer() + "/docs");
		chromium.await("the Swagger UI's operations",
				visibilityOfElementLocated(By.cssSelector(".swagger-ui .opblock-summary-path")));
		taken("swagger-ui.png");
	}

	private static void taken(String name) throws IOException {
		Path fresh = chromium.screenshot(TAKEN.resolve(name));
		BufferedImage image = ImageIO.read(fresh.toFile());
		assertThat(image).as("%s is a PNG", fresh).isNotNull();
		if (Boolean.getBoolean("edgepass.screenshots.update")) {
			Files.createDirectories(COMMITTED);
			Files.copy(fresh, COMMITTED.resolve(name), StandardCopyOption.REPLACE_EXISTING);
		}
		BufferedImage committed = ImageIO.read(COMMITTED.resolve(name).toFile());
		assertThat(committed).as("docs/images/%s is committed (-Dedgepass.screenshots.update=true)", name).isNotNull();
		assertThat(committed.getWidth()).as("docs/images/%s width", name).isEqualTo(image.getWidth());
		assertThat(committed.getHeight()).as("docs/images/%s height", name).isEqualTo(image.getHeight());
	}

}
