package io.edgepass.bench.sessionedge;

import java.util.List;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.web.server.context.WebSessionServerSecurityContextRepository;
import org.springframework.session.ReactiveSessionRepository;
import org.springframework.session.Session;
import org.springframework.session.config.ReactiveSessionRepositoryCustomizer;
import org.springframework.session.data.redis.ReactiveRedisSessionRepository;
import org.springframework.session.data.redis.config.annotation.web.server.EnableRedisWebSession;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Server-side sessions in Redis (Spring Session's defaults: JDK-serialized attributes,
 * the last-access time written back on every request) and the benchmark's way to create
 * logged-in ones in bulk, as a login would, without the login's password hashing.
 */
@Configuration(proxyBeanMethods = false)
@EnableRedisWebSession
class BenchSessions {

	static final String PATH = "/bench/sessions";

	private static final int MAX_BATCH = 100_000;

	@Bean
	ReactiveSessionRepositoryCustomizer<ReactiveRedisSessionRepository> benchNamespace(
			SessionEdgeProperties properties) {
		return (repository) -> {
			repository.setRedisKeyNamespace(properties.sessionNamespace());
			repository.setDefaultMaxInactiveInterval(properties.sessionTimeout());
		};
	}

	/** {@code POST /bench/sessions?count=N}: N new logged-in sessions, one id a line. */
	@Bean
	RouterFunction<ServerResponse> sessionCreation(ReactiveSessionRepository<?> sessions) {
		return RouterFunctions.route().POST(PATH, (request) -> {
			int count = request.queryParam("count").map(Integer::parseInt).orElse(1);
			if (count < 1 || count > MAX_BATCH) {
				return ServerResponse.badRequest().build();
			}
			Flux<String> ids = Flux.range(0, count).flatMap((i) -> loggedIn(sessions, "bench-" + i), 64);
			return ServerResponse.ok().contentType(MediaType.TEXT_PLAIN).body(ids.map((id) -> id + "\n"), String.class);
		}).build();
	}

	private static <S extends Session> Mono<String> loggedIn(ReactiveSessionRepository<S> sessions, String username) {
		List<String> authorities = List.of("SCOPE_orders:read", "SCOPE_orders:write", "SCOPE_profile:read",
				"SCOPE_profile:write", "ROLE_USER");
		User user = new User(username, "", AuthorityUtils.createAuthorityList(authorities));
		SecurityContextImpl context = new SecurityContextImpl(
				UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
		return sessions.createSession().flatMap((session) -> {
			session.setAttribute(WebSessionServerSecurityContextRepository.DEFAULT_SPRING_SECURITY_CONTEXT_ATTR_NAME,
					context);
			return sessions.save(session).thenReturn(session.getId());
		});
	}

}
