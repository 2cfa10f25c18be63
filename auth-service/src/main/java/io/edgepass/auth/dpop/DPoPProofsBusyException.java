package io.edgepass.auth.dpop;

import io.edgepass.trust.ProblemTypes;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * The replay cache is full of live proofs, so a proof cannot be checked for replay:
 * answered {@code 503}, since the oldest entries expire within the proof window.
 */
public class DPoPProofsBusyException extends ErrorResponseException {

	DPoPProofsBusyException() {
		super(HttpStatus.SERVICE_UNAVAILABLE, problem(), null);
		getHeaders().set(HttpHeaders.RETRY_AFTER, "1");
	}

	private static ProblemDetail problem() {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				"Too many DPoP proofs are being checked, try again shortly.");
		problem.setType(ProblemTypes.SERVICE_UNAVAILABLE);
		return problem;
	}

}
