package io.edgepass.gateway.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.edgepass.gateway.security.AccessTokenAuthentication;
import io.edgepass.gateway.system.ClientAddresses;
import io.edgepass.trust.EdgeAssertionMinter;
import io.edgepass.trust.EdgeHeaders;
import io.edgepass.trust.EdgeIdentity;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;

/**
 * The trust boundary. Removes from the incoming request everything that could claim an
 * identity (any case, repetition or underscore spelling), the client's credentials,
 * forwarding headers not set by a trusted proxy, and every header {@code Connection}
 * names (so hop-by-hop removal further on cannot drop what is added here), the browser's
 * cookies unless the route forwards them for the request's path, and DPoP proofs unless
 * the route forwards them for the request's method and path; then, for an authenticated
 * request, adds the convenience {@code X-User-*} headers and a fresh
 * {@code X-Edge-Assertion} for the route's service.
 */
@Component
public class EdgeIdentityGatewayFilterFactory
		extends AbstractGatewayFilterFactory<EdgeIdentityGatewayFilterFactory.Config> {

	private static final List<String> IDENTITY_PREFIXES = List.of("x-user-", "x-edge-", "x-auth-request-",
			"x-authenticated-", "x-remote-", "x-forwarded-user", "x-forwarded-email", "x-forwarded-groups",
			"x-forwarded-preferred-username", "x-forwarded-access-token");

	private static final Set<String> IDENTITY_NAMES = Set.of("x-user", "remote-user", "x-original-user",
			"authorization", "proxy-authorization", "connection", "proxy-connection");

	private static final Set<String> FORWARDING_NAMES = Set.of("forwarded", "x-real-ip", "x-client-ip",
			"true-client-ip", "x-original-forwarded-for");

	private static final Set<String> COOKIE_NAMES = Set.of("cookie", "cookie2");

	private static final String PROOF_NAME = "dpop";

	private static final Set<String> NEVER_DROPPED = Set.of("host", "content-length", "content-type");

	private final EdgeAssertionMinter minter;

	private final ClientAddresses clients;

	public EdgeIdentityGatewayFilterFactory(EdgeAssertionMinter minter, ClientAddresses clients) {
		super(Config.class);
		this.minter = minter;
		this.clients = clients;
	}

	@Override
	public List<String> shortcutFieldOrder() {
		return List.of("audience");
	}

	@Override
	public GatewayFilter apply(Config config) {
		return (exchange, chain) -> {
			// remembered so that a problem from a fallback names what the client asked
			// for
			ServerWebExchangeUtils.addOriginalRequestUrl(exchange, exchange.getRequest().getURI());
			boolean trustedProxy = this.clients.fromTrustedProxy(exchange.getRequest());
			String path = exchange.getRequest().getPath().value();
			boolean cookies = config.forwardsCookiesFor(path);
			boolean proofs = config.forwardsProofsFor(exchange.getRequest().getMethod(), path);
			ServerHttpRequest request = exchange.getRequest().mutate().headers((headers) -> {
				strip(headers, trustedProxy, cookies, proofs);
				AccessTokenAuthentication.identityOf(exchange)
					.ifPresent((identity) -> forward(headers, identity, config.getAudience()));
			}).build();
			return chain.filter(exchange.mutate().request(request).build());
		};
	}

	private static void strip(HttpHeaders headers, boolean trustedProxy, boolean cookies, boolean proofs) {
		List<String> doomed = new ArrayList<>();
		for (String option : headers.getConnection()) {
			String name = option.trim().toLowerCase(Locale.ROOT);
			if (!NEVER_DROPPED.contains(name)) {
				doomed.add(option.trim());
			}
		}
		for (String name : headers.headerNames()) {
			String normalized = name.toLowerCase(Locale.ROOT).replace('_', '-');
			if (IDENTITY_NAMES.contains(normalized) || IDENTITY_PREFIXES.stream().anyMatch(normalized::startsWith)
					|| (!cookies && COOKIE_NAMES.contains(normalized)) || (!proofs && PROOF_NAME.equals(normalized))
					|| (!trustedProxy
							&& (FORWARDING_NAMES.contains(normalized) || normalized.startsWith("x-forwarded-")))) {
				doomed.add(name);
			}
		}
		doomed.forEach(headers::remove);
	}

	private void forward(HttpHeaders headers, EdgeIdentity identity, String audience) {
		headers.set(EdgeHeaders.USER_ID, identity.userId().toString());
		if (identity.username() != null) {
			headers.set(EdgeHeaders.USER_NAME, identity.username());
		}
		headers.set(EdgeHeaders.USER_ROLES, String.join(",", identity.roles()));
		headers.set(EdgeHeaders.USER_SCOPES, String.join(" ", identity.scopes()));
		headers.set(EdgeHeaders.ASSERTION, this.minter.mint(identity, audience));
	}

	public static class Config {

		private String audience;

		private String cookiePath;

		private Set<String> proofPaths = Set.of();

		public String getAudience() {
			return this.audience;
		}

		public Config setAudience(String audience) {
			this.audience = audience;
			return this;
		}

		public String getCookiePath() {
			return this.cookiePath;
		}

		/**
		 * Forward the client's cookies, unchanged, on this path and below it (as a
		 * browser matches a cookie's {@code Path}); by default never.
		 */
		public Config setCookiePath(String cookiePath) {
			this.cookiePath = cookiePath;
			return this;
		}

		public Set<String> getProofPaths() {
			return this.proofPaths;
		}

		/**
		 * Forward the client's {@code DPoP} proof on a POST to exactly these paths (where
		 * the service binds the tokens it issues to the proof's key); by default never.
		 */
		public Config setProofPaths(Set<String> proofPaths) {
			this.proofPaths = Set.copyOf(proofPaths);
			return this;
		}

		boolean forwardsProofsFor(HttpMethod method, String path) {
			return HttpMethod.POST.equals(method) && this.proofPaths.contains(path);
		}

		boolean forwardsCookiesFor(String path) {
			return this.cookiePath != null && (path.equals(this.cookiePath) || path.startsWith(this.cookiePath + "/"));
		}

	}

}
