package io.edgepass.trust.servlet;

import io.edgepass.trust.EdgeAssertionVerifier;

import org.springframework.http.HttpMethod;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/**
 * Makes a servlet service trust the gateway's assertion and nothing else: stateless, no
 * CSRF (no cookies are used), identity from {@code X-Edge-Assertion}, problem+json for
 * 401 and 403. Each service adds its own authorization rules:
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
			.addFilterBefore(new EdgeAssertionFilter(this.verifier, entryPoint), AnonymousAuthenticationFilter.class)
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(entryPoint)
				.accessDeniedHandler(new ProblemAccessDeniedHandler()));
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
