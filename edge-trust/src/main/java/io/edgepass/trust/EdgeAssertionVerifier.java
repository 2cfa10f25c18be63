package io.edgepass.trust;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * Verifies an {@code X-Edge-Assertion} for one service, as Spring Security's
 * {@link JwtDecoder}: a signature of the one configured algorithm (HS256 with this
 * service's own key, and during a change-over of the gateway's master secret also with
 * the next one; or ES256 with a key from the gateway's cached JWKS), {@code typ},
 * {@code iss}, this service's own {@code aud}, {@code exp}/{@code iat} within the clock
 * skew, a lifetime no longer than {@link EdgeTrustProperties#MAX_TTL} and claims of the
 * shapes {@link #identity(Jwt)} reads. Every failure is a {@link BadJwtException}, so an
 * unreachable JWKS is a 401 like any other untrusted assertion.
 */
public final class EdgeAssertionVerifier implements JwtDecoder {

	static final JOSEObjectType TYPE = new JOSEObjectType("edge+jwt");

	/** Far above a real assertion's size, far below anything that could hurt to parse. */
	public static final int MAX_LENGTH = 8192;

	private final NimbusJwtDecoder decoder;

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
		DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
		processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(TYPE));
		processor.setJWSKeySelector(keySelector(properties));
		DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(Set.of(properties.audience()),
				new JWTClaimsSet.Builder().issuer(properties.issuer()).build(),
				Set.of("sub", "exp", "iat", "jti", "sid"), null) {

			@Override
			protected Date currentTime() {
				return Date.from(clock.instant());
			}

		};
		claims.setMaxClockSkew((int) this.clockSkew.toSeconds());
		processor.setJWTClaimsSetVerifier(claims);
		this.decoder = new NimbusJwtDecoder(processor);
		this.decoder.setJwtValidator(this::validate);
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

	@Override
	public Jwt decode(String assertion) throws JwtException {
		if (assertion == null || assertion.isBlank()) {
			throw new BadJwtException("empty assertion");
		}
		if (assertion.length() > MAX_LENGTH) {
			throw new BadJwtException("assertion too long");
		}
		try {
			return this.decoder.decode(assertion);
		}
		catch (BadJwtException ex) {
			throw ex;
		}
		catch (RuntimeException ex) {
			throw new BadJwtException("rejected assertion: " + ex.getMessage(), ex);
		}
	}

	/**
	 * Verifies an assertion.
	 * @param assertion the header's value
	 * @return the identity it carries
	 * @throws InvalidEdgeAssertionException when it must not be trusted, for any reason
	 */
	public EdgeIdentity verify(String assertion) throws InvalidEdgeAssertionException {
		try {
			return identity(decode(assertion));
		}
		catch (JwtException ex) {
			throw new InvalidEdgeAssertionException(ex.getMessage(), ex);
		}
	}

	/**
	 * The identity a verified assertion carries.
	 * @param assertion an assertion this verifier decoded
	 * @return its identity
	 * @throws IllegalArgumentException when a claim has another shape (never for an
	 * assertion this verifier decoded)
	 */
	public static EdgeIdentity identity(Jwt assertion) {
		return new EdgeIdentity(UUID.fromString(assertion.getSubject()), string(assertion, "preferred_username"),
				strings(assertion, "roles"), scopes(string(assertion, "scope")), string(assertion, "sid"),
				string(assertion, "jti"));
	}

	private OAuth2TokenValidatorResult validate(Jwt assertion) {
		Instant issued = assertion.getIssuedAt();
		if (Duration.between(issued, assertion.getExpiresAt()).compareTo(EdgeTrustProperties.MAX_TTL) > 0) {
			return failure("assertion lives longer than " + EdgeTrustProperties.MAX_TTL);
		}
		if (issued.isAfter(this.clock.instant().plus(this.clockSkew))) {
			return failure("assertion issued in the future");
		}
		try {
			identity(assertion);
		}
		catch (IllegalArgumentException ex) {
			return failure("malformed assertion claims: " + ex.getMessage());
		}
		return OAuth2TokenValidatorResult.success();
	}

	private static OAuth2TokenValidatorResult failure(String description) {
		return OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", description, null));
	}

	private static String string(Jwt assertion, String name) {
		Object value = assertion.getClaims().get(name);
		if (value == null || value instanceof String) {
			return (String) value;
		}
		throw new IllegalArgumentException(name + " is not a string");
	}

	private static List<String> strings(Jwt assertion, String name) {
		Object value = assertion.getClaims().get(name);
		if (value == null) {
			return List.of();
		}
		if (value instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
			return list.stream().map(String.class::cast).toList();
		}
		throw new IllegalArgumentException(name + " is not a list of strings");
	}

	private static List<String> scopes(String scope) {
		return (scope == null || scope.isBlank()) ? List.of() : List.of(scope.trim().split(" +"));
	}

}
