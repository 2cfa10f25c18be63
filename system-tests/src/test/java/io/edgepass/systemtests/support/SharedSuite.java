package io.edgepass.systemtests.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Duration;
import java.util.Map;

import io.edgepass.launcher.Service;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The test gets the suite most system tests share (a {@link SystemSuite} parameter),
 * without Redis like the default local run, so its gateway counts rate limits in memory.
 * Tests on it leave it running and healthy; they kill nothing.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(SharedSuite.Extension.class)
public @interface SharedSuite {

	Duration SHORT_LOCKOUT = Duration.ofSeconds(5);

	final class Extension extends SuiteExtension {

		@Override
		String name() {
			return "shared";
		}

		@Override
		SystemSuite start() {
			return SystemSuite.start(name(),
					(options) -> options
						.withEnvironment(Service.GATEWAY,
								Map.of("EDGEPASS_TOKEN_ALGORITHMS", "RS256,ES256,EdDSA,HS256",
										"EDGEPASS_TOKEN_HS256_SECRET", SystemSuite.SHARED_HS256_SECRET))
						.withEnvironment(Service.AUTH,
								Map.of("EDGEPASS_LOCKOUT_INITIALLOCK", SHORT_LOCKOUT.toSeconds() + "s")));
		}

	}

}
