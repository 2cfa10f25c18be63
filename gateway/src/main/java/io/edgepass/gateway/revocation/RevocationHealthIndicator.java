package io.edgepass.gateway.revocation;

import java.time.Instant;

import reactor.core.publisher.Mono;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Ready only once the revocation feed has been read: before that a gateway that just
 * started knows of no revocation, and would accept a revoked token until its first poll.
 * Once read, it stays up while the feed is unreachable, since the last known state stays
 * in force.
 */
@Component("revocations")
class RevocationHealthIndicator implements ReactiveHealthIndicator {

	private final RevocationView revocations;

	RevocationHealthIndicator(RevocationView revocations) {
		this.revocations = revocations;
	}

	@Override
	public Mono<Health> health() {
		Instant syncedAt = this.revocations.syncedAt();
		Health.Builder health = (syncedAt != null) ? Health.up().withDetail("syncedAt", syncedAt.toString())
				: Health.down();
		return Mono.just(health.withDetail("entries", this.revocations.size()).build());
	}

}
