package io.edgepass.systemtests.attacks;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

import io.edgepass.launcher.ServicePorts;
import io.edgepass.systemtests.support.EdgeAssertions;
import io.edgepass.systemtests.support.SystemSuite;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway refuses to start in HS256 mode with a secret under 256 bits (THREATS A5).
 */
class WeakConfigurationIT {

	@Test
	void theGatewayRefusesToStartWithAnHs256SecretUnder256Bits() throws Exception {
		Path root = SystemSuite.projectRoot();
		Path log = root.resolve("system-tests/target/suite-logs/weak-hs256-gateway.log");
		Files.createDirectories(log.getParent());
		ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Xmx256m", "-XX:TieredStopAtLevel=1", "-jar", root.resolve("gateway/target/gateway.jar").toString())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile());
		builder.environment().put("SERVER_PORT", Integer.toString(ServicePorts.freePort()));
		builder.environment().put("MANAGEMENT_SERVER_PORT", Integer.toString(ServicePorts.freePort()));
		builder.environment().put("EDGEPASS_EDGE_MASTER_SECRET", EdgeAssertions.randomSecret());
		builder.environment().put("EDGEPASS_TOKEN_ALGORITHMS", "HS256");
		builder.environment()
			.put("EDGEPASS_TOKEN_HS256_SECRET", Base64.getEncoder().encodeToString("only-128-bits!!!".getBytes()));
		Process gateway = builder.start();
		try {
			boolean exited = gateway.waitFor(3, TimeUnit.MINUTES);
			String output = Files.readString(log, StandardCharsets.UTF_8);
			assertThat(exited).as("the gateway stopped on its own; its log:\n%s", output).isTrue();
			assertThat(gateway.exitValue()).as("its exit code; its log:\n%s", output).isNotZero();
			assertThat(output).as("it says why").contains("256 bits");
		}
		finally {
			gateway.destroyForcibly().waitFor();
		}
	}

}
