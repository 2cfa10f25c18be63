package io.edgepass.deployment;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's pictures are committed, are the PNGs the system tests'
 * {@code ScreenshotsIT} takes (a 1280 pixel wide browser window), and are all used. The
 * build without a browser checks this; taking them needs the system tests.
 */
class ReadmeImagesTests {

	private static final Pattern IMAGE = Pattern.compile("!\\[[^\\]]+\\]\\((docs/images/[^)]+)\\)");

	@Test
	void everyPictureTheReadmeShowsIsACommittedScreenshotOfTheBrowserWindow() throws IOException {
		Matcher image = IMAGE.matcher(Repository.read("README.md"));
		List<String> shown = image.results().map((match) -> match.group(1)).toList();
		assertThat(shown).containsExactlyInAnyOrder("docs/images/token-view.png", "docs/images/swagger-ui.png");
		for (String picture : shown) {
			Path file = Repository.path(picture);
			BufferedImage png = ImageIO.read(file.toFile());
			assertThat(png).as("%s is a PNG", picture).isNotNull();
			assertThat(png.getWidth()).as("%s width", picture).isEqualTo(1280);
			assertThat(png.getHeight()).as("%s height", picture).isBetween(600, 900);
		}
		try (var files = Files.list(Repository.path("docs/images"))) {
			assertThat(files.map((file) -> "docs/images/" + file.getFileName()))
				.as("no picture in docs/images/ that the README does not show")
				.containsExactlyInAnyOrderElementsOf(shown);
		}
	}

}
