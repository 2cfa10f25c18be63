package io.edgepass.gateway.token;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.edgepass.gateway.revocation.RevocationProperties;
import io.edgepass.gateway.revocation.RevocationView;
import io.edgepass.gateway.token.InvalidAccessTokenException.Reason;
import io.edgepass.trust.EdgeAssertionMinter;
import io.edgepass.trust.EdgeIdentity;
import io.edgepass.trust.EdgeTrustProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.util.unit.DataSize;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The verified-token cache: a token seen before skips its signature check, and still
 * nothing that changed since it passed lets it through.
 */
class VerifiedTokenCacheTests {

	private static final RSAKey KEY = rsa("key-1");

	private final MovableClock clock = new MovableClock(Instant.parse("2026-12-01T12:00:00Z"));

	private final Map<String, VerificationKey> keys = new ConcurrentHashMap<>(
			Map.of(KEY.getKeyID(), VerificationKey.of(KEY.toPublicJWK())));

	private final CountingKeys countingKeys = new CountingKeys(this.keys);

	private final Set<String> revokedTokenIds = ConcurrentHashMap.newKeySet();

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final AccessTokenVerifier verifier = verifier(new TokenProperties.Cache(100, DataSize.ofMegabytes(1)));

	@Test
	void aTokenSeenBeforeIsNotCheckedAgainstItsKey() {
		String token = sign(KEY, this.clock.instant().plusSeconds(900), null);
		EdgeIdentity first = verify(token);
		assertThat(this.countingKeys.finds).isEqualTo(1);
		assertThat(verify(token)).isEqualTo(first);
		assertThat(verify(token)).isEqualTo(first);
		assertThat(this.countingKeys.finds).as("the key is looked up for the first use only").isEqualTo(1);
		assertThat(this.meters.get("cache.gets")
			.tag("cache", "verified-tokens")
			.tag("result", "hit")
			.functionCounter()
			.count()).isEqualTo(2);
	}

	@Test
	void aTamperedCopyOfACachedTokenIsNotACacheHit() {
		String token = sign(KEY, this.clock.instant().plusSeconds(900), null);
		verify(token);
		String[] parts = token.split("\\.");
		String flipped = parts[0] + "." + parts[1] + "." + (parts[2].startsWith("A") ? "B" : "A")
				+ parts[2].substring(1);
		assertRejected(flipped, Reason.SIGNATURE);
	}

	@Test
	void aRevokedCachedTokenIsRefused() {
		String token = sign(KEY, this.clock.instant().plusSeconds(900), null);
		EdgeIdentity identity = verify(token);
		this.revokedTokenIds.add(identity.tokenId());
		assertRejected(token, Reason.REVOKED);
	}

	@Test
	void anExpiredCachedTokenIsRefused() {
		String token = sign(KEY, this.clock.instant().plusSeconds(60), null);
		verify(token);
		this.clock.advance(Duration.ofSeconds(60 + 30 + 1));
		assertRejected(token, Reason.EXPIRED);
	}

	@Test
	void aCachedTokenIsCheckedForNotBeforeOnEveryUse() {
		// Accepted within the clock skew (30 s) of its nbf, then the clock is set back.
		String token = sign(KEY, this.clock.instant().plusSeconds(900), this.clock.instant().plusSeconds(20));
		verify(token);
		this.clock.advance(Duration.ofSeconds(-20));
		assertRejected(token, Reason.NOT_YET_VALID);
	}

	@Test
	void aKeyThatLeavesTheJwksTakesTheTokensItVerifiedWithIt() {
		String token = sign(KEY, this.clock.instant().plusSeconds(900), null);
		verify(token);
		assertThat(this.verifier.rememberedTokens()).isEqualTo(1);
		this.keys.remove(KEY.getKeyID());
		assertRejected(token, Reason.UNKNOWN_KID);
		assertThat(this.verifier.rememberedTokens()).isZero();
	}

	@Test
	void aKeyReplacedUnderTheSameKidDoesNotVouchForTokensTheOldOneVerified() {
		String token = sign(KEY, this.clock.instant().plusSeconds(900), null);
		verify(token);
		this.keys.put(KEY.getKeyID(), VerificationKey.of(rsa(KEY.getKeyID()).toPublicJWK()));
		assertRejected(token, Reason.SIGNATURE);
	}

	@Test
	void theCacheIsBoundedInEntriesAndInMemory() {
		AccessTokenVerifier fewEntries = verifier(new TokenProperties.Cache(10, DataSize.ofMegabytes(1)));
		AccessTokenVerifier littleMemory = verifier(new TokenProperties.Cache(1000, DataSize.ofKilobytes(8)));
		for (int i = 0; i < 100; i++) {
			String token = sign(KEY, this.clock.instant().plusSeconds(900), null);
			fewEntries.verify(token).block();
			littleMemory.verify(token).block();
		}
		assertThat(fewEntries.rememberedTokens()).isLessThanOrEqualTo(10);
		// Each entry weighs at least 400 bytes: 8 KB hold 20 at the most.
		assertThat(littleMemory.rememberedTokens()).isLessThanOrEqualTo(20);
	}

	@Test
	void theCacheNeverHoldsTheTokenItself() throws Exception {
		String token = sign(KEY, this.clock.instant().plusSeconds(900), null);
		VerifiedTokens.Digest digest = VerifiedTokens.digest(token);
		assertThat(digest.toString()).doesNotContain(token.substring(0, 20));
		assertThat(VerifiedTokens.digest(token)).isEqualTo(digest);
		assertThat(VerifiedTokens.digest(token + "x")).isNotEqualTo(digest);
	}

	private EdgeIdentity verify(String token) {
		return this.verifier.verify(token).block(Duration.ofSeconds(5)).identity();
	}

	private void assertRejected(String token, Reason reason) {
		assertThatExceptionOfType(InvalidAccessTokenException.class)
			.isThrownBy(() -> this.verifier.verify(token).block(Duration.ofSeconds(5)))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(reason));
	}

	private AccessTokenVerifier verifier(TokenProperties.Cache cache) {
		TokenProperties properties = new TokenProperties("http://issuer.test", "edgepass-api", List.of("RS256"), null,
				Duration.ofSeconds(30), 8192, new TokenProperties.Jwks(URI.create("http://127.0.0.1:1/jwks.json"),
						Duration.ofSeconds(60), Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofSeconds(1)),
				cache);
		return new AccessTokenVerifier(properties, this.countingKeys, new RevokedTokenIds(this.revokedTokenIds),
				this.meters, this.clock);
	}

	private String sign(RSAKey key, Instant expiresAt, Instant notBefore) {
		JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer("http://issuer.test")
			.subject(UUID.randomUUID().toString())
			.audience("edgepass-api")
			.issueTime(Date.from(this.clock.instant()))
			.expirationTime(Date.from(expiresAt))
			.jwtID(UUID.randomUUID().toString())
			.claim("sid", UUID.randomUUID().toString())
			.claim("scope", "orders:read");
		if (notBefore != null) {
			claims.notBeforeTime(Date.from(notBefore));
		}
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
			.type(new JOSEObjectType("at+jwt"))
			.build(), claims.build());
		try {
			jwt.sign(new RSASSASigner(KEY));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
		return jwt.serialize();
	}

	private static RSAKey rsa(String kid) {
		try {
			return new RSAKeyGenerator(2048).keyID(kid).generate();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static final class CountingKeys implements VerificationKeys {

		private final Map<String, VerificationKey> keys;

		private int finds;

		CountingKeys(Map<String, VerificationKey> keys) {
			this.keys = keys;
		}

		@Override
		public VerificationKey current(String kid) {
			return this.keys.get(kid);
		}

		@Override
		public Mono<VerificationKey> find(String kid) {
			this.finds++;
			return Mono.justOrEmpty(this.keys.get(kid));
		}

	}

	/** Never started: only the token ids the test revokes are revoked. */
	private static final class RevokedTokenIds extends RevocationView {

		private final Set<String> revoked;

		RevokedTokenIds(Set<String> revoked) {
			super(WebClient.builder(), new EdgeAssertionMinter(EdgeTrustProperties
				.gateway(Base64.getEncoder().encodeToString(new byte[32]), "edgepass-gateway", Duration.ofSeconds(30))),
					new RevocationProperties(URI.create("http://127.0.0.1:1/internal/revocations"),
							Duration.ofSeconds(1), 100, Duration.ofSeconds(1)),
					new SimpleMeterRegistry(), Clock.systemUTC());
			this.revoked = revoked;
		}

		@Override
		public boolean isRevoked(EdgeIdentity identity, Instant issuedAt) {
			return this.revoked.contains(identity.tokenId());
		}

	}

	private static final class MovableClock extends Clock {

		private volatile Instant now;

		MovableClock(Instant now) {
			this.now = now;
		}

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public Instant instant() {
			return this.now;
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

	}

}
