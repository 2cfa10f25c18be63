package io.edgepass.gateway.routing;

import java.util.concurrent.TimeoutException;

import io.edgepass.gateway.system.ProblemResponses;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;

import org.springframework.cloud.client.circuitbreaker.ReactiveCircuitBreaker;
import org.springframework.cloud.client.circuitbreaker.ReactiveCircuitBreakerFactory;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;

/**
 * A route's circuit breaker (Spring Cloud CircuitBreaker on Resilience4j, one per
 * service) and the answer to a failed call: 504 when the service was too slow, the status
 * a limit check already chose, 503 for everything else (refused, reset, circuit open).
 * Never the transport error's text.
 * <p>
 * The answer is written here, not forwarded to a fallback route as Spring Cloud Gateway's
 * {@code CircuitBreaker} filter does: a fallback URI makes the gateway buffer every
 * request's body before routing it (so that the fallback could read it), which cost about
 * an eighth of the edge's CPU on a bodiless GET (docs/BENCHMARKS.md).
 */
final class UpstreamCircuitBreaker {

	private static final Log logger = LogFactory.getLog(UpstreamCircuitBreaker.class);

	private UpstreamCircuitBreaker() {
	}

	static GatewayFilter of(ReactiveCircuitBreakerFactory<?, ?> breakers, String service, ProblemResponses problems) {
		ReactiveCircuitBreaker breaker = breakers.create(service);
		return (exchange, chain) -> breaker.run(chain.filter(exchange),
				(failure) -> answer(exchange, failure, problems));
	}

	private static Mono<Void> answer(ServerWebExchange exchange, Throwable failure, ProblemResponses problems) {
		if (exchange.getResponse().isCommitted()) {
			return Mono.error(failure);
		}
		HttpStatus status = statusFor(failure);
		logger.debug("Upstream call failed (" + status.value() + "): " + failure);
		return problems.write(exchange, status);
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
