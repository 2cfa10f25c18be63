package io.edgepass.gateway.security;

import java.util.List;

import io.edgepass.gateway.token.DPoPBinding.PresentedToken;
import io.edgepass.trust.dpop.DPoPProofVerifier;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.web.server.ServerWebExchange;

/**
 * An unverified access token taken from the one {@code Authorization} header, as
 * {@code Bearer} (RFC 6750 §2.1) or {@code DPoP} (RFC 9449 §7.1), schemes in any case,
 * with the request's {@code DPoP} proofs, method and path. No header, another scheme, or
 * an empty value leaves the request anonymous; a repeated header yields a token that
 * cannot verify.
 */
final class TokenCredentials extends AbstractAuthenticationToken {

	private static final String BEARER = "Bearer";

	private static final String DPOP = "DPoP";

	private final PresentedToken presented;

	private TokenCredentials(PresentedToken presented) {
		super(List.of());
		this.presented = presented;
	}

	PresentedToken presented() {
		return this.presented;
	}

	@Override
	public Object getCredentials() {
		return this.presented.token();
	}

	@Override
	public Object getPrincipal() {
		return this.presented.token();
	}

	static ServerAuthenticationConverter converter() {
		return (exchange) -> Mono.justOrEmpty(from(exchange));
	}

	/** Whether the request's {@code Authorization} header uses the DPoP scheme. */
	static boolean isDPoP(ServerHttpRequest request) {
		String value = request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
		return value != null && hasScheme(value, DPOP);
	}

	private static Authentication from(ServerWebExchange exchange) {
		ServerHttpRequest request = exchange.getRequest();
		List<String> values = request.getHeaders().getOrEmpty(HttpHeaders.AUTHORIZATION);
		if (values.isEmpty()) {
			return null;
		}
		String value = values.get(0);
		boolean dpop = hasScheme(value, DPOP);
		if (!dpop && !hasScheme(value, BEARER)) {
			return null;
		}
		String token = value.substring((dpop ? DPOP : BEARER).length()).trim();
		if (token.isEmpty()) {
			return null;
		}
		return new TokenCredentials(new PresentedToken((values.size() == 1) ? token : "", dpop,
				request.getHeaders().getOrEmpty(DPoPProofVerifier.HEADER), request.getMethod().name(),
				request.getURI().getRawPath()));
	}

	/** The scheme, in any case, then a space or nothing. */
	private static boolean hasScheme(String value, String scheme) {
		return value.regionMatches(true, 0, scheme, 0, scheme.length())
				&& (value.length() == scheme.length() || value.charAt(scheme.length()) == ' ');
	}

}
