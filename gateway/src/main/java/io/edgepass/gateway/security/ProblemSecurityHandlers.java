package io.edgepass.gateway.security;

import io.edgepass.gateway.system.ProblemResponses;
import io.edgepass.gateway.token.InvalidAccessTokenException;
import io.edgepass.trust.ProblemTypes;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.web.server.ServerWebExchange;

/**
 * RFC 6750 challenges with RFC 9457 bodies: 401 with {@code error="invalid_token"} when a
 * token was sent, 403 naming the missing scope, 503 while no signing key is loaded.
 * Deliberately silent on why a token failed.
 */
final class ProblemSecurityHandlers implements ServerAuthenticationEntryPoint, ServerAccessDeniedHandler {

	private final ProblemResponses problems;

	ProblemSecurityHandlers(ProblemResponses problems) {
		this.problems = problems;
	}

	@Override
	public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException ex) {
		HttpHeaders headers = exchange.getResponse().getHeaders();
		if (ex instanceof InvalidAccessTokenException invalid
				&& invalid.reason() == InvalidAccessTokenException.Reason.KEYS_UNAVAILABLE) {
			headers.set(HttpHeaders.RETRY_AFTER, "5");
			return this.problems.write(exchange, HttpStatus.SERVICE_UNAVAILABLE);
		}
		headers.set(HttpHeaders.WWW_AUTHENTICATE,
				(ex instanceof InvalidAccessTokenException) ? "Bearer error=\"invalid_token\"" : "Bearer");
		return this.problems.write(exchange, HttpStatus.UNAUTHORIZED);
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, AccessDeniedException denied) {
		return RequiredScope.of(exchange.getRequest()).map((scope) -> {
			exchange.getResponse()
				.getHeaders()
				.set(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"insufficient_scope\", scope=\"" + scope + "\"");
			return this.problems.write(exchange, HttpStatus.FORBIDDEN, ProblemTypes.INSUFFICIENT_SCOPE,
					"This request needs the scope " + scope + ".");
		}).orElseGet(() -> this.problems.write(exchange, HttpStatus.FORBIDDEN));
	}

}
