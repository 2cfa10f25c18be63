package io.edgepass.orders.order;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** No such order, or not one the caller may see: the two are not told apart. */
class OrderNotFoundException extends ErrorResponseException {

	OrderNotFoundException() {
		super(HttpStatus.NOT_FOUND, ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No such order."), null);
	}

}
