package io.edgepass.systemtests.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.edgepass.launcher.Service;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The test gets a suite of two of every service (two gateways, two auth-services, two
 * orders-services, two profile-services) on one PostgreSQL, with Redis for rate limits
 * only. Small heaps keep eight JVMs within CI's machine. Its tests may kill replicas.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(ScaleOutSuite.Extension.class)
@Order(Order.DEFAULT + 200)
public @interface ScaleOutSuite {

	int REPLICAS = 2;

	final class Extension extends SuiteExtension {

		@Override
		String name() {
			return "scale-out";
		}

		@Override
		SystemSuite start() {
			return SystemSuite.start(name(),
					(options) -> options.withReplicas(REPLICAS)
						.withFreePorts()
						.withJvmArguments(
								List.of("-Xmx192m", "-Xss512k", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"))
						// Each auth-service re-reads the active signing key every 2 s (10
						// s by
						// default), so that the rotation test sees the other replica
						// follow soon.
						.withEnvironment(Service.AUTH, Map.of("EDGEPASS_KEYS_REFRESHINTERVAL", "2s")),
					// Eight JVMs starting at once on two cores.
					Duration.ofMinutes(5));
		}

	}

}
