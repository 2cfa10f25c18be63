package io.edgepass.trust.dpop;

import java.time.Clock;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The {@code jti}s of the DPoP proofs accepted within the proof window (RFC 9449 §11.1),
 * in memory and bounded: at most {@code capacity} entries, each kept only until its proof
 * would be refused as too old anyway. When it is full of live entries a new proof is
 * refused ({@link DPoPReplayCacheFullException}) rather than an entry forgotten, which
 * would let that proof be replayed.
 * <p>
 * An entry is the key's thumbprint and the proof's {@code jti} (at most
 * {@value DPoPProofVerifier#MAX_JTI_LENGTH} characters each) and its expiry: about 250
 * bytes, so the default 100,000 entries take about 25 MB at the most.
 */
public final class DPoPReplayCache {

	private final Map<String, Long> seen = new ConcurrentHashMap<>();

	private final AtomicInteger size = new AtomicInteger();

	private final int capacity;

	private final Clock clock;

	private volatile long nextSweep;

	public DPoPReplayCache(int capacity, Clock clock) {
		if (capacity < 1) {
			throw new IllegalArgumentException("The DPoP replay cache holds at least one proof");
		}
		this.capacity = capacity;
		this.clock = clock;
	}

	/**
	 * Records a proof the first time it is seen.
	 * @param jkt the thumbprint of the proof's key
	 * @param jti the proof's identifier
	 * @param expiresAt when the proof would be refused as too old
	 * @return {@code true} the first time, {@code false} for a replay
	 * @throws DPoPReplayCacheFullException when no entry can be added
	 */
	public boolean firstUse(String jkt, String jti, Instant expiresAt) {
		long now = this.clock.millis();
		if (now >= this.nextSweep) {
			sweep(now);
		}
		// a key seen before is refused, expired or not: a proof that old is refused for
		// its age
		String key = jkt + '.' + jti;
		if (this.seen.containsKey(key)) {
			return false;
		}
		if (this.size.incrementAndGet() > this.capacity) {
			this.size.decrementAndGet();
			throw new DPoPReplayCacheFullException();
		}
		if (this.seen.putIfAbsent(key, expiresAt.toEpochMilli()) != null) {
			this.size.decrementAndGet();
			return false;
		}
		return true;
	}

	/** The entries held now, live or not yet swept. */
	public int size() {
		return this.size.get();
	}

	/**
	 * Drops expired entries, at most once a second, so a full cache costs no sweep per
	 * proof.
	 */
	private synchronized void sweep(long now) {
		if (now < this.nextSweep) {
			return;
		}
		for (Iterator<Map.Entry<String, Long>> entries = this.seen.entrySet().iterator(); entries.hasNext();) {
			Map.Entry<String, Long> entry = entries.next();
			if (entry.getValue() <= now && this.seen.remove(entry.getKey(), entry.getValue())) {
				this.size.decrementAndGet();
			}
		}
		this.nextSweep = now + 1000;
	}

}
