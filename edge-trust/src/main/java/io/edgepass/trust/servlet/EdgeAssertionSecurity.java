package io.edgepass.trust.servlet;

import io.edgepass.trust.EdgeAssertionVerifier;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/**
 * Makes a servlet service trust the gateway's assertion and nothing else: stateless, no
 * CSRF (no cookies are used), identity from {@code X-Edge-Assertion}, problem+json for
 * 401 and 403. Each service adds its own authorization rules:
 *
 * <pre class="code">
 * return edgeAssertionSecurity.apply(http)
 *     .authorizeHttpRequests((requests) -&gt; requests.anyRequest().authenticated())
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

}
