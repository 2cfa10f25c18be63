package io.edgepass.trust;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Mints the short-lived {@code X-Edge-Assertion} the gateway attaches to every
 * authenticated request it forwards. The format is defined here and in
 * {@link EdgeAssertionVerifier} only.
 */
public final class EdgeAssertionMinter {

	private final JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.HS256).type(EdgeAssertionVerifier.TYPE).build();

	private final MACSigner signer;

	private final String issuer;

	private final Duration ttl;

	private final Clock clock;

	public EdgeAssertionMinter(EdgeTrustProperties properties) {
		this(properties, Clock.systemUTC());
	}

	public EdgeAssertionMinter(EdgeTrustProperties properties, Clock clock) {
		try {
			this.signer = new MACSigner(properties.secretBytes());
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Unusable edge assertion secret", ex);
		}
		this.issuer = properties.issuer();
		this.ttl = properties.ttl();
		this.clock = clock;
	}

	/**
	 * Mints an assertion of {@code identity} for one service.
	 * @param identity who the request is for
	 * @param audience the target service's name, such as {@code orders-service}
	 * @return the compact JWS
	 */
	public String mint(EdgeIdentity identity, String audience) {
		Instant now = this.clock.instant();
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(this.issuer)
			.audience(audience)
			.subject(identity.userId().toString())
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plus(this.ttl)))
			.jwtID(identity.tokenId())
			.claim("preferred_username", identity.username())
			.claim("roles", identity.roles())
			.claim("scope", String.join(" ", identity.scopes()))
			.claim("sid", identity.sessionId())
			.build();
		SignedJWT jwt = new SignedJWT(this.header, claims);
		try {
			jwt.sign(this.signer);
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Could not sign an edge assertion", ex);
		}
		return jwt.serialize();
	}

}
