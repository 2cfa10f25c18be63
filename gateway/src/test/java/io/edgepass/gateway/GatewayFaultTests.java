package io.edgepass.gateway;

import java.time.Duration;
import java.util.UUID;

import io.edgepass.trust.ProblemTypes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

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
 * THREATS E 37–41 and the other faults at the edge, in a gateway of its own: it starts
 * while auth-service's JWKS is failing, has short timeouts and a twitchy circuit breaker,
 * trusts proxies in 10.0.0.0/8, and points at a Redis that is not there, so it limits in
 * memory.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GatewayFaultTests {

	static final String EDGE_SECRET = GatewayTestBase.randomSecret();

	static final StubAuthService auth = new StubAuthService(EDGE_SECRET, true);

	static final StubUpstream orders = new StubUpstream();

	static final StubUpstream profiles = new StubUpstream();

	WebTestClient client;

	@LocalServerPort
	int port;

	@LocalManagementPort
	int managementPort;

	@BeforeEach
	void connect() {
		this.client = GatewayTestBase.client(this.port);
	}

	@DynamicPropertySource
	static void gateway(DynamicPropertyRegistry registry) {
		registry.add("server.port", () -> 0);
		registry.add("management.server.port", () -> 0);
		registry.add("edgepass.edge.master-secret", () -> EDGE_SECRET);
		registry.add("edgepass.token.issuer", () -> TestTokens.ISSUER);
		registry.add("edgepass.token.jwks.refresh-interval", () -> "1s");
		registry.add("edgepass.token.jwks.retry-interval", () -> "300ms");
		registry.add("edgepass.gateway.auth.urls", auth::url);
		registry.add("edgepass.gateway.orders.urls", orders::url);
		registry.add("edgepass.gateway.profile.urls", profiles::url);
		registry.add("edgepass.gateway.orders.response-timeout", () -> "1s");
		registry.add("edgepass.gateway.circuit-breaker.minimum-calls", () -> 4);
		registry.add("edgepass.gateway.circuit-breaker.sliding-window", () -> 4);
		registry.add("edgepass.gateway.circuit-breaker.failure-rate-threshold", () -> 100);
		registry.add("edgepass.gateway.circuit-breaker.open-for", () -> "2s");
		registry.add("edgepass.gateway.trusted-proxies", () -> "10.0.0.0/8, 192.0.2.1");
		registry.add("edgepass.gateway.rate-limit.redis-url", () -> "redis://127.0.0.1:1");
	}

	@Test
	@Order(1)
	void jwksUnreachableAtStartMeansNotReadyAndNoProtectedCallSucceedsUntilItRecovers() {
		management().get().uri("/actuator/health/readiness").exchange().expectStatus().isEqualTo(503);
		management().get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
		this.client.get()
			.uri("/orders")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.rs256().sign())
			.exchange()
			.expectStatus()
			.isEqualTo(503)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(orders.count("GET", "/orders")).isZero();
		auth.jwksFailing(false);
		await().atMost(Duration.ofSeconds(10)).until(() -> readiness() == 200);
		this.client.get()
			.uri("/orders")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.rs256().sign())
			.exchange()
			.expectStatus()
			.isOk();
	}

	@Test
	@Order(2)
	void aServiceRefusingConnectionsGets503ProblemNotTheTransportError() {
		keysServed();
		profiles.refuse();
		try {
			this.client.get()
				.uri("/profiles/me")
				.header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.rs256().sign())
				.exchange()
				.expectStatus()
				.isEqualTo(503)
				.expectHeader()
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.expectBody(String.class)
				.value((body) -> assertThat(body)
					.contains(ProblemTypes.SERVICE_UNAVAILABLE.toString(), "\"instance\":\"/profiles/me\"")
					.doesNotContainIgnoringCase("refused")
					.doesNotContain("Exception", "127.0.0.1"));
		}
		finally {
			profiles.restore();
		}
	}

	@Test
	@Order(3)
	void aSlowServiceGets504AtTheConfiguredResponseTimeout() {
		keysServed();
		orders.mode(StubUpstream.Mode.HANG);
		try {
			long start = System.nanoTime();
			this.client.get()
				.uri("/orders/slow")
				.header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.rs256().sign())
				.exchange()
				.expectStatus()
				.isEqualTo(504)
				.expectBody()
				.jsonPath("$.type")
				.isEqualTo(ProblemTypes.GATEWAY_TIMEOUT.toString());
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(900),
					Duration.ofSeconds(4));
		}
		finally {
			orders.restore();
		}
	}

	@Test
	@Order(4)
	void postToOrdersIsNeverRetriedWhileIdempotentReadsAre() {
		keysServed();
		orders.mode(StubUpstream.Mode.RESET);
		try {
			String token = "Bearer " + TestTokens.rs256().sign();
			String created = "/orders/" + UUID.randomUUID();
			this.client.post()
				.uri(created)
				.header(HttpHeaders.AUTHORIZATION, token)
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue("{\"items\":[{\"sku\":\"A\",\"quantity\":1,\"unitPrice\":\"1.00\"}],\"currency\":\"EUR\"}")
				.exchange()
				.expectStatus()
				.isEqualTo(503);
			assertThat(orders.count("POST", created)).isEqualTo(1);
			String read = "/orders/" + UUID.randomUUID();
			this.client.get()
				.uri(read)
				.header(HttpHeaders.AUTHORIZATION, token)
				.exchange()
				.expectStatus()
				.isEqualTo(503);
			assertThat(orders.count("GET", read)).isEqualTo(2);
		}
		finally {
			orders.restore();
		}
	}

	@Test
	@Order(5)
	void repeatedFailuresOpenTheCircuitWhichAnswers503WithoutCallingTheService() {
		keysServed();
		String token = "Bearer " + TestTokens.rs256().sign();
		profiles.refuse();
		for (int i = 0; i < 4; i++) {
			this.client.get()
				.uri("/profiles/me")
				.header(HttpHeaders.AUTHORIZATION, token)
				.exchange()
				.expectStatus()
				.isEqualTo(503);
		}
		profiles.restore();
		String path = "/profiles/" + UUID.randomUUID();
		this.client.get().uri(path).header(HttpHeaders.AUTHORIZATION, token).exchange().expectStatus().isEqualTo(503);
		assertThat(profiles.count("GET", path)).isZero();
		await().atMost(Duration.ofSeconds(6))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> this.client.get()
				.uri(path)
				.header(HttpHeaders.AUTHORIZATION, token)
				.exchange()
				.returnResult(String.class)
				.getStatus()
				.value() == 200);
	}

	@Test
	@Order(6)
	void authServiceDownKeepsIssuedTokensWorkingWhileLoginGets503() {
		keysServed();
		String token = "Bearer " + TestTokens.es256().sign();
		auth.refuse();
		try {
			await().during(Duration.ofMillis(2500))
				.atMost(Duration.ofSeconds(8))
				.pollInterval(Duration.ofMillis(250))
				.until(() -> this.client.get()
					.uri("/orders")
					.header(HttpHeaders.AUTHORIZATION, token)
					.exchange()
					.returnResult(String.class)
					.getStatus()
					.value() == 200);
			this.client.post()
				.uri("/auth/login")
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue("{\"username\":\"alice\",\"password\":\"secret-password\"}")
				.exchange()
				.expectStatus()
				.isEqualTo(503)
				.expectHeader()
				.contentType(MediaType.APPLICATION_PROBLEM_JSON);
			management().get()
				.uri("/actuator/prometheus")
				.exchange()
				.expectBody(String.class)
				.value((metrics) -> assertThat(metrics)
					.doesNotContain("edgepass_gateway_jwks_fetch_failures_total 0.0"));
		}
		finally {
			auth.restore();
		}
	}

	@Test
	@Order(8)
	void withRedisDownLoginsAreStillLimitedInMemoryAndTheMetricsShowTheFallback() {
		keysServed();
		int limitedAt = -1;
		for (int i = 0; i < 30 && limitedAt < 0; i++) {
			EntityExchangeResult<String> result = this.client.post()
				.uri("/auth/login")
				.bodyValue("{\"username\":\"victim-" + i + "\"}")
				.exchange()
				.expectBody(String.class)
				.returnResult();
			if (result.getStatus().value() == 429) {
				limitedAt = i;
				assertThat(result.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isNotBlank();
				assertThat(result.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
			}
			else {
				assertThat(result.getStatus().value()).isEqualTo(200);
			}
		}
		assertThat(limitedAt).as("limited after the default burst of 10 (one login failed earlier)").isBetween(8, 12);
		management().get()
			.uri("/actuator/prometheus")
			.exchange()
			.expectBody(String.class)
			.value((metrics) -> assertThat(metrics)
				.contains("edgepass_gateway_ratelimit_backend{backend=\"local\"} 1.0")
				.containsPattern("(?m)^edgepass_gateway_ratelimit_fallback_total [1-9]"));
	}

	private void keysServed() {
		auth.jwksFailing(false);
		await().atMost(Duration.ofSeconds(10)).until(() -> readiness() == 200);
	}

	private int readiness() {
		return management().get()
			.uri("/actuator/health/readiness")
			.exchange()
			.returnResult(String.class)
			.getStatus()
			.value();
	}

	private WebTestClient management() {
		return GatewayTestBase.client(this.managementPort);
	}

}
