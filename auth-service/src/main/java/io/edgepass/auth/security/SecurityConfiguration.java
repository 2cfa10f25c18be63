package io.edgepass.auth.security;

import io.edgepass.trust.servlet.EdgeAssertionSecurity;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may call what. Identity comes only from the gateway's {@code X-Edge-Assertion};
 * registration, login, refresh, the token endpoint, the well-known documents and the
 * OpenAPI document are public; everything else is denied unless a rule below allows it.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	@Bean
	SecurityFilterChain api(HttpSecurity http, EdgeAssertionSecurity edgeAssertionSecurity) {
		return edgeAssertionSecurity.apply(http)
			.authorizeHttpRequests((requests) -> requests
				.requestMatchers("/auth/register", "/auth/login", "/auth/refresh", "/auth/token",
						"/.well-known/jwks.json", "/.well-known/oauth-authorization-server")
				.permitAll()
				.requestMatchers("/auth/admin/**")
				.hasRole("ADMIN")
				.requestMatchers("/internal/**")
				.hasRole("GATEWAY")
				.anyRequest()
				.authenticated())
			.build();
	}

}
