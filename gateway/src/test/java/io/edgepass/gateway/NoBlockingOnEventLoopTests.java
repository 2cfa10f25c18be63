package io.edgepass.gateway;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;

import io.edgepass.testsupport.DPoPKey;
import org.junit.jupiter.api.Test;
import reactor.blockhound.BlockingOperationError;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * BlockHound watches every test in this module; this one drives every kind of request
 * through the gateway and then checks that no blocking call was seen on a non-blocking
 * thread, including ones a library caught and only logged.
 */
class NoBlockingOnEventLoopTests extends GatewayTestBase {

	@Test
	void blockHoundIsWatching() {
		assertThatExceptionOfType(RuntimeException.class)
			.isThrownBy(() -> Mono.fromRunnable(() -> LockSupport.parkNanos(1_000))
				.subscribeOn(Schedulers.parallel())
				.block(Duration.ofSeconds(5)))
			.withRootCauseInstanceOf(BlockingOperationError.class);
	}

	@Test
	void noRequestBlocksAnEventLoopThread() {
		RecordingBlockHoundIntegration.VIOLATIONS.clear();
		String token = bearer(TestTokens.rs256().sign());
		this.client.get().uri("/orders").header(HttpHeaders.AUTHORIZATION, token).exchange().expectStatus().isOk();
		this.client.post()
			.uri("/orders")
			.header(HttpHeaders.AUTHORIZATION, token)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"items\":[]}")
			.exchange()
			.expectStatus()
			.isOk();
		this.client.get()
			.uri("/profiles/me")
			.header(HttpHeaders.AUTHORIZATION, bearer(TestTokens.eddsa().sign()))
			.exchange()
			.expectStatus()
			.isOk();
		for (DPoPKey key : new DPoPKey[] { DPoPKey.es256(), DPoPKey.ed25519() }) {
			String bound = TestTokens.rs256().boundTo(key).sign();
			this.client.get()
				.uri("/orders")
				.header(HttpHeaders.AUTHORIZATION, DPoPTests.dpop(bound))
				.header("DPoP", key.proof("GET", DPoPTests.url("/orders"), bound))
				.exchange()
				.expectStatus()
				.isOk();
		}
		this.client.post().uri("/auth/login").bodyValue("{}").exchange().expectStatus().isOk();
		this.client.get().uri("/.well-known/jwks.json").exchange().expectStatus().isOk();
		this.client.get()
			.uri("/orders")
			.header(HttpHeaders.AUTHORIZATION,
					bearer(TestTokens.es256().header("kid", UUID.randomUUID().toString()).sign()))
			.exchange()
			.expectStatus()
			.isUnauthorized();
		this.client.get()
			.uri("/nowhere")
			.header(HttpHeaders.AUTHORIZATION, token)
			.exchange()
			.expectStatus()
			.isNotFound();
		this.client.get().uri("/internal/revocations").exchange().expectStatus().isNotFound();
		for (String file : new String[] { "/", "/index.html", "/app/app.js", "/docs/swagger-ui/index.html",
				"/docs/swagger-ui/swagger-initializer.js", "/docs/openapi/swagger-config", "/docs/api/orders" }) {
			this.client.get().uri(file).exchange().expectStatus().isOk();
		}
		assertThat(RecordingBlockHoundIntegration.VIOLATIONS).isEmpty();
	}

}
