package io.edgepass.systemtests.support;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * How a simulated client waits before retrying: part of the client's behaviour under
 * load, not a test waiting for a condition (those use Awaitility).
 */
public final class Backoff {

	private Backoff() {
	}

	public static void pause(Duration duration) {
		LockSupport.parkNanos(duration.toNanos());
	}

}
