package io.edgepass.auth.token;

import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.edgepass.auth.keys.SigningKeys;
import io.edgepass.auth.keys.SigningKeys.Signing;
import io.edgepass.auth.user.User;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/** Issues RFC 9068 access tokens: {@code typ: at+jwt}, signed by the active key. */
@Component
public class AccessTokens {

	static final JOSEObjectType TYPE = new JOSEObjectType("at+jwt");

	private final SigningKeys keys;

	private final TokenProperties properties;

	private final Clock clock;

	AccessTokens(SigningKeys keys, TokenProperties properties, Clock clock) {
		this.keys = keys;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Issues an access token.
	 * @param user whom it is for
	 * @param sessionId its {@code sid}
	 * @param jkt the thumbprint of the DPoP key it is bound to ({@code cnf.jkt}, RFC 9449
	 * §6.1), or {@code null} for a bearer token
	 * @return the signed token
	 */
	public AccessToken issue(User user, String sessionId, @Nullable String jkt) {
		Instant now = this.clock.instant();
		String scope = String.join(" ", user.scopes());
		JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(this.properties.issuer())
			.subject(user.id().toString())
			.audience(this.properties.audience())
			.issueTime(Date.from(now))
			.notBeforeTime(Date.from(now))
			.expirationTime(Date.from(now.plus(this.properties.ttl())))
			.jwtID(UUID.randomUUID().toString())
			.claim("client_id", this.properties.clientId())
			.claim("scope", scope)
			.claim("roles", user.roles())
			.claim("preferred_username", user.username())
			.claim("sid", sessionId);
		if (jkt != null) {
			claims.claim("cnf", Map.of("jkt", jkt));
		}
		Signing signing = this.keys.current();
		SignedJWT jwt = new SignedJWT(
				new JWSHeader.Builder(signing.algorithm()).type(TYPE).keyID(signing.kid()).build(), claims.build());
		try {
			jwt.sign(signing.signer());
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Could not sign an access token with key " + signing.kid(), ex);
		}
		return new AccessToken(jwt.serialize(), this.properties.ttl().toSeconds(), scope);
	}

	/**
	 * A signed access token.
	 *
	 * @param value the compact JWS
	 * @param expiresIn its lifetime in seconds
	 * @param scope its space-separated scopes
	 */
	public record AccessToken(String value, long expiresIn, String scope) {
	}

}
