package io.edgepass.gateway.security;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import io.edgepass.gateway.system.ProblemResponses;
import io.edgepass.trust.ProblemTypes;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The browser origins the edge answers: its own (the issuer, which is the gateway's
 * public URL) and the configured CORS origins. They are what CORS allows, and under
 * {@code /auth/**}, where the refresh cookie is a credential, a request carrying any
 * other {@code Origin} (including {@code null}) is refused with 403 before it is routed:
 * with {@code SameSite=Strict} and the custom delivery header, the CSRF barrier of the
 * cookie mode.
 */
final class AllowedOrigins implements WebFilter {

	private static final PathPattern COOKIE_PATHS = PathPatternParser.defaultInstance.parse("/auth/**");

	private final Set<String> origins;

	private final ProblemResponses problems;

	AllowedOrigins(String issuer, List<String> corsOrigins, ProblemResponses problems) {
		Set<String> origins = new LinkedHashSet<>();
		origins.add(originOf(issuer)
			.orElseThrow(() -> new IllegalArgumentException("edgepass.token.issuer is not an http(s) URL: " + issuer)));
		for (String origin : corsOrigins) {
			if (!origin.isBlank()) {
				origins.add(originOf(origin.trim()).orElseThrow(() -> new IllegalArgumentException(
						"edgepass.gateway.cors-origins has an entry that is not an origin: " + origin)));
			}
		}
		this.origins = Set.copyOf(origins);
		this.problems = problems;
	}

	/** Every allowed origin, serialized as browsers send them. */
	List<String> all() {
		return List.copyOf(this.origins);
	}

	/** Whether an {@code Origin} header names an allowed origin, exactly. */
	boolean allows(String origin) {
		return this.origins.contains(origin.trim().toLowerCase(Locale.ROOT));
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		List<String> sent = exchange.getRequest().getHeaders().getValuesAsList(HttpHeaders.ORIGIN);
		if (sent.isEmpty() || !COOKIE_PATHS.matches(exchange.getRequest().getPath().pathWithinApplication())
				|| (sent.size() == 1 && allows(sent.get(0)))) {
			return chain.filter(exchange);
		}
		return this.problems.write(exchange, HttpStatus.FORBIDDEN, ProblemTypes.FORBIDDEN,
				"Requests from this origin are not accepted.");
	}

	/**
	 * scheme://host[:port] in lower case, without a default port; empty if not http(s).
	 */
	static Optional<String> originOf(String url) {
		try {
			URI uri = new URI(url);
			String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
			if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null
					|| uri.getRawUserInfo() != null) {
				return Optional.empty();
			}
			int port = uri.getPort();
			boolean defaultPort = port == -1 || (scheme.equals("http") && port == 80)
					|| (scheme.equals("https") && port == 443);
			return Optional
				.of(scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port));
		}
		catch (URISyntaxException ex) {
			return Optional.empty();
		}
	}

}
