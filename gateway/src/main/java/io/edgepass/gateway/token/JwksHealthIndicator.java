package io.edgepass.gateway.token;

import reactor.core.publisher.Mono;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.stereotype.Component;

/** Ready only once signing keys are loaded: before that no token can be accepted. */
@Component("jwks")
class JwksHealthIndicator implements ReactiveHealthIndicator {

	private final JwksCache keys;

	JwksHealthIndicator(JwksCache keys) {
		this.keys = keys;
	}

	@Override
	public Mono<Health> health() {
		Health.Builder health = this.keys.isLoaded() ? Health.up() : Health.down();
		health.withDetail("keys", this.keys.size());
		this.keys.loadedAt().ifPresent((at) -> health.withDetail("loadedAt", at.toString()));
		return Mono.just(health.build());
	}

}
