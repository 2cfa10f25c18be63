package io.edgepass.gateway.system;

import java.net.ConnectException;
import java.util.concurrent.TimeoutException;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;

import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;

/**
 * Every error that reaches the web layer becomes a problem response with a fixed detail:
 * no route (404), wrong method (405), upstream refused (503) or slow (504), anything
 * unexpected (500, logged, never shown).
 */
@Component
@Order(-2)
class ProblemErrorHandler implements ErrorWebExceptionHandler {

	private static final Log logger = LogFactory.getLog(ProblemErrorHandler.class);

	private final ProblemResponses problems;

	ProblemErrorHandler(ProblemResponses problems) {
		this.problems = problems;
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
		if (exchange.getResponse().isCommitted()) {
			return Mono.error(ex);
		}
		HttpStatus status = statusOf(ex);
		if (status.is5xxServerError() && status != HttpStatus.SERVICE_UNAVAILABLE
				&& status != HttpStatus.GATEWAY_TIMEOUT) {
			logger.error("Unexpected error on " + exchange.getRequest().getMethod() + " "
					+ exchange.getRequest().getPath().value(), ex);
		}
		exchange.getResponse().getHeaders().clearContentHeaders();
		return this.problems.write(exchange, status);
	}

	private static HttpStatus statusOf(Throwable ex) {
		if (ex instanceof ResponseStatusException rse) {
			HttpStatus status = HttpStatus.resolve(rse.getStatusCode().value());
			return (status != null) ? status : HttpStatus.INTERNAL_SERVER_ERROR;
		}
		if (ex instanceof ConnectException || ex.getCause() instanceof ConnectException) {
			return HttpStatus.SERVICE_UNAVAILABLE;
		}
		if (ex instanceof TimeoutException) {
			return HttpStatus.GATEWAY_TIMEOUT;
		}
		return HttpStatus.INTERNAL_SERVER_ERROR;
	}

}
