package io.edgepass.gateway.security;

import io.edgepass.gateway.system.ProblemResponses;
import io.edgepass.gateway.token.DPoPProperties;
import io.edgepass.gateway.token.InvalidAccessTokenException;
import io.edgepass.gateway.token.InvalidAccessTokenException.Reason;
import io.edgepass.trust.ProblemTypes;
import io.edgepass.trust.dpop.DPoPProofVerifier;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.web.server.ServerWebExchange;

/**
 * RFC 6750 and RFC 9449 challenges with RFC 9457 bodies: 401 with
 * {@code error="invalid_token"} when a token was sent ({@code invalid_dpop_proof} when
 * its proof failed), 403 naming the missing scope, 503 while no signing key is loaded or
 * no proof can be checked for replay. The challenge's scheme is the one the client used,
 * and {@code DPoP} (naming the proof algorithms) whenever DPoP is required. Deliberately
 * silent on why a token failed.
 */
final class ProblemSecurityHandlers implements ServerAuthenticationEntryPoint, ServerAccessDeniedHandler {

	private static final String ALGS = "algs=\"" + DPoPProofVerifier.ALGORITHMS + "\"";

	private final ProblemResponses problems;

	private final DPoPProperties dpop;

	ProblemSecurityHandlers(ProblemResponses problems, DPoPProperties dpop) {
		this.problems = problems;
		this.dpop = dpop;
	}

	@Override
	public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException ex) {
		HttpHeaders headers = exchange.getResponse().getHeaders();
		InvalidAccessTokenException invalid = (ex instanceof InvalidAccessTokenException token) ? token : null;
		if (invalid != null && invalid.reason() == Reason.KEYS_UNAVAILABLE) {
			headers.set(HttpHeaders.RETRY_AFTER, "5");
			return this.problems.write(exchange, HttpStatus.SERVICE_UNAVAILABLE);
		}
		if (invalid != null && invalid.reason() == Reason.DPOP_REPLAY_CACHE_FULL) {
			// the oldest proofs remembered are forgotten within the window
			headers.set(HttpHeaders.RETRY_AFTER, Long.toString(this.dpop.proofWindow().toSeconds()));
			return this.problems.write(exchange, HttpStatus.SERVICE_UNAVAILABLE);
		}
		headers.set(HttpHeaders.WWW_AUTHENTICATE, challenge(exchange, invalid));
		return this.problems.write(exchange, HttpStatus.UNAUTHORIZED);
	}

	private String challenge(ServerWebExchange exchange, InvalidAccessTokenException invalid) {
		if (!this.dpop.required() && !TokenCredentials.isDPoP(exchange.getRequest())) {
			return (invalid != null) ? "Bearer error=\"invalid_token\"" : "Bearer";
		}
		if (invalid == null) {
			return "DPoP " + ALGS;
		}
		return "DPoP error=\"" + (invalid.invalidProof() ? "invalid_dpop_proof" : "invalid_token") + "\", " + ALGS;
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, AccessDeniedException denied) {
		return RequiredScope.of(exchange.getRequest()).map((scope) -> {
			String scheme = TokenCredentials.isDPoP(exchange.getRequest()) ? "DPoP" : "Bearer";
			exchange.getResponse()
				.getHeaders()
				.set(HttpHeaders.WWW_AUTHENTICATE, scheme + " error=\"insufficient_scope\", scope=\"" + scope + "\"");
			return this.problems.write(exchange, HttpStatus.FORBIDDEN, ProblemTypes.INSUFFICIENT_SCOPE,
					"This request needs the scope " + scope + ".");
		}).orElseGet(() -> this.problems.write(exchange, HttpStatus.FORBIDDEN));
	}

}
