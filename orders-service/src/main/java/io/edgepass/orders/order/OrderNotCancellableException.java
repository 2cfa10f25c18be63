package io.edgepass.orders.order;

import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

class OrderNotCancellableException extends ErrorResponseException {

	OrderNotCancellableException(UUID id, OrderStatus status) {
		super(HttpStatus.CONFLICT, ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
				"Order " + id + " is " + status + " and can no longer be cancelled."), null);
	}

}
