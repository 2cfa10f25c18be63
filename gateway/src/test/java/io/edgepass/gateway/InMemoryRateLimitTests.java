package io.edgepass.gateway;

import java.time.Duration;
import java.util.UUID;

import io.edgepass.trust.ProblemTypes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A gateway configured like the default local run, without Redis: the same limits hold,
 * counted in its own memory. auth-service's stub refuses every login, as for a password
 * sprayer.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class InMemoryRateLimitTests {

	static final String EDGE_SECRET = GatewayTestBase.randomSecret();

	static final StubAuthService auth = new StubAuthService(EDGE_SECRET, false);

	static final StubUpstream orders = new StubUpstream();

	static final StubUpstream profiles = new StubUpstream();

	static final int LOGIN_BURST = 5;

	static {
		auth.route("/auth/login", (request) -> request.receive().then(Mono.just(new StubUpstream.Answer(401, "{}"))));
	}

	WebTestClient client;

	@LocalServerPort
	int port;

	@LocalManagementPort
	int managementPort;

	@DynamicPropertySource
	static void gateway(DynamicPropertyRegistry registry) {
		registry.add("server.port", () -> 0);
		registry.add("management.server.port", () -> 0);
		registry.add("edgepass.edge.master-secret", () -> EDGE_SECRET);
		registry.add("edgepass.token.issuer", () -> TestTokens.ISSUER);
		registry.add("edgepass.gateway.auth.urls", auth::url);
		registry.add("edgepass.gateway.orders.urls", orders::url);
		registry.add("edgepass.gateway.profile.urls", profiles::url);
		registry.add("edgepass.gateway.rate-limit.redis-url", () -> "");
		registry.add("edgepass.gateway.rate-limit.user.replenish-rate", () -> 10);
		registry.add("edgepass.gateway.rate-limit.user.burst-capacity", () -> 30);
		registry.add("edgepass.gateway.rate-limit.credentials.replenish-rate", () -> 1);
		registry.add("edgepass.gateway.rate-limit.credentials.burst-capacity", () -> LOGIN_BURST);
	}

	@BeforeEach
	void gatewayIsReady() {
		this.client = GatewayTestBase.client(this.port);
		await().atMost(Duration.ofSeconds(20))
			.until(() -> management().get()
				.uri("/actuator/health/readiness")
				.exchange()
				.returnResult(String.class)
				.getStatus()
				.value() == 200);
	}

	@Test
	void oneClientSprayingLoginsAcrossUsernamesGets429WithRetryAfterAfterTheBurstAndAuthServiceSeesNoMore() {
		int before = auth.count("POST", "/auth/login");
		int refused = 0;
		EntityExchangeResult<byte[]> limited = null;
		for (int i = 0; i < 30 && limited == null; i++) {
			EntityExchangeResult<byte[]> result = this.client.post()
				.uri("/auth/login")
				.header("X-Forwarded-For", "198.51.100." + i)
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue("{\"username\":\"victim-" + i + "\",\"password\":\"Summer2026!\"}")
				.exchange()
				.expectBody()
				.returnResult();
			if (result.getStatus().value() == 429) {
				limited = result;
			}
			else {
				assertThat(result.getStatus().value()).isEqualTo(401);
				refused++;
			}
		}
		assertThat(limited).as("a 429 within 30 logins").isNotNull();
		assertThat(refused).as("logins passed to auth-service before the first 429")
			.isBetween(LOGIN_BURST, LOGIN_BURST + 2);
		assertThat(limited.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
		assertThat(limited.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(new String(limited.getResponseBodyContent())).contains(ProblemTypes.RATE_LIMITED.toString(),
				"\"status\":429");
		assertThat(auth.count("POST", "/auth/login") - before).isEqualTo(refused);
	}

	@Test
	void aUserOverTheLimitGets429AndOtherUsersAreUnaffected() {
		String greedy = GatewayTestBase.bearer(TestTokens.rs256().sign());
		EntityExchangeResult<byte[]> limited = null;
		for (int i = 0; i < 60 && limited == null; i++) {
			EntityExchangeResult<byte[]> result = this.client.get()
				.uri("/orders")
				.header(HttpHeaders.AUTHORIZATION, greedy)
				.exchange()
				.expectBody()
				.returnResult();
			if (result.getStatus().value() == 429) {
				limited = result;
			}
		}
		assertThat(limited).as("a 429 within 60 requests").isNotNull();
		assertThat(limited.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isNotBlank();
		assertThat(limited.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		this.client.get()
			.uri("/orders")
			.header(HttpHeaders.AUTHORIZATION, GatewayTestBase.bearer(TestTokens.rs256().sign()))
			.exchange()
			.expectStatus()
			.isOk();
	}

	@Test
	void theMetricsSayLimitsAreCountedInMemoryWithoutAnyFallback() {
		management().get()
			.uri("/actuator/prometheus")
			.exchange()
			.expectBody(String.class)
			.value((metrics) -> assertThat(metrics).contains(
					"edgepass_gateway_ratelimit_backend{backend=\"local\"} 1.0",
					"edgepass_gateway_ratelimit_backend{backend=\"redis\"} 0.0",
					"edgepass_gateway_ratelimit_fallback_total 0.0"));
	}

	private WebTestClient management() {
		return GatewayTestBase.client(this.managementPort);
	}

}
