package io.edgepass.gateway;

import java.util.UUID;

import io.edgepass.testsupport.DPoPKey;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A gateway where every token must come as DPoP, and whose replay cache holds two proofs:
 * {@code Bearer} is refused whatever the token, and a proof that cannot be checked for
 * replay is answered 503, never accepted unchecked.
 */
@TestPropertySource(properties = { "edgepass.dpop.required=true", "edgepass.dpop.replay-cache-size=2" })
class DPoPRequiredTests extends GatewayTestBase {

	@Test
	void bearerTokensBoundOrNotAreRefusedWithADPoPChallenge() {
		String path = "/orders/" + UUID.randomUUID();
		for (String token : new String[] { TestTokens.rs256().sign(),
				TestTokens.rs256().boundTo(DPoPKey.es256()).sign() }) {
			this.client.get()
				.uri(path)
				.header(HttpHeaders.AUTHORIZATION, bearer(token))
				.exchange()
				.expectStatus()
				.isUnauthorized()
				.expectHeader()
				.valueEquals(HttpHeaders.WWW_AUTHENTICATE, DPoPTests.INVALID_TOKEN)
				.expectHeader()
				.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		}
		this.client.get()
			.uri(path)
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.valueEquals(HttpHeaders.WWW_AUTHENTICATE, "DPoP algs=\"ES256 EdDSA\"");
		assertThat(orders.count("GET", path)).isZero();
	}

	@Test
	void dpopIsAcceptedUntilTheReplayCacheIsFullThenAnswered503WithRetryAfter() {
		DPoPKey key = DPoPKey.ed25519();
		String token = TestTokens.es256().boundTo(key).sign();
		String path = "/orders/" + UUID.randomUUID();
		for (int i = 0; i < 2; i++) {
			this.client.get()
				.uri(path)
				.header(HttpHeaders.AUTHORIZATION, DPoPTests.dpop(token))
				.header("DPoP", key.proof("GET", DPoPTests.url(path), token))
				.exchange()
				.expectStatus()
				.isOk();
		}
		this.client.get()
			.uri(path)
			.header(HttpHeaders.AUTHORIZATION, DPoPTests.dpop(token))
			.header("DPoP", key.proof("GET", DPoPTests.url(path), token))
			.exchange()
			.expectStatus()
			.isEqualTo(503)
			.expectHeader()
			.valueEquals(HttpHeaders.RETRY_AFTER, "60")
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(orders.count("GET", path)).isEqualTo(2);
	}

}
