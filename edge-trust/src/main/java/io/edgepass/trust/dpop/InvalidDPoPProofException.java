package io.edgepass.trust.dpop;

/**
 * A DPoP proof that is refused. The message names the rule it broke in words safe to show
 * the client (never the proof or a token); the caller answers {@code 401} (at the edge,
 * with {@code WWW-Authenticate: DPoP error="invalid_dpop_proof"}) or {@code 400
 * invalid_dpop_proof} (at the token endpoint).
 */
public class InvalidDPoPProofException extends RuntimeException {

	public InvalidDPoPProofException(String message) {
		super(message, null, false, false);
	}

}
