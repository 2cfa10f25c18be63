package io.edgepass.bench.report;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class ResultsReportTests {

	private static final String WRK = """
			Running 10s test @ http://127.0.0.1:18092/orders
			  2 threads and 64 connections
			  Thread Stats   Avg      Stdev     Max   +/- Stdev
			    Latency   123.54ms   96.14ms 655.11ms   76.59%%
			    Req/Sec   290.22    108.42   656.00     71.21%%
			  Latency Distribution
			     50%%  %s
			     75%%  163.66ms
			     90%%  244.73ms
			     99%%    1.02s
			  %d requests in 10.00s, 3.55MB read
			  Non-2xx or 3xx responses: %d
			Requests/sec:    %d.56
			Transfer/sec:    361.18KB
			""";

	@TempDir
	Path raw;

	@Test
	void wrkOutputIsReadInMicrosecondsWithItsErrors() {
		WrkOutput output = WrkOutput.parse(WRK.formatted("850.00us", 5800, 12, 580));

		assertThat(output.requests()).isEqualTo(5800);
		assertThat(output.requestsPerSecond()).isEqualTo(580.56);
		assertThat(output.p50()).isEqualTo(850.0);
		assertThat(output.p99()).isEqualTo(1_020_000.0);
		assertThat(output.non2xx()).isEqualTo(12);
		assertThat(output.successes()).isEqualTo(5788);
	}

	@Test
	void targetsAreJudgedOnRatiosMeasuredInTheSameRun() throws Exception {
		Files.writeString(this.raw.resolve("settings.txt"),
				"started=now\nwrk=2 threads\nfixed=10 s\ncores=the edge under test on CPU 1\n");
		Files.writeString(this.raw.resolve("machine.txt"), "nproc: 2\n");
		Files.writeString(this.raw.resolve("variants.tsv"),
				"nginx\tedge\tnginx\tnginx\n" + "peer-public\tedge\tpeer public\tpeer\n"
						+ "peer-rs256\tedge\tpeer RS256\tpeer\n" + "gw-public\tedge\tgateway public\tgateway\n"
						+ "gw-rs256\tedge\tgateway RS256\tgateway\n"
						+ "gw-rs256-reused\tedge\tgateway RS256 reused\tgateway\n");
		Files.writeString(this.raw.resolve("nginx.wrk"), WRK.formatted("1.00ms", 100000, 0, 10000));
		Files.writeString(this.raw.resolve("gw-public.wrk"), WRK.formatted("2.00ms", 60000, 0, 6000));
		Files.writeString(this.raw.resolve("gw-rs256.wrk"), WRK.formatted("2.50ms", 48000, 0, 4800));
		Files.writeString(this.raw.resolve("gw-rs256-reused.wrk"), WRK.formatted("2.10ms", 58000, 0, 5800));
		Files.writeString(this.raw.resolve("peer-public.wrk"), WRK.formatted("1.50ms", 50000, 0, 5000));
		Files.writeString(this.raw.resolve("peer-rs256.wrk"), WRK.formatted("2.00ms", 50000, 0, 5000));
		Files.writeString(this.raw.resolve("gw-public.rate"),
				"rate=3360 achieved=3360 ok=33600 failed=0 errors=0 p50_us=900 p90_us=1500 p99_us=3000 p999_us=5000 max_us=9000");
		Files.writeString(this.raw.resolve("gw-rs256.rate"),
				"rate=3360 achieved=3360 ok=33600 failed=0 errors=0 p50_us=1000 p90_us=1800 p99_us=3500 p999_us=6000 max_us=9000");
		Files.writeString(this.raw.resolve("gw-rs256.cpu"), "clk_tck=100\nstub=100\ngateway=960\n");

		String markdown = new ResultsReport(this.raw).render();

		assertThat(markdown)
			.contains("| Edgepass unauthenticated route ≥ 1.0 × the peer's public route | 1.20 × (6001 vs 5001 req/s) "
					+ "| met |")
			.contains("| Edgepass full edge, RS256, unique tokens ≥ 0.9 × the peer's RS256 route | 0.96 × "
					+ "(4801 vs 5001 req/s) | met |")
			.contains("| Edgepass full edge, one reused token ≥ 0.95 × Edgepass's own unauthenticated route | 0.97 × "
					+ "(5801 vs 6001 req/s) | met |")
			.contains("| gateway RS256 | 4801 | 0.48 | 0.80 | 0.96 | 0.96 |")
			.contains("| 200 | 21 | – | 0 |")
			.contains("Cores: the edge under test on CPU 1.");
	}

}
