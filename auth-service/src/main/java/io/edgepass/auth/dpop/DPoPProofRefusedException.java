package io.edgepass.auth.dpop;

import io.edgepass.trust.ProblemTypes;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A token request's DPoP proof is refused, or a bound session's refresh comes without a
 * proof of its key: answered {@code 400} with one vague detail, whichever rule was
 * broken.
 */
public class DPoPProofRefusedException extends ErrorResponseException {

	public DPoPProofRefusedException() {
		super(HttpStatus.BAD_REQUEST, problem(), null);
	}

	private static ProblemDetail problem() {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"The DPoP proof is not valid.");
		problem.setType(ProblemTypes.INVALID_DPOP_PROOF);
		problem.setTitle("Invalid DPoP proof");
		return problem;
	}

}
