package io.edgepass.auth.user;

import io.edgepass.trust.ProblemTypes;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

class UsernameTakenException extends ErrorResponseException {

	UsernameTakenException() {
		super(HttpStatus.CONFLICT, problem(), null);
	}

	private static ProblemDetail problem() {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, "This username is taken.");
		problem.setType(ProblemTypes.CONFLICT);
		return problem;
	}

}
