package io.edgepass.trust;

import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Minting reuses the assertion of the same second for the same identity and audience, and
 * only that one. ES256 signatures are randomised, so an equal string can only be a reused
 * one.
 */
class EdgeAssertionMinterTests {

	private final MutableClock clock = new MutableClock(Instant.parse("2026-12-03T10:00:00.100Z"));

	private final EdgeAssertionMinter minter = new EdgeAssertionMinter(
			Es256EdgeAssertionTests.es256(Es256EdgeAssertionTests.generate("gateway-1").toJSONString(), null, null),
			this.clock);

	private final EdgeIdentity alice = new EdgeIdentity(UUID.randomUUID(), "alice", List.of("USER"),
			List.of("orders:read"), "session-1", "token-1");

	@Test
	void withinOneSecondTheSameIdentityAndAudienceGetTheSameAssertion() {
		String first = this.minter.mint(this.alice, "orders-service");
		this.clock.now = Instant.parse("2026-12-03T10:00:00.900Z");
		assertThat(this.minter.mint(this.alice, "orders-service")).isEqualTo(first);
	}

	@Test
	void theNextSecondAnotherAudienceOrAnotherIdentityGetsItsOwn() throws ParseException {
		String first = this.minter.mint(this.alice, "orders-service");
		String profile = this.minter.mint(this.alice, "profile-service");
		EdgeIdentity otherRoles = new EdgeIdentity(this.alice.userId(), "alice", List.of("USER", "ADMIN"),
				List.of("orders:read"), "session-1", "token-1");
		String admin = this.minter.mint(otherRoles, "orders-service");
		this.clock.now = Instant.parse("2026-12-03T10:00:01.000Z");
		String later = this.minter.mint(this.alice, "orders-service");

		assertThat(List.of(profile, admin, later)).doesNotContain(first).doesNotHaveDuplicates();
		assertThat(SignedJWT.parse(profile).getJWTClaimsSet().getAudience()).containsExactly("profile-service");
		assertThat(SignedJWT.parse(admin).getJWTClaimsSet().getStringListClaim("roles")).contains("ADMIN");
		assertThat(SignedJWT.parse(later).getJWTClaimsSet().getIssueTime().toInstant())
			.isEqualTo(Instant.parse("2026-12-03T10:00:01Z"));
		assertThat(SignedJWT.parse(first).getJWTClaimsSet().getIssueTime().toInstant())
			.isEqualTo(Instant.parse("2026-12-03T10:00:00Z"));
	}

	private static final class MutableClock extends Clock {

		Instant now;

		MutableClock(Instant now) {
			this.now = now;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

	}

}
