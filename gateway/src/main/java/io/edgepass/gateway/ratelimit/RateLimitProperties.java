package io.edgepass.gateway.ratelimit;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Request rate limits, kept in Redis so that every gateway instance shares them, or in
 * each gateway's memory without Redis.
 *
 * @param redisUrl the Redis server ({@code redis://host:port}); empty: every gateway
 * counts on its own, in memory
 * @param keyPrefix prepended to every key in Redis
 * @param timeout how long a limit check may wait for Redis before the gateway decides in
 * memory
 * @param user per authenticated user ({@code sub})
 * @param credentials per client address on login and register, each its own bucket
 */
@ConfigurationProperties("edgepass.gateway.rate-limit")
public record RateLimitProperties(String redisUrl, @DefaultValue("edgepass") String keyPrefix,
		@DefaultValue("250ms") Duration timeout, Limit user, Limit credentials) {

	public RateLimitProperties {
		if (user == null || credentials == null) {
			throw new IllegalArgumentException(
					"edgepass.gateway.rate-limit.user and .credentials must both be configured");
		}
	}

	/**
	 * A token bucket.
	 *
	 * @param replenishRate tokens added per second
	 * @param burstCapacity the bucket's size
	 */
	public record Limit(int replenishRate, int burstCapacity) {

		public Limit {
			if (replenishRate < 1 || burstCapacity < replenishRate) {
				throw new IllegalArgumentException("A rate limit needs replenish-rate >= 1 and burst-capacity >= it");
			}
		}

	}

}
