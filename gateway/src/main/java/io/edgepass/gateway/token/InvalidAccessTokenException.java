package io.edgepass.gateway.token;

import org.springframework.security.core.AuthenticationException;

/**
 * An access token the edge does not accept. The reason is for metrics and logs, never for
 * clients.
 */
public class InvalidAccessTokenException extends AuthenticationException {

	private final Reason reason;

	private final boolean invalidProof;

	InvalidAccessTokenException(Reason reason) {
		this(reason, false);
	}

	InvalidAccessTokenException(Reason reason, boolean invalidProof) {
		super("Access token rejected: " + reason.tag());
		this.reason = reason;
		this.invalidProof = invalidProof;
	}

	public Reason reason() {
		return this.reason;
	}

	/**
	 * Whether the DPoP proof is at fault (RFC 9449 {@code invalid_dpop_proof}) rather
	 * than the token ({@code invalid_token}).
	 */
	public boolean invalidProof() {
		return this.invalidProof;
	}

	/** Why a token was rejected, as tagged on {@code edgepass.gateway.token.rejected}. */
	public enum Reason {

		TOO_LONG, MALFORMED, ENCRYPTED, ALGORITHM, TYPE, KEY_IN_HEADER, CRITICAL_HEADER, MISSING_KID, UNKNOWN_KID,
		KEYS_UNAVAILABLE, SIGNATURE, CLAIMS, ISSUER, AUDIENCE, EXPIRED, NOT_YET_VALID, REVOKED,
		/**
		 * Not sent the way its key binding ({@code cnf.jkt}) requires, or with a bad
		 * proof.
		 */
		DPOP,
		/** Too many proofs within the proof window to check one more for replay. */
		DPOP_REPLAY_CACHE_FULL;

		public String tag() {
			return name().toLowerCase(java.util.Locale.ROOT);
		}

	}

}
