package io.edgepass.gateway.system;

import io.edgepass.gateway.security.AccessTokenAuthentication;
import io.edgepass.trust.EdgeIdentity;
import io.micrometer.tracing.handler.TracingObservationHandler.TracingContext;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * One line per request: method, path (never the query, which may carry secrets), route,
 * status, latency, user, client address and trace id. Never a token. The line is written
 * after the request's observation has closed its scope, so the trace id is taken from the
 * observation itself rather than from the logging context.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class AccessLog implements WebFilter {

	private static final Log logger = LogFactory.getLog("io.edgepass.gateway.access");

	private final ClientAddresses clients;

	AccessLog(ClientAddresses clients) {
		this.clients = clients;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (!logger.isInfoEnabled()) {
			return chain.filter(exchange);
		}
		long start = System.nanoTime();
		return chain.filter(exchange).doFinally((signal) -> logger.info(line(exchange, start)));
	}

	private String line(ServerWebExchange exchange, long start) {
		Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
		HttpStatusCode status = exchange.getResponse().getStatusCode();
		return "method=" + exchange.getRequest().getMethod() + " path=" + exchange.getRequest().getPath().value()
				+ " route=" + ((route != null) ? route.getId() : "-") + " status="
				+ ((status != null) ? status.value() : "-") + " latencyMs=" + (System.nanoTime() - start) / 1_000_000
				+ " user=" + AccessTokenAuthentication.identityOf(exchange).map(EdgeIdentity::userId).orElse(null)
				+ " client=" + this.clients.clientOf(exchange.getRequest()) + " trace=" + traceId(exchange);
	}

	private static String traceId(ServerWebExchange exchange) {
		return ServerRequestObservationContext.findCurrent(exchange.getAttributes())
			.map((context) -> context.<TracingContext>get(TracingContext.class))
			.map(TracingContext::getSpan)
			.map((span) -> span.context().traceId())
			.orElse("-");
	}

}
