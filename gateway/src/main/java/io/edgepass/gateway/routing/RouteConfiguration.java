package io.edgepass.gateway.routing;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.edgepass.gateway.balancing.ServiceInstancesConfiguration;
import io.edgepass.gateway.ratelimit.RateLimits;
import io.edgepass.gateway.system.EdgeGatewayProperties;
import io.edgepass.gateway.system.EdgeGatewayProperties.Upstream;
import io.edgepass.gateway.system.ProblemResponses;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import reactor.core.publisher.Mono;

import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JConfigBuilder;
import org.springframework.cloud.client.circuitbreaker.Customizer;
import org.springframework.cloud.client.circuitbreaker.ReactiveCircuitBreakerFactory;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.Buildable;
import org.springframework.cloud.gateway.route.builder.GatewayFilterSpec;
import org.springframework.cloud.gateway.route.builder.PredicateSpec;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.cloud.gateway.support.RouteMetadataUtils;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ServerWebExchange;

/**
 * The routes: {@code /auth/**} and {@code /.well-known/**} to auth-service,
 * {@code /orders/**} to orders-service, {@code /profiles/**} to profile-service, and each
 * service's OpenAPI document at {@code /docs/api/<service>}. Nothing else is routed.
 * Every route strips what a client sent to claim an identity (and the browser's cookies,
 * except auth-service's under {@code /auth}, and DPoP proofs, except auth-service's where
 * it issues tokens) and has its own timeouts and circuit breaker; the API routes also
 * forward the edge identity and are rate limited; only GET and HEAD are retried. Each
 * route goes to {@code lb://<service>}: any instance of the service.
 */
@Configuration(proxyBeanMethods = false)
class RouteConfiguration {

	static final String AUTH = ServiceInstancesConfiguration.AUTH;

	static final String ORDERS = ServiceInstancesConfiguration.ORDERS;

	static final String PROFILE = ServiceInstancesConfiguration.PROFILE;

	@Bean
	RouteLocator edgeRoutes(RouteLocatorBuilder routes, EdgeGatewayProperties properties,
			EdgeIdentityGatewayFilterFactory identity, RateLimits limits, ReactiveCircuitBreakerFactory<?, ?> breakers,
			ProblemResponses problems) {
		Map<String, GatewayFilter> breaker = new HashMap<>();
		for (String service : List.of(AUTH, ORDERS, PROFILE)) {
			breaker.put(service, UpstreamCircuitBreaker.of(breakers, service, problems));
		}
		return routes.routes()
			.route("auth-credentials",
					(route) -> route.method(HttpMethod.POST)
						.and()
						.path("/auth/login", "/auth/token", "/auth/register")
						.filters((filters) -> upstream(filters, AUTH, identity, limits.perClient(), breaker))
						.metadata(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR, millis(properties.auth().responseTimeout()))
						.metadata(RouteMetadataUtils.CONNECT_TIMEOUT_ATTR,
								(int) millis(properties.auth().connectTimeout()))
						.uri(balanced(AUTH)))
			.route("auth",
					(route) -> route.path("/auth/**", "/.well-known/**")
						.filters((filters) -> retried(upstream(filters, AUTH, identity, limits.perUser(), breaker)))
						.metadata(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR, millis(properties.auth().responseTimeout()))
						.metadata(RouteMetadataUtils.CONNECT_TIMEOUT_ATTR,
								(int) millis(properties.auth().connectTimeout()))
						.uri(balanced(AUTH)))
			.route("orders", (route) -> route.path("/orders", "/orders/**")
				.filters((filters) -> retried(upstream(filters, ORDERS, identity, limits.perUser(), breaker)))
				.metadata(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR, millis(properties.orders().responseTimeout()))
				.metadata(RouteMetadataUtils.CONNECT_TIMEOUT_ATTR, (int) millis(properties.orders().connectTimeout()))
				.uri(balanced(ORDERS)))
			.route("profiles", (route) -> route.path("/profiles", "/profiles/**")
				.filters((filters) -> retried(upstream(filters, PROFILE, identity, limits.perUser(), breaker)))
				.metadata(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR, millis(properties.profile().responseTimeout()))
				.metadata(RouteMetadataUtils.CONNECT_TIMEOUT_ATTR, (int) millis(properties.profile().connectTimeout()))
				.uri(balanced(PROFILE)))
			.route("docs-auth", (route) -> apiDocs(route, "/docs/api/auth", AUTH, properties.auth(), identity, breaker))
			.route("docs-orders",
					(route) -> apiDocs(route, "/docs/api/orders", ORDERS, properties.orders(), identity, breaker))
			.route("docs-profile",
					(route) -> apiDocs(route, "/docs/api/profile", PROFILE, properties.profile(), identity, breaker))
			.build();
	}

	/**
	 * A service's OpenAPI document for the Swagger UI at {@code /docs}: public and read
	 * only, so the identity filter only strips what the client sent and adds nothing.
	 */
	private static Buildable<Route> apiDocs(PredicateSpec route, String path, String service, Upstream upstream,
			EdgeIdentityGatewayFilterFactory identity, Map<String, GatewayFilter> breaker) {
		return route.method(HttpMethod.GET)
			.and()
			.path(path)
			.filters((filters) -> retried(filters.filter(identity.apply((config) -> config.setAudience(service)))
				.setPath("/v3/api-docs")
				.filter(breaker.get(service))))
			.metadata(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR, millis(upstream.responseTimeout()))
			.metadata(RouteMetadataUtils.CONNECT_TIMEOUT_ATTR, (int) millis(upstream.connectTimeout()))
			.uri(balanced(service));
	}

	/** Every instance of the service, by Spring Cloud LoadBalancer. */
	private static String balanced(String service) {
		return "lb://" + service;
	}

	private static GatewayFilterSpec upstream(GatewayFilterSpec filters, String service,
			EdgeIdentityGatewayFilterFactory identity, GatewayFilter limit, Map<String, GatewayFilter> breaker) {
		return filters.filter(identity.apply((config) -> config.setAudience(service)
			.setCookiePath(cookiePath(service))
			.setProofPaths(proofPaths(service)))).filter(limit).filter(breaker.get(service));
	}

	/**
	 * The refresh cookie ({@code Path=/auth}) is auth-service's credential for
	 * {@code /auth/refresh} only: no other service, and no other path of auth-service
	 * ({@code /.well-known/**}), ever receives a cookie.
	 */
	private static String cookiePath(String service) {
		return AUTH.equals(service) ? "/auth" : null;
	}

	/**
	 * auth-service binds the tokens it issues to the key of the {@code DPoP} proof sent
	 * to these; every other request reaches its service without the proof.
	 */
	private static Set<String> proofPaths(String service) {
		return AUTH.equals(service) ? Set.of("/auth/login", "/auth/refresh", "/auth/token") : Set.of();
	}

	/**
	 * An idempotent read whose call failed with an I/O error (refused, reset) is sent
	 * once more, to another instance (see {@code ReachableInstances}); nothing else ever
	 * is: a POST's retry is the client's, with its Idempotency-Key. Spring Cloud
	 * Gateway's retry filter would do the same through a retry operator whose companion
	 * (a sink, a zip, a range, a concatMap) it builds for every request, failing or not.
	 */
	private static GatewayFilterSpec retried(GatewayFilterSpec filters) {
		return filters.filter(RouteConfiguration::retryReadOnce);
	}

	private static Mono<Void> retryReadOnce(ServerWebExchange exchange, GatewayFilterChain chain) {
		HttpMethod method = exchange.getRequest().getMethod();
		if (!HttpMethod.GET.equals(method) && !HttpMethod.HEAD.equals(method)) {
			return chain.filter(exchange);
		}
		return chain.filter(exchange)
			.onErrorResume((failure) -> isIoFailure(failure) && !exchange.getResponse().isCommitted(), (failure) -> {
				ServerWebExchangeUtils.reset(exchange);
				return chain.filter(exchange);
			});
	}

	private static boolean isIoFailure(Throwable failure) {
		return failure instanceof IOException || failure.getCause() instanceof IOException;
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
