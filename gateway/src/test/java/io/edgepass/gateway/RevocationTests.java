package io.edgepass.gateway;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import io.edgepass.trust.EdgeIdentity;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * THREATS A 14: revocations from auth-service's feed are enforced at the edge within 2 s.
 */
class RevocationTests extends GatewayTestBase {

	private static final Duration CONTRACT = Duration.ofSeconds(2);

	@Test
	void theFeedIsReadWithTheGatewaysOwnAssertion() {
		await().atMost(CONTRACT).until(() -> !auth.feedCallers().isEmpty());
		EdgeIdentity caller = auth.feedCallers().get(0);
		assertThat(caller.userId()).isEqualTo(new UUID(0, 0));
		assertThat(caller.username()).isEqualTo("edgepass-gateway");
		assertThat(caller.roles()).containsExactly("GATEWAY");
		assertThat(caller.scopes()).containsExactly("revocations:read");
	}

	@Test
	void aRevokedSessionIsRejectedWithinTwoSecondsOtherSessionsStayValid() {
		TestTokens.Builder revoked = TestTokens.rs256();
		String token = revoked.sign();
		String otherSession = TestTokens.rs256().claim("sub", revoked.subject()).sign();
		assertThat(status(token)).isEqualTo(200);
		auth.revoke("SESSION", revoked.claimValue("sid"), null);
		await().atMost(CONTRACT).pollInterval(Duration.ofMillis(100)).until(() -> status(token) == 401);
		assertThat(status(otherSession)).isEqualTo(200);
	}

	@Test
	void aRevokedTokenIdIsRejectedWithinTwoSeconds() {
		TestTokens.Builder revoked = TestTokens.es256();
		String token = revoked.sign();
		assertThat(status(token)).isEqualTo(200);
		auth.revoke("TOKEN", revoked.claimValue("jti"), null);
		await().atMost(CONTRACT).pollInterval(Duration.ofMillis(100)).until(() -> status(token) == 401);
	}

	@Test
	void aDisabledUsersTokensIssuedBeforeTheCutoffAreRejectedWithinTwoSeconds() {
		long now = Instant.now().getEpochSecond();
		TestTokens.Builder before = TestTokens.eddsa().claim("iat", now - 10);
		String token = before.sign();
		String later = TestTokens.eddsa().claim("sub", before.subject()).claim("iat", now + 5).sign();
		assertThat(status(token)).isEqualTo(200);
		auth.revoke("USER", before.subject(), Instant.ofEpochSecond(now));
		await().atMost(CONTRACT).pollInterval(Duration.ofMillis(100)).until(() -> status(token) == 401);
		assertThat(status(later)).isEqualTo(200);
	}

	private int status(String token) {
		return this.client.get()
			.uri("/orders/revocation")
			.header(HttpHeaders.AUTHORIZATION, bearer(token))
			.exchange()
			.returnResult(String.class)
			.getStatus()
			.value();
	}

}
