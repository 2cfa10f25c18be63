package io.edgepass.profile.profile;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** {@code If-Match} named a version of the profile that is no longer current. */
class StaleProfileException extends ErrorResponseException {

	StaleProfileException() {
		super(HttpStatus.PRECONDITION_FAILED, ProblemDetail.forStatusAndDetail(HttpStatus.PRECONDITION_FAILED,
				"The profile has changed since it was read. Fetch it again and retry."), null);
	}

}
