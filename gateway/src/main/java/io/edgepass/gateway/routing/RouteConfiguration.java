package io.edgepass.gateway.routing;

import java.io.IOException;
import java.time.Duration;
import java.util.stream.Stream;

import io.edgepass.gateway.ratelimit.RateLimits;
import io.edgepass.gateway.system.EdgeGatewayProperties;
import io.edgepass.gateway.system.ProblemResponses;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;

import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JConfigBuilder;
import org.springframework.cloud.client.circuitbreaker.Customizer;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.GatewayFilterSpec;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.cloud.gateway.support.RouteMetadataUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The routes: {@code /auth/**} and {@code /.well-known/**} to auth-service,
 * {@code /orders/**} to orders-service, {@code /profiles/**} to profile-service. Nothing
 * else is routed. Every route forwards the edge identity, is rate limited, has its own
 * timeouts and circuit breaker; only GET and HEAD are retried.
 */
@Configuration(proxyBeanMethods = false)
class RouteConfiguration {

	static final String AUTH = "auth-service";

	static final String ORDERS = "orders-service";

	static final String PROFILE = "profile-service";

	@Bean
	RouteLocator edgeRoutes(RouteLocatorBuilder routes, EdgeGatewayProperties properties,
			EdgeIdentityGatewayFilterFactory identity, RateLimits limits) {
		return routes.routes()
			.route("auth-credentials",
					(route) -> route.method(HttpMethod.POST)
						.and()
						.path("/auth/login", "/auth/register")
						.filters((filters) -> upstream(filters, AUTH, identity, limits.perClient()))
						.metadata(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR, millis(properties.auth().responseTimeout()))
						.metadata(RouteMetadataUtils.CONNECT_TIMEOUT_ATTR,
								(int) millis(properties.auth().connectTimeout()))
						.uri(properties.auth().url()))
			.route("auth",
					(route) -> route.path("/auth/**", "/.well-known/**")
						.filters((filters) -> retried(upstream(filters, AUTH, identity, limits.perUser())))
						.metadata(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR, millis(properties.auth().responseTimeout()))
						.metadata(RouteMetadataUtils.CONNECT_TIMEOUT_ATTR,
								(int) millis(properties.auth().connectTimeout()))
						.uri(properties.auth().url()))
			.route("orders", (route) -> route.path("/orders", "/orders/**")
				.filters((filters) -> retried(upstream(filters, ORDERS, identity, limits.perUser())))
				.metadata(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR, millis(properties.orders().responseTimeout()))
				.metadata(RouteMetadataUtils.CONNECT_TIMEOUT_ATTR, (int) millis(properties.orders().connectTimeout()))
				.uri(properties.orders().url()))
			.route("profiles", (route) -> route.path("/profiles", "/profiles/**")
				.filters((filters) -> retried(upstream(filters, PROFILE, identity, limits.perUser())))
				.metadata(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR, millis(properties.profile().responseTimeout()))
				.metadata(RouteMetadataUtils.CONNECT_TIMEOUT_ATTR, (int) millis(properties.profile().connectTimeout()))
				.uri(properties.profile().url()))
			.build();
	}

	private static GatewayFilterSpec upstream(GatewayFilterSpec filters, String service,
			EdgeIdentityGatewayFilterFactory identity, GatewayFilter limit) {
		return filters.filter(identity.apply((config) -> config.setAudience(service)))
			.filter(limit)
			.circuitBreaker((breaker) -> breaker.setName(service).setFallbackUri("forward:" + UpstreamFallback.PATH));
	}

	/** Idempotent reads are retried when the connection failed; nothing else ever is. */
	private static GatewayFilterSpec retried(GatewayFilterSpec filters) {
		return filters.retry((retry) -> retry.setRetries(2)
			.setMethods(HttpMethod.GET, HttpMethod.HEAD)
			.setSeries()
			.setStatuses()
			.setExceptions(IOException.class));
	}

	private static long millis(Duration duration) {
		return duration.toMillis();
	}

	@Bean
	RouterFunction<ServerResponse> upstreamFallback(ProblemResponses problems) {
		return RouterFunctions.route(RequestPredicates.path(UpstreamFallback.PATH),
				(request) -> UpstreamFallback.handle(request.exchange(), problems));
	}

	/**
	 * One breaker per service. Its time limit stays above the route's own timeouts, so a
	 * slow service is answered 504 by the route, not cut short by the breaker.
	 */
	@Bean
	Customizer<ReactiveResilience4JCircuitBreakerFactory> circuitBreakers(EdgeGatewayProperties properties) {
		EdgeGatewayProperties.CircuitBreaker settings = properties.circuitBreaker();
		Duration longest = Stream.of(properties.auth(), properties.orders(), properties.profile())
			.map((upstream) -> upstream.connectTimeout().plus(upstream.responseTimeout()))
			.max(Duration::compareTo)
			.orElseThrow();
		return (factory) -> factory.configureDefault((id) -> new Resilience4JConfigBuilder(id)
			.circuitBreakerConfig(CircuitBreakerConfig.custom()
				.failureRateThreshold(settings.failureRateThreshold())
				.minimumNumberOfCalls(settings.minimumCalls())
				.slidingWindowSize(settings.slidingWindow())
				.waitDurationInOpenState(settings.openFor())
				.build())
			.timeLimiterConfig(TimeLimiterConfig.custom().timeoutDuration(longest.plusSeconds(1)).build())
			.build());
	}

}
