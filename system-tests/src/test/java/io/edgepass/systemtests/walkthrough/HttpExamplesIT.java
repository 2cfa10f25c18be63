package io.edgepass.systemtests.walkthrough;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.stream.Stream;

import io.edgepass.launcher.Service;
import io.edgepass.systemtests.support.CommandRun;
import io.edgepass.systemtests.support.SharedSuite;
import io.edgepass.systemtests.support.SystemSuite;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The IntelliJ HTTP Client examples ({@code examples/edgepass.http}) against the real
 * suite, run by httpYac, which executes their response handlers and exits non-zero when a
 * test in them fails.
 */
@SharedSuite
class HttpExamplesIT {

	private static final String INSTALL = "npm install --prefix .ci/tools/httpyac httpyac@6.16.7";

	private final SystemSuite edgepass;

	HttpExamplesIT(SystemSuite edgepass) {
		this.edgepass = edgepass;
	}

	@Test
	void theHttpExamplesRunCleanAgainstTheSuite() throws Exception {
		Path root = SystemSuite.projectRoot();
		String baseUrl = "http://127.0.0.1:" + this.edgepass.suite().options().ports(Service.GATEWAY).port();
		ProcessBuilder httpyac = new ProcessBuilder(httpyac(root).toString(), "send", "examples/edgepass.http", "--all",
				"--bail", "--no-color", "--output", "short", "--output-failed", "response", "--var",
				"baseUrl=" + baseUrl)
			.directory(root.toFile());
		String log = CommandRun
			.of("httpyac", httpyac, root.resolve("system-tests/target/http-examples.log"), Duration.ofMinutes(3))
			.assertSucceeded()
			.log();
		long requests = Files.readAllLines(root.resolve("examples/edgepass.http"))
			.stream()
			.filter((line) -> line.startsWith("### "))
			.count();
		assertThat(log).as("httpyac's summary; its output:\n%s", log)
			.contains(requests + " requests processed (" + requests + " succeeded)");
	}

	/** The pinned httpYac that .ci/run installs, else one on the PATH. */
	private static Path httpyac(Path root) {
		Path pinned = root.resolve(".ci/tools/httpyac/node_modules/.bin/httpyac");
		Stream<Path> onPath = Stream.of(Objects.requireNonNullElse(System.getenv("PATH"), "").split(File.pathSeparator))
			.filter((directory) -> !directory.isEmpty())
			.map((directory) -> Path.of(directory, "httpyac"));
		return Stream.concat(Stream.of(pinned), onPath)
			.filter(Files::isExecutable)
			.findFirst()
			.orElseThrow(() -> new IllegalStateException(
					"httpyac is needed to run examples/edgepass.http; install it from the repository's root with: "
							+ INSTALL));
	}

}
