package io.edgepass.gateway.security;

import java.util.List;
import java.util.Locale;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.web.server.ServerWebExchange;

/**
 * An unverified bearer token taken from the one {@code Authorization} header (RFC 6750
 * §2.1). No header, another scheme, or an empty value leaves the request anonymous; a
 * repeated header yields a token that cannot verify.
 */
final class BearerToken extends AbstractAuthenticationToken {

	private static final String SCHEME = "bearer ";

	private final String token;

	private BearerToken(String token) {
		super(List.of());
		this.token = token;
	}

	String token() {
		return this.token;
	}

	@Override
	public Object getCredentials() {
		return this.token;
	}

	@Override
	public Object getPrincipal() {
		return this.token;
	}

	static ServerAuthenticationConverter converter() {
		return (exchange) -> Mono.justOrEmpty(from(exchange));
	}

	private static Authentication from(ServerWebExchange exchange) {
		List<String> values = exchange.getRequest().getHeaders().getOrEmpty(HttpHeaders.AUTHORIZATION);
		if (values.isEmpty()) {
			return null;
		}
		String value = values.get(0);
		if (value.length() < SCHEME.length()
				|| !value.substring(0, SCHEME.length()).toLowerCase(Locale.ROOT).equals(SCHEME)) {
			return null;
		}
		String token = value.substring(SCHEME.length()).trim();
		if (token.isEmpty()) {
			return null;
		}
		return new BearerToken((values.size() == 1) ? token : "");
	}

}
