package io.edgepass.orders.system;

import java.net.http.HttpRequest;
import java.util.List;

import io.edgepass.orders.OrdersServiceTest;
import io.edgepass.testsupport.ErrorResponseContract;

/** The shared error contract, on orders-service's {@code /orders}. */
class ErrorResponseTests extends OrdersServiceTest implements ErrorResponseContract {

	@Override
	public String resource() {
		return "/orders";
	}

	@Override
	public List<String> allowedMethods() {
		return List.of("GET", "POST");
	}

	@Override
	public HttpRequest.Builder withAnUnsupportedContentType(HttpRequest.Builder request) {
		return request.header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("{}"));
	}

}
