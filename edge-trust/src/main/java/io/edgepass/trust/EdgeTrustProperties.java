package io.edgepass.trust;

import java.time.Duration;
import java.util.Base64;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the gateway-to-service trust: the shared HMAC secret, who issues assertions
 * and for whom, and their lifetime.
 *
 * @param secret the HMAC key, base64-encoded, at least 256 bits
 * @param issuer the {@code iss} of every assertion
 * @param audience this service's own name, the {@code aud} it accepts (unset on the
 * gateway)
 * @param ttl how long a minted assertion lives (at most {@link #MAX_TTL})
 * @param clockSkew the tolerance when checking {@code exp}, {@code nbf} and {@code iat}
 */
@ConfigurationProperties("edgepass.edge")
public record EdgeTrustProperties(String secret, @DefaultValue("edgepass-gateway") String issuer, String audience,
		@DefaultValue("30s") Duration ttl, @DefaultValue("5s") Duration clockSkew) {

	/** The longest an assertion may live, by contract. */
	public static final Duration MAX_TTL = Duration.ofSeconds(60);

	static final int MIN_SECRET_BYTES = 32;

	public EdgeTrustProperties {
		if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(MAX_TTL) > 0) {
			throw new IllegalArgumentException("edgepass.edge.ttl must be between 1s and " + MAX_TTL.toSeconds() + "s");
		}
	}

	/**
	 * The decoded secret.
	 * @return the key bytes
	 * @throws IllegalStateException when the secret is missing, not base64 or under 256
	 * bits
	 */
	public byte[] secretBytes() {
		if (this.secret == null || this.secret.isBlank()) {
			throw new IllegalStateException(
					"edgepass.edge.secret (EDGEPASS_EDGE_SECRET) is not set: give a base64-encoded key of at least 256 bits");
		}
		byte[] bytes;
		try {
			bytes = Base64.getDecoder().decode(this.secret.trim());
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException("edgepass.edge.secret (EDGEPASS_EDGE_SECRET) is not valid base64");
		}
		if (bytes.length < MIN_SECRET_BYTES) {
			throw new IllegalStateException(
					"edgepass.edge.secret (EDGEPASS_EDGE_SECRET) must be at least 256 bits, got " + (bytes.length * 8));
		}
		return bytes;
	}

}
