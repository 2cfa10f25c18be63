package io.edgepass.bench.sessionedge;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import io.edgepass.bench.tokens.BenchTokens;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.HttpStatusServerEntryPoint;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.context.WebSessionServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;

/**
 * One filter chain per way of authenticating: the security context loaded from the
 * Redis-backed web session, or built from a verified RS256 access token (the standard
 * Spring Security resource server, RFC 9068 validation). Session creation is open: this
 * app only ever listens on loopback, during a benchmark.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
class EdgeSecurity {

	@Bean
	@Order(1)
	SecurityWebFilterChain sessionAuthentication(ServerHttpSecurity http) {
		return common(http.securityMatcher(ServerWebExchangeMatchers.pathMatchers("/session/**")))
			.securityContextRepository(new WebSessionServerSecurityContextRepository())
			.build();
	}

	@Bean
	@Order(2)
	SecurityWebFilterChain tokenAuthentication(ServerHttpSecurity http, ReactiveJwtDecoder decoder) {
		return common(http.securityMatcher(ServerWebExchangeMatchers.pathMatchers("/jwt/**")))
			.securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
			.oauth2ResourceServer((server) -> server.jwt((jwt) -> jwt.jwtDecoder(decoder)))
			.build();
	}

	@Bean
	@Order(3)
	SecurityWebFilterChain sessionCreationOpen(ServerHttpSecurity http) {
		return http.csrf((csrf) -> csrf.disable())
			.authorizeExchange(
					(exchanges) -> exchanges.pathMatchers(BenchSessions.PATH).permitAll().anyExchange().denyAll())
			.build();
	}

	private static ServerHttpSecurity common(ServerHttpSecurity http) {
		return http.csrf((csrf) -> csrf.disable())
			.httpBasic((basic) -> basic.disable())
			.formLogin((form) -> form.disable())
			.logout((logout) -> logout.disable())
			.requestCache((cache) -> cache.requestCache(NoOpServerRequestCache.getInstance()))
			.exceptionHandling((exceptions) -> exceptions
				.authenticationEntryPoint(new HttpStatusServerEntryPoint(HttpStatus.UNAUTHORIZED)))
			.authorizeExchange((exchanges) -> exchanges.anyExchange().authenticated());
	}

	@Bean
	ReactiveJwtDecoder jwtDecoder(SessionEdgeProperties properties) {
		NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withJwkSetUri(properties.jwksUrl())
			.jwsAlgorithm(SignatureAlgorithm.RS256)
			.jwtProcessorCustomizer((processor) -> processor
				.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType("at+jwt"))))
			.build();
		decoder.setJwtValidator(JwtValidators.createAtJwtValidator()
			.issuer(properties.issuer())
			.audience(properties.audience())
			.clientId(BenchTokens.CLIENT_ID)
			.build());
		return decoder;
	}

}
