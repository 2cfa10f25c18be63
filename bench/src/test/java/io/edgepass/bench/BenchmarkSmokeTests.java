package io.edgepass.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.SignedJWT;
import io.edgepass.bench.load.ConstantRateLoad;
import io.edgepass.bench.load.LoadResult;
import io.edgepass.bench.load.LoadSettings;
import io.edgepass.bench.sessionedge.SessionEdgeApplication;
import io.edgepass.bench.stub.StubUpstream;
import io.edgepass.bench.tokens.BenchProofs;
import io.edgepass.bench.tokens.BenchTokens;
import io.edgepass.trust.dpop.DPoPProof;
import io.edgepass.trust.dpop.DPoPProofVerifier;
import io.edgepass.trust.dpop.DPoPReplayCache;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The benchmark in miniature, so that it cannot rot: the stub, the constant-rate load
 * generator, and the session-versus-JWT edge against real Redis, two seconds each. No
 * thresholds, only that every request succeeded.
 */
@SpringBootTest(classes = SessionEdgeApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BenchmarkSmokeTests {

	private static final BenchTokens keys = new BenchTokens();

	private static final StubUpstream stub = StubUpstream.start("127.0.0.1", 0, keys.jwks());

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void benchEdge(DynamicPropertyRegistry registry) {
		String stubUrl = "http://127.0.0.1:" + stub.port();
		registry.add("bench.edge.upstream", () -> stubUrl);
		registry.add("bench.edge.jwks-url", () -> stubUrl + StubUpstream.JWKS_PATH);
		registry.add("bench.edge.session-namespace", () -> "edgepass-bench-test-" + UUID.randomUUID());
		registry.add("bench.edge.session-timeout", () -> "2m");
		registry.add("spring.data.redis.url",
				() -> System.getenv().getOrDefault("EDGEPASS_TEST_REDIS_URL", "redis://127.0.0.1:6379"));
	}

	@AfterAll
	static void stopStub() {
		stub.close();
	}

	@Test
	void theLoadGeneratorGetsEveryAnswerFromTheStub() throws Exception {
		LoadResult result = load("http://127.0.0.1:" + stub.port() + "/orders", null, "", List.of());

		assertAllSucceeded(result);
	}

	@Test
	void theSessionEdgeProxiesRequestsCarryingARedisSession() throws Exception {
		HttpResponse<String> created = this.http.send(HttpRequest.newBuilder(edge("/bench/sessions?count=20"))
			.POST(HttpRequest.BodyPublishers.noBody())
			.build(), HttpResponse.BodyHandlers.ofString());
		List<String> sessions = Arrays.stream(created.body().split("\n")).filter((id) -> !id.isBlank()).toList();
		assertThat(sessions).hasSize(20);

		LoadResult result = load(edge("/session/orders").toString(), "Cookie", "SESSION=", sessions);

		assertAllSucceeded(result);
	}

	@Test
	void theSessionEdgeProxiesRequestsCarryingAnAccessToken() throws Exception {
		List<String> tokens = keys.mint(JWSAlgorithm.RS256, 20, Duration.ofMinutes(5));

		LoadResult result = load(edge("/jwt/orders").toString(), "Authorization", "Bearer ", tokens);

		assertAllSucceeded(result);
	}

	/**
	 * What the DPoP variants send: every request an RS256 token bound to the proof's key
	 * and a proof of its own, which the gateway's own proof check (replay cache included)
	 * accepts for the URL the gateway's issuer gives.
	 */
	@Test
	void theLoadGeneratorSendsEachRequestATokenAndAFreshProofTheGatewaysCheckAccepts() throws Exception {
		for (JWSAlgorithm algorithm : List.of(JWSAlgorithm.ES256, JWSAlgorithm.EdDSA)) {
			JWK key = BenchProofs.newKey(algorithm);
			List<String> tokens = keys.mint(JWSAlgorithm.RS256, 20, Duration.ofMinutes(5), key.toPublicJWK());
			List<String> lines = BenchProofs.lines(key, tokens, 700, BenchTokens.ISSUER + "/orders");
			DPoPProofVerifier proofs = new DPoPProofVerifier(Duration.ofSeconds(60),
					new DPoPReplayCache(1000, Clock.systemUTC()), Clock.systemUTC());
			DisposableServer gateway = HttpServer.create()
				.host("127.0.0.1")
				.port(0)
				.handle((request, response) -> response.status(checked(proofs, request.requestHeaders())).send())
				.bindNow();
			try {
				LoadSettings settings = new LoadSettings("http://127.0.0.1:" + gateway.port() + "/orders", 200,
						Duration.ofMillis(500), Duration.ofSeconds(2), 8, Duration.ofSeconds(5), "Authorization",
						"DPoP ", "DPoP");

				assertAllSucceeded(new ConstantRateLoad(settings, lines).run());
			}
			finally {
				gateway.disposeNow();
			}
		}
	}

	/** 200 when the proof passes the gateway's check and its key is the token's. */
	private static int checked(DPoPProofVerifier proofs, io.netty.handler.codec.http.HttpHeaders headers) {
		try {
			String token = headers.get("Authorization").substring("DPoP ".length());
			DPoPProof proof = proofs.verify(headers.get("DPoP"), "GET", URI.create(BenchTokens.ISSUER + "/orders"),
					token);
			Object jkt = SignedJWT.parse(token).getJWTClaimsSet().getJSONObjectClaim("cnf").get("jkt");
			return proof.jkt().equals(jkt) ? 200 : 401;
		}
		catch (ParseException | RuntimeException ex) {
			// a refused proof (InvalidDPoPProofException) or a token without cnf
			return 401;
		}
	}

	@Test
	void theSessionEdgeRefusesRequestsWithoutCredentials() throws Exception {
		HttpRequest forged = HttpRequest.newBuilder(edge("/jwt/orders"))
			.header("Authorization", "Bearer " + keys.mint(JWSAlgorithm.HS256, 1, Duration.ofMinutes(5)).get(0))
			.build();
		HttpRequest unknownSession = HttpRequest.newBuilder(edge("/session/orders"))
			.header("Cookie", "SESSION=" + UUID.randomUUID())
			.build();

		assertThat(this.http.send(forged, HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(401);
		assertThat(this.http.send(unknownSession, HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(401);
	}

	private URI edge(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

	private static LoadResult load(String url, String header, String prefix, List<String> values)
			throws InterruptedException {
		LoadSettings settings = new LoadSettings(url, 200, Duration.ofMillis(500), Duration.ofSeconds(2), 8,
				Duration.ofSeconds(5), header, prefix);
		return new ConstantRateLoad(settings, values).run();
	}

	private static void assertAllSucceeded(LoadResult result) {
		assertThat(result.ok()).isGreaterThan(300);
		assertThat(result.failed()).isZero();
		assertThat(result.errors()).isZero();
		assertThat(result.p99()).isPositive();
	}

}
