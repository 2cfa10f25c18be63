package io.edgepass.gateway;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import org.springframework.http.HttpHeaders;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

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
	void aConcurrentFloodOfRandomKeyIdsIsRejectedWithoutWaitingForTheJwksAndTheGatewayStaysResponsive() {
		List<String> tokens = IntStream.range(0, 2000)
			.mapToObj((i) -> TestTokens.rs256().header("kid", UUID.randomUUID().toString()).sign())
			.toList();
		// A JWKS that never answers in time: every miss that waited for a fetch took the
		// whole fetch timeout (3 s), so 2,000 of them, 32 at a time, would need minutes.
		auth.jwksDelay(Duration.ofMinutes(1));
		try {
			WebClient flooder = WebClient.builder()
				.clientConnector(new ReactorClientHttpConnector(
						HttpClient.create(ConnectionProvider.builder("flood").maxConnections(32).build())))
				.baseUrl(gatewayUrl())
				.build();
			int before = auth.jwksFetches();
			long start = System.nanoTime();
			CompletableFuture<Answer> valid = Mono.delay(Duration.ofMillis(500))
				.then(timedStatus(WebClient.builder()
					.clientConnector(
							new ReactorClientHttpConnector(HttpClient.create(ConnectionProvider.newConnection())))
					.baseUrl(gatewayUrl())
					.build(), TestTokens.rs256().sign()))
				.toFuture();
			List<Answer> answers = Flux.fromIterable(tokens)
				.flatMap((token) -> timedStatus(flooder, token), 32)
				.collectList()
				.block(Duration.ofSeconds(45));
			double seconds = (System.nanoTime() - start) / 1e9;
			assertThat(answers).hasSize(2000).allSatisfy((answer) -> assertThat(answer.status()).isEqualTo(401));
			// one on-demand fetch per second at most, plus the periodic refresh
			assertThat(auth.jwksFetches() - before).isLessThanOrEqualTo((int) Math.ceil(seconds) + 2);
			Answer validAnswer = valid.join();
			assertThat(validAnswer.status()).isEqualTo(200);
			assertThat(validAnswer.latency()).isLessThan(Duration.ofSeconds(2));
		}
		finally {
			auth.jwksDelay(Duration.ZERO);
		}
	}

	private static Mono<Answer> timedStatus(WebClient client, String token) {
		return Mono.defer(() -> {
			long sent = System.nanoTime();
			return client.get()
				.uri("/orders/jwks")
				.header(HttpHeaders.AUTHORIZATION, bearer(token))
				.exchangeToMono((response) -> response.releaseBody()
					.thenReturn(new Answer(response.statusCode().value(), Duration.ofNanos(System.nanoTime() - sent))));
		});
	}

	private record Answer(int status, Duration latency) {
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
