package io.edgepass.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

/**
 * An open-loop load generator: requests start on a fixed schedule whatever the server
 * does, and each latency is measured from the moment its request was due, not from when
 * it could finally be sent. A server that stalls therefore shows its stall in every
 * request that was due meanwhile (no coordinated omission, as in wrk2).
 */
public final class ConstantRateLoad {

	private final LoadSettings settings;

	private final List<String> headerValues;

	public ConstantRateLoad(LoadSettings settings, List<String> headerValues) {
		this.settings = settings;
		this.headerValues = headerValues;
	}

	public LoadResult run() throws InterruptedException {
		ConnectionProvider pool = ConnectionProvider.builder("constant-rate")
			.maxConnections(this.settings.connections())
			.pendingAcquireMaxCount(-1)
			.pendingAcquireTimeout(Duration.ofSeconds(60))
			.build();
		LoopResources loops = LoopResources.create("constant-rate", 1, true);
		HttpClient client = HttpClient.create(pool).runOn(loops).responseTimeout(this.settings.timeout());
		Recorder recorder = new Recorder(3);
		AtomicLong ok = new AtomicLong();
		AtomicLong failed = new AtomicLong();
		AtomicLong errors = new AtomicLong();
		long interval = TimeUnit.SECONDS.toNanos(1) / this.settings.rate();
		long warmupEnd = this.settings.warmup().toNanos();
		long total = (this.settings.warmup().plus(this.settings.duration()).toNanos()) / interval;
		CountDownLatch done = new CountDownLatch((int) total);
		long start = System.nanoTime();
		try {
			for (long i = 0; i < total; i++) {
				long due = start + i * interval;
				long wait = due - System.nanoTime();
				if (wait > 0) {
					LockSupport.parkNanos(wait);
				}
				boolean measured = i * interval >= warmupEnd;
				send(client, i).subscribe((status) -> {
					if (measured) {
						recorder.recordValue(Math.max(0, (System.nanoTime() - due) / 1000));
						((status >= 200 && status < 300) ? ok : failed).incrementAndGet();
					}
					done.countDown();
				}, (ex) -> {
					if (measured) {
						errors.incrementAndGet();
					}
					done.countDown();
				});
			}
			long sendingEnd = System.nanoTime();
			boolean finished = done.await(this.settings.timeout().toSeconds() + 5, TimeUnit.SECONDS);
			Histogram latencies = recorder.getIntervalHistogram();
			long unanswered = finished ? 0 : done.getCount();
			double achieved = (total * 1e9) / (sendingEnd - start);
			return new LoadResult(this.settings.rate(), achieved, ok.get(), failed.get(), errors.get() + unanswered,
					latencies.getValueAtPercentile(50), latencies.getValueAtPercentile(90),
					latencies.getValueAtPercentile(99), latencies.getValueAtPercentile(99.9), latencies.getMaxValue());
		}
		finally {
			pool.disposeLater().block(Duration.ofSeconds(5));
			loops.disposeLater().block(Duration.ofSeconds(5));
		}
	}

	private Mono<Integer> send(HttpClient client, long index) {
		HttpClient.ResponseReceiver<?> request;
		if (this.headerValues.isEmpty()) {
			request = client.get().uri(this.settings.url());
		}
		else {
			String line = this.headerValues.get((int) (index % this.headerValues.size()));
			String proofHeader = this.settings.proofHeaderName();
			int tab = (proofHeader != null) ? line.indexOf('\t') : -1;
			String value = this.settings.headerPrefix() + ((tab >= 0) ? line.substring(0, tab) : line);
			request = client.headers((headers) -> {
				headers.set(this.settings.headerName(), value);
				if (tab >= 0) {
					headers.set(proofHeader, line.substring(tab + 1));
				}
			}).get().uri(this.settings.url());
		}
		return request.responseSingle((response, body) -> body.then(Mono.just(response.status().code())));
	}

	/**
	 * {@code load <url> <rate> <seconds> [<header name> <prefix> <values file> [<proof
	 * header name>]]}, printing one {@code key=value} line; 2 s of warm-up precede the
	 * measured seconds.
	 * @param args the target, the rate per second, the measured duration, optionally a
	 * header whose value cycles through the lines of a file, and a second header whose
	 * value follows a tab on each line
	 * @throws IOException when the values file cannot be read
	 * @throws InterruptedException when interrupted
	 */
	public static void main(String[] args) throws IOException, InterruptedException {
		List<String> values = (args.length > 5) ? Files.readAllLines(Path.of(args[5])) : List.of();
		LoadSettings settings = new LoadSettings(args[0], Integer.parseInt(args[1]), Duration.ofSeconds(2),
				Duration.ofSeconds(Long.parseLong(args[2])), 64, Duration.ofSeconds(10),
				(args.length > 5) ? args[3] : null, (args.length > 5) ? args[4] : "",
				(args.length > 6) ? args[6] : null);
		System.out.println(new ConstantRateLoad(settings, values).run().line());
	}

}
