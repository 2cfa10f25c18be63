package io.edgepass.bench.report;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The numbers read from one wrk run's text output ({@code --latency}); latencies in
 * microseconds.
 *
 * @param requests responses received
 * @param seconds how long the run took
 * @param requestsPerSecond wrk's own rate
 * @param p50 median latency
 * @param p99 99th percentile
 * @param non2xx responses with a status outside 2xx and 3xx
 * @param socketErrors connect, read, write errors and timeouts together
 */
record WrkOutput(long requests, double seconds, double requestsPerSecond, double p50, double p99, long non2xx,
		long socketErrors) {

	private static final Pattern TOTAL = Pattern.compile("(\\d+) requests in ([\\d.]+)(us|ms|s|m)");

	private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([\\d.]+)");

	private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");

	private static final Pattern SOCKET_ERRORS = Pattern
		.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");

	static WrkOutput parse(String text) {
		Matcher total = find(TOTAL, text);
		Matcher rate = find(RATE, text);
		Matcher non2xx = NON_2XX.matcher(text);
		Matcher socket = SOCKET_ERRORS.matcher(text);
		long errors = 0;
		if (socket.find()) {
			for (int group = 1; group <= 4; group++) {
				errors += Long.parseLong(socket.group(group));
			}
		}
		return new WrkOutput(Long.parseLong(total.group(1)),
				micros(Double.parseDouble(total.group(2)), total.group(3)) / 1e6, Double.parseDouble(rate.group(1)),
				percentile(text, "50"), percentile(text, "99"), non2xx.find() ? Long.parseLong(non2xx.group(1)) : 0,
				errors);
	}

	long successes() {
		return this.requests - this.non2xx;
	}

	private static double percentile(String text, String percent) {
		Matcher line = find(Pattern.compile("\\n\\s+" + percent + "(?:\\.000)?%\\s+([\\d.]+)(us|ms|s|m)"), text);
		return micros(Double.parseDouble(line.group(1)), line.group(2));
	}

	private static double micros(double value, String unit) {
		return switch (unit.toLowerCase(Locale.ROOT)) {
			case "us" -> value;
			case "ms" -> value * 1e3;
			case "s" -> value * 1e6;
			case "m" -> value * 60e6;
			default -> throw new IllegalArgumentException("Unknown unit " + unit);
		};
	}

	private static Matcher find(Pattern pattern, String text) {
		Matcher matcher = pattern.matcher(text);
		if (!matcher.find()) {
			throw new IllegalArgumentException("wrk output without " + pattern + ":\n" + text);
		}
		return matcher;
	}

}
