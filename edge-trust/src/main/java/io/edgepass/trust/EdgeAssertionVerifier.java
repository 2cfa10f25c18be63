package io.edgepass.trust;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

/**
 * Verifies an {@code X-Edge-Assertion} for one service: a signature of the one configured
 * algorithm (HS256 with this service's own key, and during a change-over of the gateway's
 * master secret also with the next one; or ES256 with a key from the gateway's cached
 * JWKS), {@code typ}, {@code iss}, this service's own {@code aud},
 * {@code exp}/{@code iat} within the clock skew and a lifetime no longer than
 * {@link EdgeTrustProperties#MAX_TTL}.
 */
public final class EdgeAssertionVerifier {

	static final JOSEObjectType TYPE = new JOSEObjectType("edge+jwt");

	/** Far above a real assertion's size, far below anything that could hurt to parse. */
	static final int MAX_LENGTH = 8192;

	private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

	private final Duration clockSkew;

	private final Clock clock;

	public EdgeAssertionVerifier(EdgeTrustProperties properties) {
		this(properties, Clock.systemUTC());
	}

	public EdgeAssertionVerifier(EdgeTrustProperties properties, Clock clock) {
		if (properties.audience() == null || properties.audience().isBlank()) {
			throw new IllegalStateException("edgepass.edge.audience must name this service");
		}
		this.clockSkew = properties.clockSkew();
		this.clock = clock;
		this.processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(TYPE));
		this.processor.setJWSKeySelector(keySelector(properties));
		DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(Set.of(properties.audience()),
				new JWTClaimsSet.Builder().issuer(properties.issuer()).build(),
				Set.of("sub", "exp", "iat", "jti", "sid"), null) {

			@Override
			protected Date currentTime() {
				return Date.from(clock.instant());
			}

		};
		claims.setMaxClockSkew((int) this.clockSkew.toSeconds());
		this.processor.setJWTClaimsSetVerifier(claims);
	}

	private static JWSKeySelector<SecurityContext> keySelector(EdgeTrustProperties properties) {
		return switch (properties.algorithm()) {
			case HS256 -> hmacKeys(properties);
			case ES256 -> new JWSVerificationKeySelector<>(JWSAlgorithm.ES256,
					JWKSourceBuilder.<SecurityContext>create(properties.jwksLocation()).build());
		};
	}

	private static JWSKeySelector<SecurityContext> hmacKeys(EdgeTrustProperties properties) {
		List<JWK> keys = new ArrayList<>();
		keys.add(new OctetSequenceKey.Builder(properties.secretBytes()).build());
		byte[] next = properties.nextSecretBytes();
		if (next != null) {
			keys.add(new OctetSequenceKey.Builder(next).build());
		}
		return new JWSVerificationKeySelector<>(JWSAlgorithm.HS256, new ImmutableJWKSet<>(new JWKSet(keys)));
	}

	/**
	 * Verifies an assertion.
	 * @param assertion the header's value
	 * @return the identity it carries
	 * @throws InvalidEdgeAssertionException when it must not be trusted, for any reason
	 */
	public EdgeIdentity verify(String assertion) throws InvalidEdgeAssertionException {
		if (assertion == null || assertion.isBlank()) {
			throw new InvalidEdgeAssertionException("empty assertion");
		}
		if (assertion.length() > MAX_LENGTH) {
			throw new InvalidEdgeAssertionException("assertion too long");
		}
		JWTClaimsSet claims;
		try {
			claims = this.processor.process(assertion, null);
		}
		catch (ParseException | BadJOSEException | JOSEException | RuntimeException ex) {
			throw new InvalidEdgeAssertionException("rejected assertion: " + ex.getMessage(), ex);
		}
		checkLifetime(claims);
		try {
			return new EdgeIdentity(UUID.fromString(claims.getSubject()), claims.getStringClaim("preferred_username"),
					stringList(claims, "roles"), scopes(claims.getStringClaim("scope")), claims.getStringClaim("sid"),
					claims.getJWTID());
		}
		catch (ParseException | IllegalArgumentException ex) {
			throw new InvalidEdgeAssertionException("malformed assertion claims: " + ex.getMessage(), ex);
		}
	}

	private void checkLifetime(JWTClaimsSet claims) throws InvalidEdgeAssertionException {
		Duration lifetime = Duration.between(claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant());
		if (lifetime.compareTo(EdgeTrustProperties.MAX_TTL) > 0) {
			throw new InvalidEdgeAssertionException("assertion lives longer than " + EdgeTrustProperties.MAX_TTL);
		}
		if (claims.getIssueTime().toInstant().isAfter(this.clock.instant().plus(this.clockSkew))) {
			throw new InvalidEdgeAssertionException("assertion issued in the future");
		}
	}

	private static List<String> stringList(JWTClaimsSet claims, String name) throws ParseException {
		List<String> values = claims.getStringListClaim(name);
		return (values != null) ? values : List.of();
	}

	private static List<String> scopes(String scope) {
		return (scope == null || scope.isBlank()) ? List.of() : List.of(scope.trim().split(" +"));
	}

}
