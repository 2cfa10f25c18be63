package io.edgepass.orders.security;

import io.edgepass.trust.Scopes;
import io.edgepass.trust.servlet.EdgeAssertionSecurity;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

import static io.edgepass.trust.servlet.EdgeAssertionSecurity.readOrWriteScope;

/**
 * Identity only from the gateway's assertion; scopes checked again here, behind the
 * gateway, in case a request reaches the service some other way.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http, EdgeAssertionSecurity edgeAssertionSecurity)
			throws Exception {
		return edgeAssertionSecurity.apply(http)
			.authorizeHttpRequests((requests) -> requests.requestMatchers("/orders", "/orders/**")
				.access(readOrWriteScope(Scopes.ORDERS_READ, Scopes.ORDERS_WRITE))
				.anyRequest()
				.authenticated())
			.build();
	}

}
