package io.edgepass.systemtests.faults;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import io.edgepass.launcher.Service;
import io.edgepass.systemtests.support.ApiClient;
import io.edgepass.systemtests.support.FaultSuite;
import io.edgepass.systemtests.support.Json;
import io.edgepass.systemtests.support.Reply;
import io.edgepass.systemtests.support.SystemSuite;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Redis, where the fault suite's gateway keeps its rate limits, dies mid-run: the gateway
 * goes on limiting in its own memory, says so in a metric and its log, and goes back to
 * Redis when Redis is back.
 */
@FaultSuite
class RedisOutageIT {

	private static final String BACKEND = "edgepass_gateway_ratelimit_backend";

	private static final String FALLBACK = "edgepass_gateway_ratelimit_fallback_total";

	private final SystemSuite edgepass;

	RedisOutageIT(SystemSuite edgepass) {
		this.edgepass = edgepass;
	}

	@AfterEach
	void restore() {
		this.edgepass.restore();
	}

	@Test
	void loginSprayingIsThrottledBeforeAndAfterRedisDiesAndLimitsGoBackToRedisWhenItReturns() throws IOException {
		assertThrottled(spray(this.edgepass.client()));
		assertThat(this.edgepass.redis().keyCount()).as("buckets kept in Redis").isPositive();
		awaitLimitsIn("redis");
		double fallbacksBefore = metric(FALLBACK);

		this.edgepass.redis().stop();

		assertThrottled(spray(this.edgepass.client()));
		assertThat(this.edgepass.metric(Service.GATEWAY, BACKEND, "backend=\"local\""))
			.as("limits counted in the gateway's memory")
			.isEqualTo(1.0);
		assertThat(metric(FALLBACK)).as("decisions taken in memory").isGreaterThan(fallbacksBefore);
		assertThat(gatewayLog()).contains("cannot be asked: rate limits are counted in this gateway's memory");

		this.edgepass.redis().start();
		awaitLimitsIn("redis");
		assertThat(gatewayLog()).contains("answers again: rate limits are kept there again");
	}

	/**
	 * Waits until the gauge names the backend after a limited request (register, which
	 * answers an empty body at once). Lettuce reconnects to a restarted Redis with a
	 * growing back-off.
	 */
	private void awaitLimitsIn(String backend) {
		try (ApiClient poller = this.edgepass.client()) {
			await("the gateway's rate limits counted in " + backend).atMost(Duration.ofSeconds(45))
				.pollInterval(Duration.ofMillis(500))
				.untilAsserted(() -> {
					poller.post("/auth/register", null, "{}").expect(400, 429);
					assertThat(this.edgepass.metric(Service.GATEWAY, BACKEND, "backend=\"" + backend + "\""))
						.isEqualTo(1.0);
				});
		}
	}

	/** Failed logins for different usernames from one client, in a row. */
	private List<Reply> spray(ApiClient sprayer) {
		try (sprayer) {
			return IntStream.range(0, 40)
				.mapToObj((i) -> sprayer.post("/auth/login", null,
						Json.write(Map.of("username", "st-sprayed-" + UUID.randomUUID(), "password", "Summer2026!"))))
				.toList();
		}
	}

	private static void assertThrottled(List<Reply> answers) {
		assertThat(answers).as("nothing but 401 and 429")
			.allSatisfy((reply) -> assertThat(reply.status()).as(reply.toString()).isIn(401, 429));
		List<Reply> throttled = answers.stream().filter((reply) -> reply.status() == 429).toList();
		assertThat(throttled).as("429s among 40 failed logins from one client").isNotEmpty();
		throttled.forEach((reply) -> {
			reply.expectProblem(429);
			assertThat(reply.header("Retry-After")).as(reply.toString()).isPresent();
		});
	}

	private double metric(String name) {
		return this.edgepass.metric(Service.GATEWAY, name, "");
	}

	private String gatewayLog() throws IOException {
		return Files.readString(this.edgepass.suite().logFile(Service.GATEWAY), StandardCharsets.UTF_8);
	}

}
