package io.edgepass.bench.tokens;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import io.edgepass.trust.dpop.DPoPReplayCache;

/**
 * How much heap a full DPoP replay cache holds: fills one {@link DPoPReplayCache} with
 * {@code entries} proofs of one key whose {@code jti}s have {@code jtiLength} characters
 * and prints the heap used after a collection, before and after. Run it alone in its JVM
 * with the serial collector ({@code -XX:+UseSerialGC}), whose heap use after
 * {@code System.gc()} is exact.
 * <p>
 * Arguments: {@code entries} (100000, the default bound) and {@code jtiLength} (36, a
 * UUID; at most 128).
 */
public final class ReplayCacheMemory {

	private static final String THUMBPRINT = "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs";

	private ReplayCacheMemory() {
	}

	public static void main(String[] args) {
		int entries = (args.length > 0) ? Integer.parseInt(args[0]) : 100_000;
		int jtiLength = (args.length > 1) ? Integer.parseInt(args[1]) : 36;
		long before = heapUsed();
		DPoPReplayCache cache = new DPoPReplayCache(entries, Clock.systemUTC());
		Instant expiry = Instant.now().plusSeconds(3600);
		for (int i = 0; i < entries; i++) {
			cache.firstUse(THUMBPRINT, jti(jtiLength), expiry);
		}
		long bytes = heapUsed() - before;
		System.out.printf("%d entries with %d-character jtis: %.1f MB, %d bytes an entry%n", cache.size(), jtiLength,
				bytes / 1e6, bytes / entries);
	}

	private static String jti(int length) {
		StringBuilder jti = new StringBuilder(length + 36);
		while (jti.length() < length) {
			jti.append(UUID.randomUUID());
		}
		return jti.substring(0, length);
	}

	private static long heapUsed() {
		Runtime runtime = Runtime.getRuntime();
		for (int i = 0; i < 3; i++) {
			System.gc();
		}
		return runtime.totalMemory() - runtime.freeMemory();
	}

}
