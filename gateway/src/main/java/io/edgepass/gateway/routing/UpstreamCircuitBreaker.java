package io.edgepass.gateway.routing;

import java.util.concurrent.TimeoutException;

import io.edgepass.gateway.system.ProblemResponses;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;

/**
 * Where a circuit breaker sends a failed call: 504 when the service was too slow, the
 * status a limit check already chose, 503 for everything else (refused, reset, circuit
 * open). Never the transport error's text.
 */
final class UpstreamFallback {

	static final String PATH = "/_gateway/fallback";

	private static final Log logger = LogFactory.getLog(UpstreamFallback.class);

	private UpstreamFallback() {
	}

	static Mono<ServerResponse> handle(ServerWebExchange exchange, ProblemResponses problems) {
		Throwable failure = exchange.getAttribute(ServerWebExchangeUtils.CIRCUITBREAKER_EXECUTION_EXCEPTION_ATTR);
		if (failure == null) {
			return problems.response(exchange, HttpStatus.NOT_FOUND);
		}
		HttpStatus status = statusFor(failure);
		logger.debug("Upstream call failed (" + status.value() + "): " + failure);
		return problems.response(exchange, status);
	}

	static HttpStatus statusFor(Throwable failure) {
		if (failure instanceof TimeoutException) {
			return HttpStatus.GATEWAY_TIMEOUT;
		}
		if (failure instanceof ResponseStatusException rse && rse.getStatusCode().value() != 500) {
			HttpStatus status = HttpStatus.resolve(rse.getStatusCode().value());
			return (status != null && (status.is4xxClientError() || status == HttpStatus.GATEWAY_TIMEOUT)) ? status
					: HttpStatus.SERVICE_UNAVAILABLE;
		}
		return HttpStatus.SERVICE_UNAVAILABLE;
	}

}
