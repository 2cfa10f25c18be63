package io.edgepass.auth.login;

import io.edgepass.trust.ProblemTypes;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * The one answer to every failed login: unknown user, wrong password, locked or disabled
 * account all look alike.
 */
public class LoginFailedException extends ErrorResponseException {

	LoginFailedException() {
		super(HttpStatus.UNAUTHORIZED, problem(), null);
		getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
	}

	private static ProblemDetail problem() {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED,
				"The username or password is not correct.");
		problem.setType(ProblemTypes.UNAUTHORIZED);
		return problem;
	}

}
