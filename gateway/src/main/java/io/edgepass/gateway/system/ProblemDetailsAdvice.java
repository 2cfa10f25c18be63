package io.edgepass.gateway.system;

import java.net.URI;

import io.edgepass.trust.ProblemTypes;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.server.ServerWebExchange;

/**
 * Spring's own problem details for framework errors (no resource, wrong method, …), with
 * Edgepass's stable types and fixed details instead of exception messages.
 */
@ControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

	@Override
	protected Mono<ResponseEntity<Object>> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
			HttpStatusCode status, ServerWebExchange exchange) {
		ProblemDetail problem = (body instanceof ProblemDetail detail) ? detail : ProblemDetail.forStatus(status);
		problem.setType(ProblemTypes.forStatus(status.value()));
		problem.setDetail(ProblemResponses.detailOf(status));
		problem.setInstance(URI.create(exchange.getRequest().getPath().value()));
		return super.handleExceptionInternal(ex, problem, headers, status, exchange);
	}

}
