package io.edgepass.gateway.token;

import org.springframework.security.core.AuthenticationException;

/**
 * An access token the edge does not accept. The reason is for metrics and logs, never for
 * clients.
 */
public class InvalidAccessTokenException extends AuthenticationException {

	private final Reason reason;

	InvalidAccessTokenException(Reason reason) {
		super("Access token rejected: " + reason.tag());
		this.reason = reason;
	}

	public Reason reason() {
		return this.reason;
	}

	/** Why a token was rejected, as tagged on {@code edgepass.gateway.token.rejected}. */
	public enum Reason {

		TOO_LONG, MALFORMED, ENCRYPTED, ALGORITHM, TYPE, KEY_IN_HEADER, CRITICAL_HEADER, MISSING_KID, UNKNOWN_KID,
		KEYS_UNAVAILABLE, SIGNATURE, CLAIMS, ISSUER, AUDIENCE, EXPIRED, NOT_YET_VALID, REVOKED;

		public String tag() {
			return name().toLowerCase(java.util.Locale.ROOT);
		}

	}

}
