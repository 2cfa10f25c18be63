package io.edgepass.gateway.security;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.edgepass.gateway.system.EdgeGatewayProperties;
import io.edgepass.gateway.system.ProblemResponses;
import io.edgepass.gateway.token.AccessTokenVerifier;
import io.edgepass.gateway.token.DPoPBinding;
import io.edgepass.gateway.token.DPoPProperties;
import io.edgepass.gateway.token.TokenProperties;
import io.edgepass.trust.dpop.DPoPProofVerifier;
import reactor.core.publisher.Mono;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.AuthenticationWebFilter;
import org.springframework.security.web.server.authentication.ServerAuthenticationEntryPointFailureHandler;
import org.springframework.security.web.server.authorization.AuthorizationContext;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.security.web.server.header.ContentSecurityPolicyServerHttpHeadersWriter;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy;
import org.springframework.security.web.server.header.ServerHttpHeadersWriter;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.security.web.server.util.matcher.OrServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;

/**
 * The edge's one security filter chain: access tokens verified by
 * {@link AccessTokenVerifier} and their DPoP binding by {@link DPoPBinding} on every path
 * that is not public, scopes checked per API, problem responses for every refusal, strict
 * browser headers on every response.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
class SecurityConfiguration {

	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

	/**
	 * Swagger UI's script sets inline styles (blocked under {@code style-src 'self'},
	 * seen in Chromium), so under {@code /docs} only, styles may also be inline. Scripts
	 * stay {@code 'self'}: an inline style cannot run code.
	 */
	static final String DOCS_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.replace("style-src 'self'",
			"style-src 'self' 'unsafe-inline'");

	private static final ServerWebExchangeMatcher DOCS = ServerWebExchangeMatchers.pathMatchers("/docs", "/docs/**");

	/**
	 * The web client, the Swagger UI and the services' documents. Not the gateway's own
	 * OpenAPI document (springdoc serves it next to the UI's configuration): it describes
	 * nothing, and building it scans the classpath on an event loop.
	 */
	private static final String[] PUBLIC_READS = { "/.well-known/jwks.json", "/.well-known/oauth-authorization-server",
			"/", "/index.html", "/app/**", "/favicon.ico", "/docs", "/docs/", "/docs/swagger-ui/**",
			"/docs/openapi/swagger-config", "/docs/api/*" };

	/** Reachable without a token. Unrouted paths are listed so that they answer 404. */
	static final ServerWebExchangeMatcher PUBLIC = new OrServerWebExchangeMatcher(
			ServerWebExchangeMatchers.pathMatchers(HttpMethod.POST, "/auth/register", "/auth/login", "/auth/token",
					"/auth/refresh"),
			ServerWebExchangeMatchers.pathMatchers(HttpMethod.GET, PUBLIC_READS),
			ServerWebExchangeMatchers.pathMatchers(HttpMethod.HEAD, PUBLIC_READS),
			ServerWebExchangeMatchers.pathMatchers("/internal/**", "/actuator/**"));

	@Bean
	SecurityWebFilterChain edgeSecurity(ServerHttpSecurity http, AccessTokenVerifier verifier, DPoPBinding binding,
			ProblemResponses problems, EdgeGatewayProperties properties, TokenProperties tokens, DPoPProperties dpop) {
		ProblemSecurityHandlers handlers = new ProblemSecurityHandlers(problems, dpop);
		AllowedOrigins origins = new AllowedOrigins(tokens.issuer(), properties.corsOrigins(), problems);
		return http.csrf((csrf) -> csrf.disable())
			.httpBasic((basic) -> basic.disable())
			.formLogin((form) -> form.disable())
			.logout((logout) -> logout.disable())
			.anonymous((anonymous) -> anonymous.disable())
			.requestCache((cache) -> cache.requestCache(NoOpServerRequestCache.getInstance()))
			.addFilterBefore(origins, SecurityWebFiltersOrder.CORS)
			.cors((cors) -> cors.configurationSource(cors(origins)))
			.headers((headers) -> headers.writer(contentSecurityPolicy())
				.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.NO_REFERRER)))
			.addFilterBefore(new RequestLimits(properties.maxHeaderSize().toBytes(), properties.maxBodySize().toBytes(),
					problems), SecurityWebFiltersOrder.AUTHENTICATION)
			.addFilterAt(accessTokens(verifier, binding, handlers), SecurityWebFiltersOrder.AUTHENTICATION)
			.authorizeExchange((exchanges) -> exchanges.matchers(PUBLIC)
				.permitAll()
				.pathMatchers("/docs/openapi", "/docs/openapi.yaml")
				.denyAll()
				.anyExchange()
				.access(SecurityConfiguration::scopeOrAuthenticated))
			.exceptionHandling(
					(exceptions) -> exceptions.authenticationEntryPoint(handlers).accessDeniedHandler(handlers))
			.build();
	}

	private static ServerHttpHeadersWriter contentSecurityPolicy() {
		ContentSecurityPolicyServerHttpHeadersWriter strict = new ContentSecurityPolicyServerHttpHeadersWriter();
		strict.setPolicyDirectives(CONTENT_SECURITY_POLICY);
		ContentSecurityPolicyServerHttpHeadersWriter docs = new ContentSecurityPolicyServerHttpHeadersWriter();
		docs.setPolicyDirectives(DOCS_CONTENT_SECURITY_POLICY);
		return (exchange) -> DOCS.matches(exchange)
			.flatMap((match) -> (match.isMatch() ? docs : strict).writeHttpHeaders(exchange));
	}

	private static Mono<AuthorizationResult> scopeOrAuthenticated(Mono<Authentication> authentication,
			AuthorizationContext context) {
		Optional<String> scope = RequiredScope.of(context.getExchange().getRequest());
		return authentication.filter(Authentication::isAuthenticated)
			.<AuthorizationResult>map((auth) -> new AuthorizationDecision(scope.isEmpty() || auth.getAuthorities()
				.stream()
				.anyMatch((authority) -> ("SCOPE_" + scope.get()).equals(authority.getAuthority()))))
			.defaultIfEmpty(new AuthorizationDecision(false));
	}

	private static AuthenticationWebFilter accessTokens(AccessTokenVerifier verifier, DPoPBinding binding,
			ProblemSecurityHandlers handlers) {
		ReactiveAuthenticationManager manager = (authentication) -> {
			DPoPBinding.PresentedToken presented = ((TokenCredentials) authentication).presented();
			return verifier.verify(presented.token())
				.flatMap((token) -> binding.check(token, presented))
				.map(AccessTokenAuthentication::new);
		};
		AuthenticationWebFilter filter = new AuthenticationWebFilter(manager);
		filter.setServerAuthenticationConverter(TokenCredentials.converter());
		filter.setRequiresAuthenticationMatcher((exchange) -> PUBLIC.matches(exchange)
			.flatMap((match) -> match.isMatch() ? ServerWebExchangeMatcher.MatchResult.notMatch()
					: ServerWebExchangeMatcher.MatchResult.match()));
		filter.setAuthenticationFailureHandler(new ServerAuthenticationEntryPointFailureHandler(handlers));
		filter.setAuthenticationSuccessHandler((webFilterExchange, authentication) -> {
			((AccessTokenAuthentication) authentication).attachTo(webFilterExchange.getExchange());
			return webFilterExchange.getChain().filter(webFilterExchange.getExchange());
		});
		return filter;
	}

	/**
	 * Credentials are allowed so that a configured origin can use the refresh cookie too
	 * (it is sent cross-origin only within the same site, {@code SameSite=Strict}).
	 */
	private static CorsConfigurationSource cors(AllowedOrigins origins) {
		CorsConfiguration cors = new CorsConfiguration();
		cors.setAllowedOrigins(origins.all());
		cors.setAllowCredentials(true);
		cors.setAllowedMethods(List.of("GET", "HEAD", "POST", "PUT", "DELETE"));
		cors.setAllowedHeaders(List.of("Authorization", DPoPProofVerifier.HEADER, "Content-Type", "Idempotency-Key",
				"If-Match", "traceparent", "X-Refresh-Token-Delivery"));
		cors.setExposedHeaders(List.of("ETag", "Location", "Retry-After", "WWW-Authenticate"));
		cors.setMaxAge(Duration.ofHours(1));
		UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
		source.registerCorsConfiguration("/**", cors);
		return source;
	}

	/**
	 * Spring Security would observe its filter chain, each of its filters, and every
	 * authentication and authorization, per request: a span and a timer each, about a
	 * tenth of the edge's CPU (docs/BENCHMARKS.md). The request's own observation
	 * ({@code http.server.requests}, its span) and the edge's refusal counters by reason
	 * already say what they would.
	 */
	@Bean
	SecurityObservationSettings securityObservations() {
		return SecurityObservationSettings.noObservations();
	}

	/**
	 * Requests the firewall refuses (encoded slashes, {@code ..}, …) get a problem too.
	 */
	@Bean
	ServerExchangeRejectedHandler rejectedExchanges(ProblemResponses problems) {
		return (exchange, rejected) -> problems.write(exchange, HttpStatus.BAD_REQUEST);
	}

}
