package io.edgepass.auth.dpop;

import java.time.Clock;

import io.edgepass.trust.dpop.DPoPProofVerifier;
import io.edgepass.trust.dpop.DPoPReplayCache;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class DPoPConfiguration {

	@Bean
	DPoPReplayCache dpopReplayCache(DPoPProperties properties, Clock clock) {
		return new DPoPReplayCache(properties.replayCacheSize(), clock);
	}

	@Bean
	DPoPProofVerifier dpopProofVerifier(DPoPProperties properties, DPoPReplayCache replays, Clock clock) {
		return new DPoPProofVerifier(properties.proofWindow(), replays, clock);
	}

	@Bean
	MeterBinder dpopReplayCacheEntries(DPoPReplayCache replays) {
		return (registry) -> Gauge.builder("edgepass.auth.dpop.replay.cache.entries", replays, DPoPReplayCache::size)
			.description("The DPoP proofs remembered to refuse their replay")
			.register(registry);
	}

}
