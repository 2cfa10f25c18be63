package io.edgepass.gateway.security;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The scope each API needs at the edge: reading with GET or HEAD, writing with anything
 * else. Paths without a rule need only a valid token; the service behind decides the
 * rest.
 */
record RequiredScope(String scope, PathPattern path, boolean read) {

	private static final Set<HttpMethod> READS = Set.of(HttpMethod.GET, HttpMethod.HEAD);

	private static final List<RequiredScope> RULES = List.of(rule("orders:read", "/orders/**", true),
			rule("orders:write", "/orders/**", false), rule("profile:read", "/profiles/**", true),
			rule("profile:write", "/profiles/**", false));

	private static RequiredScope rule(String scope, String path, boolean read) {
		return new RequiredScope(scope, PathPatternParser.defaultInstance.parse(path), read);
	}

	static Optional<String> of(ServerHttpRequest request) {
		boolean read = READS.contains(request.getMethod());
		return RULES.stream()
			.filter((rule) -> rule.read() == read && rule.path().matches(request.getPath().pathWithinApplication()))
			.map(RequiredScope::scope)
			.findFirst();
	}

}
