package io.edgepass.bench.sessionedge;

import java.security.Principal;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The two routes, identical but for their prefix: strip it, name the caller to the
 * upstream, proxy.
 */
@Configuration(proxyBeanMethods = false)
class EdgeRoutes {

	static final String USER_HEADER = "X-User-Name";

	@Bean
	RouteLocator benchRoutes(RouteLocatorBuilder routes, SessionEdgeProperties properties) {
		return routes.routes()
			.route("session",
					(route) -> route.path("/session/**")
						.filters((filters) -> filters.stripPrefix(1).filter(forwardUser()))
						.uri(properties.upstream()))
			.route("jwt",
					(route) -> route.path("/jwt/**")
						.filters((filters) -> filters.stripPrefix(1).filter(forwardUser()))
						.uri(properties.upstream()))
			.build();
	}

	private static GatewayFilter forwardUser() {
		return (exchange, chain) -> exchange.getPrincipal()
			.map(Principal::getName)
			.map((name) -> exchange.mutate().request(exchange.getRequest().mutate().headers((headers) -> {
				headers.remove("Authorization");
				headers.remove("Cookie");
				headers.set(USER_HEADER, name);
			}).build()).build())
			.defaultIfEmpty(exchange)
			.flatMap(chain::filter);
	}

}
