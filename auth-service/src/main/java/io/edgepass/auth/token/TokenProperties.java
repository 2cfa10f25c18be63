package io.edgepass.auth.token;

import java.time.Duration;
import java.util.Base64;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What access tokens say and how they are signed.
 *
 * @param issuer the public issuer URL, the {@code iss} ({@code EDGEPASS_ISSUER})
 * @param audience the API audience, the {@code aud} ({@code EDGEPASS_AUDIENCE})
 * @param clientId the {@code client_id} of tokens issued by login
 * @param algorithm the signing algorithm ({@code EDGEPASS_TOKEN_ALGORITHM})
 * @param hs256Secret the shared secret in HS256 mode, base64, at least 256 bits
 * ({@code EDGEPASS_TOKEN_HS256_SECRET})
 * @param ttl how long an access token lives ({@code EDGEPASS_ACCESS_TOKEN_TTL})
 */
@ConfigurationProperties("edgepass.token")
public record TokenProperties(@DefaultValue("http://localhost:8080") String issuer,
		@DefaultValue("edgepass-api") String audience, @DefaultValue("edgepass") String clientId,
		@DefaultValue("RS256") SigningAlgorithm algorithm, String hs256Secret, @DefaultValue("15m") Duration ttl) {

	static final int MIN_HS256_SECRET_BYTES = 32;

	public TokenProperties {
		if (ttl.isNegative() || ttl.isZero()) {
			throw new IllegalArgumentException("edgepass.token.ttl (EDGEPASS_ACCESS_TOKEN_TTL) must be positive");
		}
		if (algorithm == SigningAlgorithm.HS256) {
			hs256SecretBytes(hs256Secret);
		}
	}

	/** The HS256 key, refused when missing or under 256 bits (RFC 8725 §3.5). */
	public byte[] hs256SecretBytes() {
		return hs256SecretBytes(this.hs256Secret);
	}

	private static byte[] hs256SecretBytes(String secret) {
		if (secret == null || secret.isBlank()) {
			throw new IllegalArgumentException(
					"EDGEPASS_TOKEN_HS256_SECRET must be set in HS256 mode: a base64 key of at least 256 bits");
		}
		byte[] bytes;
		try {
			bytes = Base64.getDecoder().decode(secret.trim());
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("EDGEPASS_TOKEN_HS256_SECRET is not valid base64");
		}
		if (bytes.length < MIN_HS256_SECRET_BYTES) {
			throw new IllegalArgumentException(
					"EDGEPASS_TOKEN_HS256_SECRET must be at least 256 bits, got " + (bytes.length * 8));
		}
		return bytes;
	}

}
