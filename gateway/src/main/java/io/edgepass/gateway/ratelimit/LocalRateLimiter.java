package io.edgepass.gateway.ratelimit;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;

/**
 * One limit counted in this gateway's memory: a Bucket4j token bucket per key, with the
 * same size and refill as the bucket {@code RedisRateLimiter} keeps in Redis.
 */
class LocalRateLimiter {

	/**
	 * Bounds the memory a flood of new keys (client addresses) can take; Caffeine keeps
	 * the busiest buckets when it has to drop some.
	 */
	static final long MAX_KEYS = 100_000;

	private final RateLimitProperties.Limit limit;

	private final Cache<String, Bucket> buckets;

	LocalRateLimiter(RateLimitProperties.Limit limit) {
		this.limit = limit;
		// A bucket left alone this long is full again, so forgetting it changes nothing.
		Duration refilled = Duration
			.ofSeconds((long) Math.ceil((double) limit.burstCapacity() / limit.replenishRate()));
		this.buckets = Caffeine.newBuilder().maximumSize(MAX_KEYS).expireAfterAccess(refilled).build();
	}

	/** Takes one token from the key's bucket, if it has one. */
	boolean tryAcquire(String key) {
		return this.buckets.get(key, (unused) -> newBucket()).tryConsume(1);
	}

	private Bucket newBucket() {
		return Bucket.builder()
			.addLimit((bandwidth) -> bandwidth.capacity(this.limit.burstCapacity())
				.refillGreedy(this.limit.replenishRate(), Duration.ofSeconds(1)))
			.build();
	}

}
