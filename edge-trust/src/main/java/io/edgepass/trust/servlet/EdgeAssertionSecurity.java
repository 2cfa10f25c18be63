package io.edgepass.trust.servlet;

import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;

import io.edgepass.trust.EdgeAssertionVerifier;
import io.edgepass.trust.EdgeHeaders;
import io.edgepass.trust.EdgeIdentity;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationToken;

/**
 * Makes a servlet service trust the gateway's assertion and nothing else: Spring
 * Security's resource server with {@code X-Edge-Assertion} as the bearer token (a
 * repeated one refused), {@link EdgeAssertionVerifier} as the decoder and the
 * {@link EdgeIdentity} as the principal (authorities {@code ROLE_<role>} and
 * {@code SCOPE_<scope>}); stateless, no CSRF (no cookies are used), problem+json for 401
 * and 403; actuator, the OpenAPI document and {@code /error} open. Each service adds its
 * own authorization rules:
 *
 * <pre class="code">
 * return edgeAssertionSecurity.apply(http)
 *     .authorizeHttpRequests((requests) -&gt; requests
 *         .requestMatchers("/orders", "/orders/**").access(readOrWriteScope("orders:read", "orders:write"))
 *         .anyRequest().authenticated())
 *     .build();
 * </pre>
 */
public final class EdgeAssertionSecurity {

	private final EdgeAssertionVerifier verifier;

	public EdgeAssertionSecurity(EdgeAssertionVerifier verifier) {
		this.verifier = verifier;
	}

	public HttpSecurity apply(HttpSecurity http) {
		ProblemAuthenticationEntryPoint entryPoint = new ProblemAuthenticationEntryPoint();
		return http.csrf((csrf) -> csrf.disable())
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache((cache) -> cache.disable())
			.httpBasic((basic) -> basic.disable())
			.formLogin((form) -> form.disable())
			.logout((logout) -> logout.disable())
			.oauth2ResourceServer(
					(resourceServer) -> resourceServer.bearerTokenResolver(EdgeAssertionSecurity::assertion)
						.jwt((jwt) -> jwt.decoder(this.verifier)
							.jwtAuthenticationConverter(EdgeAssertionSecurity::authentication))
						.authenticationEntryPoint(entryPoint))
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(entryPoint)
				.accessDeniedHandler(new ProblemAccessDeniedHandler()))
			.authorizeHttpRequests((requests) -> requests.requestMatchers(EndpointRequest.toAnyEndpoint())
				.permitAll()
				.requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/error")
				.permitAll());
	}

	/**
	 * The one {@code X-Edge-Assertion}, or {@code null} when there is none (the request
	 * stays anonymous); a repeated, empty or oversized one is refused before parsing.
	 */
	static String assertion(HttpServletRequest request) {
		Enumeration<String> values = request.getHeaders(EdgeHeaders.ASSERTION);
		if (values == null || !values.hasMoreElements()) {
			return null;
		}
		String assertion = values.nextElement();
		if (values.hasMoreElements()) {
			throw new InvalidBearerTokenException("more than one assertion");
		}
		if (assertion.isBlank() || assertion.length() > EdgeAssertionVerifier.MAX_LENGTH) {
			throw new InvalidBearerTokenException("empty or oversized assertion");
		}
		return assertion;
	}

	static AbstractAuthenticationToken authentication(Jwt assertion) {
		EdgeIdentity identity = EdgeAssertionVerifier.identity(assertion);
		List<GrantedAuthority> authorities = new ArrayList<>();
		identity.roles().forEach((role) -> authorities.add(new SimpleGrantedAuthority("ROLE_" + role)));
		identity.scopes().forEach((scope) -> authorities.add(new SimpleGrantedAuthority("SCOPE_" + scope)));
		return new PreAuthenticatedAuthenticationToken(identity, assertion, authorities);
	}

	/**
	 * Requires {@code readScope} for reading (GET and HEAD) and {@code writeScope} for
	 * every other method, so that no method is left out by accident.
	 */
	public static AuthorizationManager<RequestAuthorizationContext> readOrWriteScope(String readScope,
			String writeScope) {
		AuthorizationManager<RequestAuthorizationContext> read = AuthorityAuthorizationManager
			.hasAuthority("SCOPE_" + readScope);
		AuthorizationManager<RequestAuthorizationContext> write = AuthorityAuthorizationManager
			.hasAuthority("SCOPE_" + writeScope);
		return (authentication, context) -> isRead(context.getRequest().getMethod())
				? read.authorize(authentication, context) : write.authorize(authentication, context);
	}

	private static boolean isRead(String method) {
		return HttpMethod.GET.matches(method) || HttpMethod.HEAD.matches(method);
	}

}
