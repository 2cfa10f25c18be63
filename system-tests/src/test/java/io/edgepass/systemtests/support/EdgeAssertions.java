package io.edgepass.systemtests.support;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.HmacKey;
import org.jose4j.lang.JoseException;

/**
 * Mints {@code X-Edge-Assertion} values in the format of DESIGN.md with jose4j (not the
 * suite's own edge-trust code), to call services behind the gateway as an attacker who
 * got past it would.
 */
public final class EdgeAssertions {

	private EdgeAssertions() {
	}

	/**
	 * @param base64Secret the signing secret, base64
	 * @param audience the target service ({@code orders-service}...)
	 * @param userId the {@code sub}
	 * @param issuedAt the {@code iat}; {@code exp} is 30 s later
	 * @param roles the roles
	 */
	public static String mint(String base64Secret, String audience, String userId, Instant issuedAt,
			List<String> roles) {
		JwtClaims claims = new JwtClaims();
		claims.setIssuer("edgepass-gateway");
		claims.setAudience(audience);
		claims.setSubject(userId);
		claims.setClaim("preferred_username", "forged-" + userId.substring(0, 8));
		claims.setStringListClaim("roles", roles);
		claims.setClaim("scope", "orders:read orders:write profile:read profile:write");
		claims.setClaim("sid", UUID.randomUUID().toString());
		claims.setJwtId(UUID.randomUUID().toString());
		claims.setIssuedAt(NumericDate.fromSeconds(issuedAt.getEpochSecond()));
		claims.setExpirationTime(NumericDate.fromSeconds(issuedAt.plus(Duration.ofSeconds(30)).getEpochSecond()));
		JsonWebSignature jws = new JsonWebSignature();
		jws.setPayload(claims.toJson());
		jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
		jws.setHeader("typ", "edge+jwt");
		jws.setKey(new HmacKey(Base64.getDecoder().decode(base64Secret)));
		jws.setDoKeyValidation(false);
		try {
			return jws.getCompactSerialization();
		}
		catch (JoseException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** A fresh valid-looking assertion. */
	public static String mint(String base64Secret, String audience, String userId) {
		return mint(base64Secret, audience, userId, Instant.now(), List.of("USER"));
	}

	/** A secret the suite does not know. */
	public static String randomSecret() {
		byte[] secret = new byte[32];
		new SecureRandom().nextBytes(secret);
		return Base64.getEncoder().encodeToString(secret);
	}

}
