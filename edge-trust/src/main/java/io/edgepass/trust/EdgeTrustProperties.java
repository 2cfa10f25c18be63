package io.edgepass.trust;

import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.text.ParseException;
import java.time.Duration;
import java.util.Base64;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.KeyUse;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the gateway-to-service trust: how assertions are signed, who issues them
 * and for whom, and their lifetime.
 *
 * @param secret this service's own HMAC key, base64-encoded, at least 256 bits: the key
 * {@link EdgeAssertionKeys} derives from the gateway's master secret for its
 * {@code audience} ({@code HS256}, services only)
 * @param nextSecret a second key this service accepts while the gateway's master secret
 * changes over, derived from the new master ({@code HS256}, services only, optional)
 * @param masterSecret the gateway's master secret, base64-encoded, at least 256 bits,
 * from which every service's key is derived ({@code HS256}, gateway only)
 * @param issuer the {@code iss} of every assertion
 * @param audience this service's own name, the {@code aud} it accepts (unset on the
 * gateway)
 * @param ttl how long a minted assertion lives (at most {@link #MAX_TTL})
 * @param clockSkew the tolerance when checking {@code exp}, {@code nbf} and {@code iat}
 * @param algorithm how assertions are signed: {@code HS256} with the shared secret, or
 * {@code ES256} with the gateway's private key
 * @param signingKey the gateway's P-256 private key as a JWK JSON object with {@code kid}
 * and {@code d} ({@code ES256}, gateway only)
 * @param jwksUrl where a service fetches the gateway's public keys ({@code ES256},
 * services only)
 */
@ConfigurationProperties("edgepass.edge")
public record EdgeTrustProperties(String secret, String nextSecret, String masterSecret,
		@DefaultValue("edgepass-gateway") String issuer, String audience, @DefaultValue("30s") Duration ttl,
		@DefaultValue("5s") Duration clockSkew, @DefaultValue("HS256") Algorithm algorithm, String signingKey,
		URI jwksUrl) {

	/** The longest an assertion may live, by contract. */
	public static final Duration MAX_TTL = Duration.ofSeconds(60);

	static final int MIN_SECRET_BYTES = 32;

	@ConstructorBinding
	public EdgeTrustProperties {
		if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(MAX_TTL) > 0) {
			throw new IllegalArgumentException("edgepass.edge.ttl must be between 1s and " + MAX_TTL.toSeconds() + "s");
		}
		algorithm = (algorithm != null) ? algorithm : Algorithm.HS256;
	}

	/**
	 * HS256 settings of a service.
	 * @param secret the service's own key, base64
	 * @param issuer the {@code iss}
	 * @param audience the service's name
	 * @param ttl the lifetime of an assertion
	 * @param clockSkew the tolerance of time checks
	 * @return the settings
	 */
	public static EdgeTrustProperties service(String secret, String issuer, String audience, Duration ttl,
			Duration clockSkew) {
		return new EdgeTrustProperties(secret, null, null, issuer, audience, ttl, clockSkew, Algorithm.HS256, null,
				null);
	}

	/**
	 * HS256 settings of the gateway.
	 * @param masterSecret the master secret every service's key is derived from, base64
	 * @param issuer the {@code iss}
	 * @param ttl the lifetime of an assertion
	 * @return the settings
	 */
	public static EdgeTrustProperties gateway(String masterSecret, String issuer, Duration ttl) {
		return new EdgeTrustProperties(null, null, masterSecret, issuer, null, ttl, Duration.ofSeconds(5),
				Algorithm.HS256, null, null);
	}

	/**
	 * This service's decoded key.
	 * @return the key bytes
	 * @throws IllegalStateException when the key is missing, not base64 or under 256 bits
	 */
	public byte[] secretBytes() {
		return required(decoded(this.secret, "edgepass.edge.secret (EDGEPASS_EDGE_SECRET)"),
				"edgepass.edge.secret (EDGEPASS_EDGE_SECRET) is not set: give this service's own key, derived from "
						+ "the gateway's master secret (./edgepass secrets prints every key)");
	}

	/**
	 * The decoded second key of a change-over.
	 * @return the key bytes, or {@code null} when none is set
	 * @throws IllegalStateException when the key is not base64 or under 256 bits
	 */
	public byte[] nextSecretBytes() {
		return decoded(this.nextSecret, "edgepass.edge.next-secret (EDGEPASS_EDGE_NEXT_SECRET)");
	}

	/**
	 * The gateway's decoded master secret.
	 * @return the key bytes
	 * @throws IllegalStateException when the secret is missing, not base64 or under 256
	 * bits
	 */
	public byte[] masterSecretBytes() {
		return required(decoded(this.masterSecret, "edgepass.edge.master-secret (EDGEPASS_EDGE_MASTER_SECRET)"),
				"edgepass.edge.master-secret (EDGEPASS_EDGE_MASTER_SECRET) is not set: the gateway derives every "
						+ "service's key from a base64-encoded master secret of at least 256 bits");
	}

	private static byte[] required(byte[] bytes, String message) {
		if (bytes == null) {
			throw new IllegalStateException(message);
		}
		return bytes;
	}

	private static byte[] decoded(String base64, String name) {
		if (base64 == null || base64.isBlank()) {
			return null;
		}
		byte[] bytes;
		try {
			bytes = Base64.getDecoder().decode(base64.trim());
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException(name + " is not valid base64");
		}
		if (bytes.length < MIN_SECRET_BYTES) {
			throw new IllegalStateException(name + " must be at least 256 bits, got " + (bytes.length * 8));
		}
		return bytes;
	}

	/**
	 * The parsed signing key. Messages never quote the key.
	 * @return the P-256 private key with its {@code kid}
	 * @throws IllegalStateException when the key is missing, not a JWK, not a private
	 * P-256 key, without {@code kid}, or meant for another algorithm or use
	 */
	public ECKey signingJwk() {
		String name = "edgepass.edge.signing-key (EDGEPASS_EDGE_SIGNING_KEY)";
		if (this.signingKey == null || this.signingKey.isBlank()) {
			throw new IllegalStateException(
					name + " is not set: ES256 needs a P-256 private key as a JWK with kid and d");
		}
		ECKey key;
		try {
			key = ECKey.parse(this.signingKey.trim());
		}
		catch (ParseException ex) {
			throw new IllegalStateException(name + " is not an EC JWK (a JSON object with kty EC, crv, x, y, d, kid)");
		}
		if (!Curve.P_256.equals(key.getCurve()) || !key.isPrivate()) {
			throw new IllegalStateException(name + " must be a P-256 private key (crv P-256, with d)");
		}
		if (key.getKeyID() == null || key.getKeyID().isBlank()) {
			throw new IllegalStateException(name + " has no kid");
		}
		if ((key.getAlgorithm() != null && !JWSAlgorithm.ES256.equals(key.getAlgorithm()))
				|| (key.getKeyUse() != null && !KeyUse.SIGNATURE.equals(key.getKeyUse()))) {
			throw new IllegalStateException(name + " is meant for another algorithm or use than ES256 signatures");
		}
		return key;
	}

	/**
	 * The gateway's JWKS address.
	 * @return the URL to fetch
	 * @throws IllegalStateException when it is missing or not an absolute http(s) URL
	 */
	public URL jwksLocation() {
		String name = "edgepass.edge.jwks-url (EDGEPASS_EDGE_JWKS_URL)";
		if (this.jwksUrl == null || !this.jwksUrl.isAbsolute()
				|| !("http".equals(this.jwksUrl.getScheme()) || "https".equals(this.jwksUrl.getScheme()))) {
			throw new IllegalStateException(
					name + " must be the gateway's absolute http(s) JWKS URL in ES256 mode, got " + this.jwksUrl);
		}
		try {
			return this.jwksUrl.toURL();
		}
		catch (MalformedURLException | IllegalArgumentException ex) {
			throw new IllegalStateException(name + " is not a valid URL: " + this.jwksUrl, ex);
		}
	}

	@Override
	public String toString() {
		return "EdgeTrustProperties[algorithm=" + this.algorithm + ", issuer=" + this.issuer + ", audience="
				+ this.audience + ", ttl=" + this.ttl + ", clockSkew=" + this.clockSkew + ", jwksUrl=" + this.jwksUrl
				+ ", secrets and signingKey redacted]";
	}

	/** How assertions are signed. */
	public enum Algorithm {

		/**
		 * HMAC with a key per service, each derived from the gateway's master secret.
		 */
		HS256,

		/**
		 * ECDSA P-256 with the gateway's private key; services hold only its public key.
		 */
		ES256

	}

}
