package io.edgepass.systemtests.walkthrough;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import io.edgepass.launcher.Service;
import io.edgepass.systemtests.support.SharedSuite;
import io.edgepass.systemtests.support.SystemSuite;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's curl walkthrough ({@code examples/walkthrough.sh}) against the real suite.
 */
@SharedSuite
class WalkthroughScriptIT {

	private final SystemSuite edgepass;

	WalkthroughScriptIT(SystemSuite edgepass) {
		this.edgepass = edgepass;
	}

	@Test
	void theCurlWalkthroughRunsCleanAgainstTheSuite() throws Exception {
		Path root = SystemSuite.projectRoot();
		Path output = root.resolve("system-tests/target/walkthrough.log");
		Files.createDirectories(output.getParent());
		ProcessBuilder builder = new ProcessBuilder("bash", root.resolve("examples/walkthrough.sh").toString())
			.redirectErrorStream(true)
			.redirectOutput(output.toFile());
		builder.environment()
			.put("EDGEPASS_URL", "http://127.0.0.1:" + this.edgepass.suite().options().ports(Service.GATEWAY).port());
		Process script = builder.start();
		boolean finished = script.waitFor(3, TimeUnit.MINUTES);
		if (!finished) {
			script.descendants().forEach(ProcessHandle::destroyForcibly);
			script.destroyForcibly().waitFor();
		}
		String log = Files.readString(output, StandardCharsets.UTF_8);
		assertThat(finished).as("the walkthrough finished within 3 minutes:\n%s", log).isTrue();
		assertThat(script.exitValue()).as("the walkthrough's exit code; its output:\n%s", log).isZero();
	}

}
