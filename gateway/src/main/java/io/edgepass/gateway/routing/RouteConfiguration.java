package io.edgepass.gateway.routing;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;

import io.edgepass.gateway.ratelimit.RateLimits;
import io.edgepass.gateway.system.EdgeGatewayProperties;
import io.edgepass.gateway.system.EdgeGatewayProperties.Upstream;
import io.edgepass.gateway.system.ProblemResponses;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;

import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JConfigBuilder;
import org.springframework.cloud.client.circuitbreaker.Customizer;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.Buildable;
import org.springframework.cloud.gateway.route.builder.GatewayFilterSpec;
import org.springframework.cloud.gateway.route.builder.PredicateSpec;
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
 * {@code /orders/**} to orders-service, {@code /profiles/**} to profile-service, and each
 * service's OpenAPI document at {@code /docs/api/<service>}. Nothing else is routed.
 * Every route strips what a client sent to claim an identity and has its own timeouts and
 * circuit breaker; the API routes also forward the edge identity and are rate limited;
 * only GET and HEAD are retried.
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
						.path("/auth/login", "/auth/token", "/auth/register")
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
			.route("docs-auth", (route) -> apiDocs(route, "/docs/api/auth", AUTH, properties.auth(), identity))
			.route("docs-orders", (route) -> apiDocs(route, "/docs/api/orders", ORDERS, properties.orders(), identity))
			.route("docs-profile",
					(route) -> apiDocs(route, "/docs/api/profile", PROFILE, properties.profile(), identity))
			.build();
	}

	/**
	 * A service's OpenAPI document for the Swagger UI at {@code /docs}: public and read
	 * only, so the identity filter only strips what the client sent and adds nothing.
	 */
	private static Buildable<Route> apiDocs(PredicateSpec route, String path, String service, Upstream upstream,
			EdgeIdentityGatewayFilterFactory identity) {
		return route.method(HttpMethod.GET)
			.and()
			.path(path)
			.filters(
					(filters) -> retried(filters.filter(identity.apply((config) -> config.setAudience(service)))
						.setPath("/v3/api-docs")
						.circuitBreaker((breaker) -> breaker.setName(service)
							.setFallbackUri("forward:" + UpstreamFallback.PATH))))
			.metadata(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR, millis(upstream.responseTimeout()))
			.metadata(RouteMetadataUtils.CONNECT_TIMEOUT_ATTR, (int) millis(upstream.connectTimeout()))
			.uri(upstream.url());
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

	/** Swagger UI's start page is {@code /docs/}; {@code /docs} is what people type. */
	@Bean
	RouterFunction<ServerResponse> docsStartPage() {
		return RouterFunctions.route(RequestPredicates.GET("/docs"),
				(request) -> ServerResponse.permanentRedirect(URI.create("/docs/")).build());
	}

	@Bean
	RouterFunction<ServerResponse> upstreamFallback(ProblemResponses problems) {
		return RouterFunctions.route(RequestPredicates.path(UpstreamFallback.PATH),
				(request) -> UpstreamFallback.handle(request.exchange(), problems));
	}

	/**
	 * One breaker per service. It has no time limit of its own (see
	 * {@code spring.cloud.circuitbreaker.resilience4j.disable-time-limiter}): the route's
	 * connect and response timeouts bound every call, so a slow service is answered 504
	 * by the route.
	 */
	@Bean
	Customizer<ReactiveResilience4JCircuitBreakerFactory> circuitBreakers(EdgeGatewayProperties properties) {
		EdgeGatewayProperties.CircuitBreaker settings = properties.circuitBreaker();
		return (factory) -> factory.configureDefault(
				(id) -> new Resilience4JConfigBuilder(id)
					.circuitBreakerConfig(CircuitBreakerConfig.custom()
						.failureRateThreshold(settings.failureRateThreshold())
						.minimumNumberOfCalls(settings.minimumCalls())
						.slidingWindowSize(settings.slidingWindow())
						.waitDurationInOpenState(settings.openFor())
						.build())
					.build());
	}

}
