package io.edgepass.gateway.token;

import java.net.URI;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import com.nimbusds.jose.JWSAlgorithm;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * What an access token must look like to pass the edge.
 *
 * @param issuer the exact {@code iss}
 * @param audience the {@code aud} every token must contain
 * @param algorithms the accepted {@code alg} values
 * @param hs256Secret the shared HMAC key (base64, at least 256 bits), only in HS256 mode
 * @param clockSkew the tolerance on {@code exp}, {@code nbf} and {@code iat}
 * @param maxLength the longest token looked at; longer ones are rejected unread
 * @param jwks where and how often the signing keys are fetched
 * @param cache how many verified tokens are remembered
 */
@ConfigurationProperties("edgepass.token")
public record TokenProperties(@DefaultValue("http://localhost:8080") String issuer,
		@DefaultValue("edgepass-api") String audience, @DefaultValue( {
				"RS256", "ES256", "EdDSA" }) List<String> algorithms,
		String hs256Secret, @DefaultValue("30s") Duration clockSkew, @DefaultValue("8192") int maxLength,
		@DefaultValue Jwks jwks, @DefaultValue Cache cache){

	static final Set<JWSAlgorithm> SUPPORTED = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256, JWSAlgorithm.EdDSA,
			JWSAlgorithm.HS256);

	static final int MIN_HS256_SECRET_BYTES = 32;

	public TokenProperties {
		if (clockSkew.isNegative() || clockSkew.compareTo(Duration.ofSeconds(60)) > 0) {
			throw new IllegalArgumentException("edgepass.token.clock-skew must be between 0 and 60s");
		}
		for (String algorithm : algorithms) {
			if (!SUPPORTED.contains(JWSAlgorithm.parse(algorithm))) {
				throw new IllegalArgumentException("edgepass.token.algorithms: unsupported algorithm '" + algorithm
						+ "', choose from RS256, ES256, EdDSA, HS256");
			}
		}
		if (algorithms.contains("HS256")) {
			hs256SecretBytes(hs256Secret);
		}
	}

	Set<JWSAlgorithm> acceptedAlgorithms() {
		return Set.copyOf(this.algorithms.stream().map(JWSAlgorithm::parse).toList());
	}

	/** The HS256 key; only called in HS256 mode, where the constructor checked it. */
	byte[] hs256Key() {
		return hs256SecretBytes(this.hs256Secret);
	}

	private static byte[] hs256SecretBytes(String secret) {
		if (secret == null || secret.isBlank()) {
			throw new IllegalArgumentException(
					"HS256 is accepted but edgepass.token.hs256-secret (EDGEPASS_TOKEN_HS256_SECRET) is not set");
		}
		byte[] bytes;
		try {
			bytes = Base64.getDecoder().decode(secret.trim());
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("edgepass.token.hs256-secret is not valid base64");
		}
		if (bytes.length < MIN_HS256_SECRET_BYTES) {
			throw new IllegalArgumentException(
					"edgepass.token.hs256-secret must be at least 256 bits, got " + (bytes.length * 8));
		}
		return bytes;
	}

	/**
	 * The tokens remembered after their signature and claims passed, so that a token used
	 * again skips the signature check ({@link VerifiedTokens}).
	 *
	 * @param maxEntries the most tokens remembered
	 * @param maxMemory the most memory their entries take, estimated
	 */
	public record Cache(@DefaultValue("50000") int maxEntries, @DefaultValue("32MB") DataSize maxMemory) {

		public Cache {
			if (maxEntries < 1 || maxMemory.toBytes() < 1) {
				throw new IllegalArgumentException("edgepass.token.cache.max-entries and max-memory must be positive");
			}
		}

	}

	/**
	 * The JWKS the signing keys come from.
	 *
	 * @param url the JWKS document
	 * @param refreshInterval how often it is reloaded; a key removed from it stops
	 * validating within this time
	 * @param retryInterval how soon a failed load is retried
	 * @param minRefetchInterval the least time between two fetches caused by an unknown
	 * {@code kid}
	 * @param fetchTimeout how long one fetch may take
	 */
	public record Jwks(@DefaultValue("http://localhost:8081/.well-known/jwks.json") URI url,
			@DefaultValue("60s") Duration refreshInterval, @DefaultValue("2s") Duration retryInterval,
			@DefaultValue("10s") Duration minRefetchInterval, @DefaultValue("3s") Duration fetchTimeout) {

	}

}
