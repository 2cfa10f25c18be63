package io.edgepass.bench.load;

import java.time.Duration;

/**
 * What {@link ConstantRateLoad} sends.
 *
 * @param url the one URL every request goes to
 * @param rate requests started per second
 * @param warmup how long it runs before latencies are recorded
 * @param duration how long latencies are recorded
 * @param connections the most connections open at once (later requests queue, and their
 * waiting counts in their latency)
 * @param timeout how long one response may take before it counts as an error
 * @param headerName a header set on every request, or {@code null}
 * @param headerPrefix what precedes each value of that header ({@code "Bearer "})
 * @param proofHeaderName a second header ({@code DPoP}) whose value follows a tab in each
 * value of the first, or {@code null}
 */
public record LoadSettings(String url, int rate, Duration warmup, Duration duration, int connections, Duration timeout,
		String headerName, String headerPrefix, String proofHeaderName) {

	public LoadSettings(String url, int rate, Duration warmup, Duration duration, int connections, Duration timeout,
			String headerName, String headerPrefix) {
		this(url, rate, warmup, duration, connections, timeout, headerName, headerPrefix, null);
	}

}
