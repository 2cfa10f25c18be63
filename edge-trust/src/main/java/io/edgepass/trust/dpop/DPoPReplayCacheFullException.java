package io.edgepass.trust.dpop;

/**
 * The replay cache holds as many proofs as it may and none has expired yet: the proof
 * cannot be checked for replay, so it is not accepted (fail closed). The caller answers
 * {@code 503} with {@code Retry-After}: the oldest entries expire within the proof
 * window.
 */
public class DPoPReplayCacheFullException extends RuntimeException {

	public DPoPReplayCacheFullException() {
		super("Too many DPoP proofs within the proof window to check one more for replay", null, false, false);
	}

}
