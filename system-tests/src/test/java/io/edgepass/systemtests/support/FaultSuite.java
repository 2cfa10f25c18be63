package io.edgepass.systemtests.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The test gets a second suite, separate from {@link SharedSuite}, in which services,
 * PostgreSQL and Redis (the gateway's rate limits, a {@link RedisServer} of the suite's
 * own) are killed and restarted. Each fault test leaves it ready again.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(FaultSuite.Extension.class)
@Order(Order.DEFAULT + 100)
public @interface FaultSuite {

	final class Extension extends SuiteExtension {

		@Override
		String name() {
			return "faults";
		}

		@Override
		SystemSuite start() {
			return SystemSuite.startWithRedis(name());
		}

	}

}
