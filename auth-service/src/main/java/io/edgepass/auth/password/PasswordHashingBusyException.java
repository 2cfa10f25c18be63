package io.edgepass.auth.password;

import io.edgepass.trust.ProblemTypes;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** Every hashing slot stayed busy for the whole allowed wait: answered 429. */
public class PasswordHashingBusyException extends ErrorResponseException {

	public PasswordHashingBusyException() {
		super(HttpStatus.TOO_MANY_REQUESTS, problem(), null);
		getHeaders().set(HttpHeaders.RETRY_AFTER, "1");
	}

	private static ProblemDetail problem() {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS,
				"Too many sign-in attempts are being processed, try again shortly.");
		problem.setType(ProblemTypes.RATE_LIMITED);
		return problem;
	}

}
