package io.edgepass.gateway;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** THREATS A 15–16: key rotation, key removal and unknown-kid floods. */
class JwksTests extends GatewayTestBase {

	@Test
	void aTokenSignedWithANewlyPublishedKeyIsAcceptedAfterABoundedFetch() {
		TestTokens.SigningKey rotated = TestTokens.rsa("rotated-" + UUID.randomUUID());
		String token = TestTokens.rs256().signedWith(rotated).header("kid", rotated.kid()).sign();
		assertThat(status(token)).isEqualTo(401);
		auth.addKey(rotated.publicJwk());
		int before = auth.jwksFetches();
		await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(200)).until(() -> status(token) == 200);
		assertThat(auth.jwksFetches() - before).isLessThanOrEqualTo(4);
	}

	@Test
	void aKeyRemovedFromTheJwksStopsValidatingWithinTheCacheLifetime() {
		TestTokens.SigningKey retired = TestTokens.ec("retired-" + UUID.randomUUID());
		String token = TestTokens.es256().signedWith(retired).header("kid", retired.kid()).sign();
		auth.addKey(retired.publicJwk());
		await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(200)).until(() -> status(token) == 200);
		auth.removeKey(retired.kid());
		await().atMost(Duration.ofSeconds(4)).pollInterval(Duration.ofMillis(200)).until(() -> status(token) == 401);
	}

	@Test
	void aFloodOfRandomKeyIdsCausesABoundedNumberOfFetchesAndTheGatewayStaysResponsive() {
		List<String> tokens = IntStream.range(0, 400)
			.mapToObj((i) -> TestTokens.rs256().header("kid", UUID.randomUUID().toString()).sign())
			.toList();
		int before = auth.jwksFetches();
		long start = System.nanoTime();
		long rejected = tokens.stream().filter((token) -> status(token) == 401).count();
		double seconds = (System.nanoTime() - start) / 1e9;
		assertThat(rejected).isEqualTo(400);
		// one on-demand fetch per second at most, plus the periodic refresh every 2 s
		assertThat(auth.jwksFetches() - before).isLessThanOrEqualTo((int) Math.ceil(seconds) * 2 + 3);
		long valid = System.nanoTime();
		assertThat(status(TestTokens.rs256().sign())).isEqualTo(200);
		assertThat(Duration.ofNanos(System.nanoTime() - valid)).isLessThan(Duration.ofSeconds(1));
	}

	private int status(String token) {
		return this.client.get()
			.uri("/orders/jwks")
			.header(HttpHeaders.AUTHORIZATION, bearer(token))
			.exchange()
			.returnResult(String.class)
			.getStatus()
			.value();
	}

}
