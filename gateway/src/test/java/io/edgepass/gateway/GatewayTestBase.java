package io.edgepass.gateway;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.edgepass.trust.EdgeAssertionVerifier;
import io.edgepass.trust.EdgeAssertionKeys;
import io.edgepass.trust.EdgeTrustProperties;
import org.junit.jupiter.api.BeforeEach;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.awaitility.Awaitility.await;

/**
 * The gateway running on a random port in front of stub services, with real Redis. Every
 * test class extending this shares one application context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class GatewayTestBase {

	static final String EDGE_SECRET = randomSecret();

	static final String CORS_ORIGIN = "https://app.example";

	static final StubAuthService auth = new StubAuthService(EDGE_SECRET, false);

	static final StubUpstream orders = new StubUpstream();

	static final StubUpstream profiles = new StubUpstream();

	static final String REDIS_URL = System.getenv().getOrDefault("EDGEPASS_TEST_REDIS_URL", "redis://127.0.0.1:6379");

	WebTestClient client;

	@LocalManagementPort
	int managementPort;

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void gateway(DynamicPropertyRegistry registry) {
		registry.add("server.port", () -> 0);
		registry.add("management.server.port", () -> 0);
		registry.add("edgepass.edge.master-secret", () -> EDGE_SECRET);
		registry.add("edgepass.token.issuer", () -> TestTokens.ISSUER);
		registry.add("edgepass.token.jwks.refresh-interval", () -> "2s");
		registry.add("edgepass.token.jwks.retry-interval", () -> "500ms");
		registry.add("edgepass.token.jwks.min-refetch-interval", () -> "1s");
		registry.add("edgepass.gateway.auth.urls", auth::url);
		registry.add("edgepass.gateway.orders.urls", orders::url);
		registry.add("edgepass.gateway.profile.urls", profiles::url);
		registry.add("edgepass.gateway.cors-origins", () -> CORS_ORIGIN);
		registry.add("edgepass.gateway.max-body-size", () -> "64KB");
		registry.add("edgepass.gateway.rate-limit.redis-url", () -> REDIS_URL);
		registry.add("edgepass.gateway.rate-limit.key-prefix", () -> "edgepass-test-" + UUID.randomUUID());
		registry.add("edgepass.gateway.rate-limit.user.replenish-rate", () -> 10);
		registry.add("edgepass.gateway.rate-limit.user.burst-capacity", () -> 30);
		registry.add("edgepass.gateway.rate-limit.credentials.replenish-rate", () -> 1);
		registry.add("edgepass.gateway.rate-limit.credentials.burst-capacity", () -> 5);
	}

	@BeforeEach
	void gatewayIsReady() {
		this.client = client(this.port);
		await().atMost(Duration.ofSeconds(20))
			.until(() -> management().get()
				.uri("/actuator/health/readiness")
				.exchange()
				.returnResult(String.class)
				.getStatus()
				.value() == 200);
	}

	WebTestClient management() {
		return client(this.managementPort);
	}

	/**
	 * A client opening a fresh connection per request, so that no test inherits a pooled
	 * connection another test's fault left behind.
	 */
	static WebTestClient client(int port) {
		return WebTestClient
			.bindToServer(new ReactorClientHttpConnector(HttpClient.create(ConnectionProvider.newConnection())))
			.baseUrl("http://127.0.0.1:" + port)
			.responseTimeout(Duration.ofSeconds(30))
			.build();
	}

	String gatewayUrl() {
		return "http://127.0.0.1:" + this.port;
	}

	static String bearer(String token) {
		return "Bearer " + token;
	}

	static String randomSecret() {
		byte[] bytes = new byte[32];
		new SecureRandom().nextBytes(bytes);
		return Base64.getEncoder().encodeToString(bytes);
	}

	/** The headers a stub upstream received, from its echo. */
	@SuppressWarnings("unchecked")
	static Map<String, List<String>> receivedHeaders(byte[] echo) {
		Map<String, Object> body = StubUpstream.JSON.readValue(echo, Map.class);
		return (Map<String, List<String>>) body.get("headers");
	}

	static EdgeAssertionVerifier verifierFor(String audience) {
		return new EdgeAssertionVerifier(EdgeTrustProperties.service(EdgeAssertionKeys.derive(EDGE_SECRET, audience),
				"edgepass-gateway", audience, Duration.ofSeconds(30), Duration.ofSeconds(5)));
	}

}
