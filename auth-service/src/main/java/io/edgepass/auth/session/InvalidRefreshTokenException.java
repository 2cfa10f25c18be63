package io.edgepass.auth.session;

import io.edgepass.trust.ProblemTypes;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** Unknown, expired, spent or revoked: the client learns only that it must log in. */
class InvalidRefreshTokenException extends ErrorResponseException {

	InvalidRefreshTokenException() {
		super(HttpStatus.UNAUTHORIZED, problem(), null);
		getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
	}

	private static ProblemDetail problem() {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED,
				"The refresh token is not valid.");
		problem.setType(ProblemTypes.UNAUTHORIZED);
		return problem;
	}

}
