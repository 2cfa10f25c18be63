package io.edgepass.bench.load;

import java.util.Locale;

/**
 * What a constant-rate run measured after its warm-up; latencies in microseconds.
 *
 * @param rate the requests per second asked for
 * @param achievedRate the rate requests were actually started at
 * @param ok responses with a 2xx status
 * @param failed responses with any other status
 * @param errors requests without a response (connection errors, timeouts)
 * @param p50 median latency
 * @param p90 90th percentile
 * @param p99 99th percentile
 * @param p999 99.9th percentile
 * @param max the slowest
 */
public record LoadResult(int rate, double achievedRate, long ok, long failed, long errors, long p50, long p90, long p99,
		long p999, long max) {

	public String line() {
		return String.format(Locale.ROOT,
				"rate=%d achieved=%.0f ok=%d failed=%d errors=%d p50_us=%d p90_us=%d p99_us=%d p999_us=%d max_us=%d",
				this.rate, this.achievedRate, this.ok, this.failed, this.errors, this.p50, this.p90, this.p99,
				this.p999, this.max);
	}

}
