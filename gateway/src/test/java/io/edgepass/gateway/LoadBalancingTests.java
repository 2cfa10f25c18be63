package io.edgepass.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
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
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances of orders-service and of auth-service behind one gateway: calls are
 * spread over both, an instance that refuses connections is skipped, a failed GET is
 * retried once on the other instance, a POST never is, and the gateway's own calls
 * (revocation feed, JWKS) reach whichever auth-service instance answers: here the one of
 * two that is up at all.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LoadBalancingTests {

	static final String EDGE_SECRET = GatewayTestBase.randomSecret();

	/** An auth-service instance that is down from the start: nothing listens there. */
	static final String DEAD_AUTH = "http://127.0.0.1:" + deadPort();

	static final StubAuthService auth = new StubAuthService(EDGE_SECRET, false);

	static final StubUpstream ordersA = new StubUpstream();

	static final StubUpstream ordersB = new StubUpstream();

	static final StubUpstream profiles = new StubUpstream();

	static final String ORDER = "{\"items\":[{\"sku\":\"A\",\"quantity\":1,\"unitPrice\":\"1.00\"}],\"currency\":\"EUR\"}";

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
		registry.add("edgepass.token.jwks.min-refetch-interval", () -> "1s");
		registry.add("edgepass.gateway.auth.urls", () -> DEAD_AUTH + "," + auth.url());
		registry.add("edgepass.gateway.orders.urls", () -> ordersA.url() + "," + ordersB.url());
		registry.add("edgepass.gateway.profile.urls", profiles::url);
		registry.add("edgepass.gateway.balancing.skip-refused-for", () -> "60s");
	}

	@AfterEach
	void restore() {
		ordersA.restore();
		ordersB.restore();
	}

	@Test
	@Order(1)
	void readsAndWritesAreSpreadOverEveryInstance() {
		awaitReady();
		List<String> paths = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			String path = "/orders/" + UUID.randomUUID();
			paths.add(path);
			get(path).expectStatus().isOk();
		}
		for (String path : paths) {
			post(path).expectStatus().isOk();
		}
		assertThat(paths).allSatisfy((path) -> assertThat(ordersA.count("GET", path) + ordersB.count("GET", path))
			.as("one call per GET %s", path)
			.isEqualTo(1));
		assertThat(paths.stream().mapToInt((path) -> ordersA.count("GET", path))).as("GETs served by A").contains(1);
		assertThat(paths.stream().mapToInt((path) -> ordersB.count("GET", path))).as("GETs served by B").contains(1);
		assertThat(paths.stream().mapToInt((path) -> ordersA.count("POST", path))).as("POSTs served by A").contains(1);
		assertThat(paths.stream().mapToInt((path) -> ordersB.count("POST", path))).as("POSTs served by B").contains(1);
	}

	@Test
	@Order(2)
	void aFailedGetIsRetriedOnceOnTheOtherInstanceAndAFailedPostNever() {
		awaitReady();
		ordersB.mode(StubUpstream.Mode.RESET);
		int retried = 0;
		for (int i = 0; i < 6; i++) {
			String read = "/orders/" + UUID.randomUUID();
			get(read).expectStatus().isOk();
			assertThat(ordersA.count("GET", read)).as("the GET %s, answered by A", read).isEqualTo(1);
			assertThat(ordersB.count("GET", read)).as("the GET %s, tried on B at most once", read)
				.isLessThanOrEqualTo(1);
			retried += ordersB.count("GET", read);
		}
		assertThat(retried).as("GETs that failed on B and were retried on A").isPositive();
		int failedPosts = 0;
		for (int i = 0; i < 6; i++) {
			String write = "/orders/" + UUID.randomUUID();
			int status = post(write).returnResult(String.class).getStatus().value();
			if (status == 503) {
				failedPosts++;
				assertThat(ordersA.count("POST", write)).as("the failed POST %s, not retried on A", write).isZero();
				assertThat(ordersB.count("POST", write)).as("the failed POST %s, sent to B once", write).isEqualTo(1);
			}
			else {
				assertThat(status).isEqualTo(200);
			}
		}
		assertThat(failedPosts).as("POSTs round-robined to the resetting instance").isPositive();
	}

	@Test
	@Order(3)
	void anInstanceRefusingConnectionsIsSkippedSoOnlyThePostThatFoundItFails() {
		awaitReady();
		ordersB.refuse();
		List<Integer> statuses = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			statuses.add(post("/orders/" + UUID.randomUUID()).returnResult(String.class).getStatus().value());
			get("/orders/" + UUID.randomUUID()).expectStatus().isOk();
		}
		assertThat(statuses).as("answers to the POSTs: %s", statuses)
			.filteredOn((status) -> status == 503)
			.hasSizeLessThanOrEqualTo(1);
		assertThat(statuses).as("answers to the POSTs: %s", statuses)
			.filteredOn((status) -> status == 200)
			.hasSizeGreaterThanOrEqualTo(9);
	}

	@Test
	@Order(4)
	void theRevocationFeedAndTheKeysComeFromWhicheverAuthInstanceAnswers() {
		awaitReady();
		TestTokens.Builder revoked = TestTokens.rs256();
		String token = revoked.sign();
		get("/orders", token).expectStatus().isOk();

		auth.revoke("SESSION", revoked.claimValue("sid"), null);

		await().atMost(Duration.ofSeconds(2))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> get("/orders", token).returnResult(String.class).getStatus().value() == 401);
		TestTokens.SigningKey rotated = TestTokens.ec("rotated-" + UUID.randomUUID());
		String signedWithTheNewKey = TestTokens.es256().signedWith(rotated).header("kid", rotated.kid()).sign();
		auth.addKey(rotated.publicJwk());
		await().atMost(Duration.ofSeconds(5))
			.pollInterval(Duration.ofMillis(250))
			.until(() -> get("/orders", signedWithTheNewKey).returnResult(String.class).getStatus().value() == 200);
	}

	private static int deadPort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void awaitReady() {
		await().atMost(Duration.ofSeconds(20))
			.until(() -> GatewayTestBase.client(this.managementPort)
				.get()
				.uri("/actuator/health/readiness")
				.exchange()
				.returnResult(String.class)
				.getStatus()
				.value() == 200);
	}

	private WebTestClient.ResponseSpec get(String path) {
		return get(path, TestTokens.rs256().sign());
	}

	private WebTestClient.ResponseSpec get(String path, String token) {
		return GatewayTestBase.client(this.port)
			.get()
			.uri(path)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.exchange();
	}

	private WebTestClient.ResponseSpec post(String path) {
		return GatewayTestBase.client(this.port)
			.post()
			.uri(path)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.rs256().sign())
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(ORDER)
			.exchange();
	}

}
