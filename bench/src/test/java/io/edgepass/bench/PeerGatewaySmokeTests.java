package io.edgepass.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import com.nimbusds.jose.JWSAlgorithm;
import io.edgepass.bench.load.ConstantRateLoad;
import io.edgepass.bench.load.LoadResult;
import io.edgepass.bench.load.LoadSettings;
import io.edgepass.bench.peer.PeerGatewayApplication;
import io.edgepass.bench.stub.StubUpstream;
import io.edgepass.bench.tokens.BenchTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The benchmark's peer (a bare Spring Cloud Gateway with Spring Security's resource
 * server) in miniature, so that it cannot rot: both routes answer through it, and only a
 * valid RS256 {@code at+jwt} gets through the protected one.
 */
@SpringBootTest(classes = PeerGatewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "spring.config.name=peer")
class PeerGatewaySmokeTests {

	private static final BenchTokens keys = new BenchTokens();

	private static final StubUpstream stub = StubUpstream.start("127.0.0.1", 0, keys.jwks());

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void upstream(DynamicPropertyRegistry registry) {
		String stubUrl = "http://127.0.0.1:" + stub.port();
		registry.add("bench.peer.upstream", () -> stubUrl);
		registry.add("bench.peer.jwks-url", () -> stubUrl + StubUpstream.JWKS_PATH);
	}

	@AfterAll
	static void stopStub() {
		stub.close();
	}

	@Test
	void thePublicRouteAnswersWithoutAToken() throws Exception {
		assertAllSucceeded(load(peer("/.well-known/jwks.json"), List.of()));
	}

	@Test
	void theProtectedRouteAnswersValidRs256AccessTokens() throws Exception {
		assertAllSucceeded(load(peer("/orders"), keys.mint(JWSAlgorithm.RS256, 20, Duration.ofMinutes(5))));
	}

	@Test
	void theProtectedRouteRefusesNoTokenAndAnotherAlgorithm() throws Exception {
		HttpRequest anonymous = HttpRequest.newBuilder(peer("/orders")).build();
		HttpRequest hs256 = HttpRequest.newBuilder(peer("/orders"))
			.header("Authorization", "Bearer " + keys.mint(JWSAlgorithm.HS256, 1, Duration.ofMinutes(5)).get(0))
			.build();
		assertThat(this.http.send(anonymous, HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(401);
		assertThat(this.http.send(hs256, HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(401);
	}

	private URI peer(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

	private static LoadResult load(URI url, List<String> tokens) throws InterruptedException {
		LoadSettings settings = new LoadSettings(url.toString(), 200, Duration.ofMillis(500), Duration.ofSeconds(2), 8,
				Duration.ofSeconds(5), tokens.isEmpty() ? null : "Authorization", "Bearer ");
		return new ConstantRateLoad(settings, tokens).run();
	}

	private static void assertAllSucceeded(LoadResult result) {
		assertThat(result.ok()).isGreaterThan(300);
		assertThat(result.failed()).isZero();
		assertThat(result.errors()).isZero();
	}

}
