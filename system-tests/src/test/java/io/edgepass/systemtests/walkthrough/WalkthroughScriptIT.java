package io.edgepass.systemtests.walkthrough;

import java.nio.file.Path;
import java.time.Duration;

import io.edgepass.launcher.Service;
import io.edgepass.systemtests.support.CommandRun;
import io.edgepass.systemtests.support.SharedSuite;
import io.edgepass.systemtests.support.SystemSuite;
import org.junit.jupiter.api.Test;

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
		ProcessBuilder script = new ProcessBuilder("bash", root.resolve("examples/walkthrough.sh").toString());
		script.environment()
			.put("EDGEPASS_URL", "http://127.0.0.1:" + this.edgepass.suite().options().ports(Service.GATEWAY).port());
		CommandRun
			.of("the walkthrough", script, root.resolve("system-tests/target/walkthrough.log"), Duration.ofMinutes(3))
			.assertSucceeded();
	}

}
