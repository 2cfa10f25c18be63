package io.edgepass.gateway.token;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.edgepass.trust.EdgeIdentity;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import org.jspecify.annotations.Nullable;

/**
 * Tokens whose signature and claims already passed, so that a client re-sending its token
 * (the normal case: it keeps it for its lifetime) skips the signature check. Keyed by the
 * SHA-256 of the whole token, never by the token; bounded in entries and in memory; an
 * entry lives until the token's {@code exp} at the latest. What changes while a token
 * lives is checked on every use all the same: time, revocation (by the verifier) and
 * scope (by the security chain); and an entry whose signing key left the JWKS is dropped
 * on its next use.
 */
final class VerifiedTokens {

	/** What one entry weighs at least, in bytes: the key, the record and its strings. */
	private static final int ENTRY_OVERHEAD = 400;

	private final Cache<Digest, Verified> cache;

	private final Clock clock;

	VerifiedTokens(TokenProperties.Cache settings, Clock clock, MeterRegistry meters) {
		this.clock = clock;
		long maxBytes = settings.maxMemory().toBytes();
		// Every entry weighs at least maxBytes / maxEntries, so both bounds hold.
		int minimumWeight = (int) Math.max(1, maxBytes / Math.max(1, settings.maxEntries()));
		this.cache = Caffeine.newBuilder()
			.maximumWeight(maxBytes)
			.<Digest, Verified>weigher((digest, verified) -> Math.max(minimumWeight, verified.weight()))
			.expireAfter(Expiry.<Digest, Verified>creating(
					(digest, verified) -> Duration.between(clock.instant(), verified.expiresAt())))
			.recordStats()
			.build();
		CaffeineCacheMetrics.monitor(meters, this.cache, "verified-tokens");
	}

	/**
	 * The earlier verdict on a token, if any.
	 * @param digest the token's digest
	 * @return what was verified, or {@code null}
	 */
	@Nullable Verified lookup(Digest digest) {
		return this.cache.getIfPresent(digest);
	}

	void remember(Digest digest, Verified verified) {
		if (verified.expiresAt().isAfter(this.clock.instant())) {
			this.cache.put(digest, verified);
		}
	}

	void forget(Digest digest) {
		this.cache.invalidate(digest);
	}

	long size() {
		this.cache.cleanUp();
		return this.cache.estimatedSize();
	}

	static Digest digest(String token) {
		try {
			byte[] hash = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
			ByteBuffer longs = ByteBuffer.wrap(hash);
			return new Digest(longs.getLong(), longs.getLong(), longs.getLong(), longs.getLong());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("No SHA-256", ex);
		}
	}

	/** The SHA-256 of a token, as four longs. */
	record Digest(long first, long second, long third, long fourth) {
	}

	/**
	 * A token that passed.
	 *
	 * @param identity who it is for
	 * @param issuedAt its {@code iat}
	 * @param notBefore its {@code nbf}, or {@code null}
	 * @param expiresAt its {@code exp}
	 * @param key the key that verified its signature ({@code null} for HS256)
	 * @param jkt the thumbprint of the key it is bound to, or {@code null}: a proof of
	 * possession is never remembered, only the binding it must match
	 */
	record Verified(EdgeIdentity identity, Instant issuedAt, @Nullable Instant notBefore, Instant expiresAt,
			@Nullable VerificationKey key, @Nullable String jkt) {

		int weight() {
			int chars = length(this.identity.username()) + this.identity.sessionId().length()
					+ this.identity.tokenId().length() + length(this.jkt);
			for (String role : this.identity.roles()) {
				chars += role.length() + 16;
			}
			for (String scope : this.identity.scopes()) {
				chars += scope.length() + 16;
			}
			return ENTRY_OVERHEAD + 2 * chars;
		}

		private static int length(@Nullable String value) {
			return (value != null) ? value.length() : 0;
		}

	}

}
