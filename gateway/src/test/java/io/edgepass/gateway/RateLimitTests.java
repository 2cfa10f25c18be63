package io.edgepass.gateway;

import java.util.UUID;

import io.edgepass.trust.ProblemTypes;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rate limits in the local Redis (keys under a prefix unique to this run): per user on
 * authenticated routes, per real client address on register, login and the token
 * endpoint.
 */
class RateLimitTests extends GatewayTestBase {

	@Test
	void aUserOverTheLimitGets429WithRetryAfterAndOtherUsersAreUnaffected() {
		String greedy = bearer(TestTokens.rs256().sign());
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
		assertThat(limited).as("a 429 within 60 requests; is Redis running at " + REDIS_URL + "?").isNotNull();
		assertThat(limited.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isNotBlank();
		assertThat(limited.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(new String(limited.getResponseBodyContent())).contains(ProblemTypes.RATE_LIMITED.toString());
		this.client.get()
			.uri("/orders")
			.header(HttpHeaders.AUTHORIZATION, bearer(TestTokens.rs256().sign()))
			.exchange()
			.expectStatus()
			.isOk();
	}

	@Test
	void registerIsLimitedPerRealClientAddressWhateverForwardedForClaims() {
		int limitedAt = -1;
		for (int i = 0; i < 20 && limitedAt < 0; i++) {
			int status = this.client.post()
				.uri("/auth/register")
				.header("X-Forwarded-For", "198.51.100." + i)
				.header("Forwarded", "for=198.51.100." + i)
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue("{\"username\":\"u" + UUID.randomUUID() + "\"}")
				.exchange()
				.returnResult(String.class)
				.getStatus()
				.value();
			if (status == 429) {
				limitedAt = i;
			}
		}
		assertThat(limitedAt).as("register limited after the burst of 5").isBetween(5, 7);
	}

	@Test
	void theTokenEndpointIsPublicAndLimitedPerRealClientAddressLikeLogin() {
		int limitedAt = -1;
		for (int i = 0; i < 20 && limitedAt < 0; i++) {
			int status = this.client.post()
				.uri("/auth/token")
				.header("X-Forwarded-For", "198.51.100." + i)
				.contentType(MediaType.APPLICATION_FORM_URLENCODED)
				.bodyValue("grant_type=password&username=u" + i + "&password=not-a-secret")
				.exchange()
				.returnResult(String.class)
				.getStatus()
				.value();
			if (status == 429) {
				limitedAt = i;
			}
			else {
				assertThat(status).as("routed without a token").isEqualTo(200);
			}
		}
		// Other tests of this context may have spent some of the burst of 5.
		assertThat(limitedAt).as("the token endpoint limited after at most the burst of 5").isBetween(1, 7);
	}

}
