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
 * @param secret the HMAC key, base64-encoded, at least 256 bits ({@code HS256} only)
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
public record EdgeTrustProperties(String secret, @DefaultValue("edgepass-gateway") String issuer, String audience,
		@DefaultValue("30s") Duration ttl, @DefaultValue("5s") Duration clockSkew,
		@DefaultValue("HS256") Algorithm algorithm, String signingKey, URI jwksUrl) {

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

	/** HS256 settings, as before ES256 existed. */
	public EdgeTrustProperties(String secret, String issuer, String audience, Duration ttl, Duration clockSkew) {
		this(secret, issuer, audience, ttl, clockSkew, Algorithm.HS256, null, null);
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
				+ ", secret and signingKey redacted]";
	}

	/** How assertions are signed. */
	public enum Algorithm {

		/** HMAC with the secret every service shares. */
		HS256,

		/**
		 * ECDSA P-256 with the gateway's private key; services hold only its public key.
		 */
		ES256

	}

}
