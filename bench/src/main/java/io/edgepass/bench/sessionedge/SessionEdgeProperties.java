package io.edgepass.bench.sessionedge;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the session-versus-JWT edge sends requests and how it authenticates them.
 *
 * @param upstream the stub every route proxies to
 * @param jwksUrl the JWKS the JWT route trusts
 * @param issuer the {@code iss} tokens must carry
 * @param audience the {@code aud} tokens must contain
 * @param sessionNamespace the Redis key prefix of this run's sessions
 * @param sessionTimeout how long an unused session lives in Redis
 */
@ConfigurationProperties("bench.edge")
public record SessionEdgeProperties(@DefaultValue("http://127.0.0.1:18090") URI upstream,
		@DefaultValue("http://127.0.0.1:18090/bench/jwks.json") String jwksUrl,
		@DefaultValue("http://localhost:8080") String issuer, @DefaultValue("edgepass-api") String audience,
		@DefaultValue("edgepass-bench") String sessionNamespace, @DefaultValue("15m") Duration sessionTimeout) {

}
