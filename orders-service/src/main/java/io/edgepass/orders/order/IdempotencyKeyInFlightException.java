package io.edgepass.orders.order;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** The request that first used an {@code Idempotency-Key} has not finished yet. */
class IdempotencyKeyInFlightException extends ErrorResponseException {

	IdempotencyKeyInFlightException() {
		super(HttpStatus.CONFLICT, ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
				"A request with this Idempotency-Key is still being processed. Retry later."), null);
	}

}
