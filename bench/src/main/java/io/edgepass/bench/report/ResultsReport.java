package io.edgepass.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns the raw files of one {@code bench/run.sh} run into the markdown results table,
 * the ratios and the verdict on each target. Everything compared was measured in that
 * same run.
 */
public final class ResultsReport {

	private static final List<Storm> STORMS = List
		.of(new Storm("storm", "auth-service as shipped, on the load cores at low priority"));

	private final Path raw;

	private final Map<String, String> settings;

	private final List<Variant> variants = new ArrayList<>();

	private final StringBuilder out = new StringBuilder();

	ResultsReport(Path raw) throws IOException {
		this.raw = raw;
		this.settings = keyValues(Files.readString(raw.resolve("settings.txt")));
		for (String line : Files.readAllLines(raw.resolve("variants.tsv"))) {
			if (!line.isBlank()) {
				String[] fields = line.split("\t");
				this.variants.add(new Variant(fields[0], fields[1], fields[2], fields[3]));
			}
		}
	}

	String render() throws IOException {
		line("# Edgepass edge benchmark: results");
		line("");
		line("Run " + this.settings.getOrDefault("started", "?") + ", `bench/run.sh`, method in `docs/BENCHMARKS.md`. "
				+ "Saturation: wrk, " + this.settings.get("wrk") + ". Fixed rate: the open-loop Java generator, "
				+ this.settings.get("fixed") + ". CPU: utime+stime of each process over the saturation run "
				+ "divided by its responses.");
		if (this.settings.containsKey("cores")) {
			line("");
			line("Cores: " + this.settings.get("cores") + ".");
		}
		line("");
		line("## Machine");
		line("");
		line("```");
		this.out.append(Files.readString(this.raw.resolve("machine.txt")).strip()).append('\n');
		line("```");
		line("");
		variantTable();
		targets();
		storm();
		jmh();
		return this.out.toString();
	}

	private void variantTable() throws IOException {
		line("## Proxy variants");
		line("");
		line("| variant | req/s (sat.) | × nginx | × gw public | × peer public | × peer RS256 | sat. p50 / p99 ms "
				+ "| fixed rate req/s | fixed p50 / p99 / p99.9 ms | CPU µs/req: proxy | stub | Redis | errors |");
		line("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
		Optional<WrkOutput> nginx = wrk("nginx");
		Optional<WrkOutput> gatewayPublic = wrk("gw-public");
		Optional<WrkOutput> peerPublic = wrk("peer-public");
		Optional<WrkOutput> peerRs256 = wrk("peer-rs256");
		for (Variant variant : this.variants) {
			Optional<WrkOutput> saturation = wrk(variant.id());
			Optional<Map<String, String>> fixed = rate(variant.id());
			Map<String, Long> cpu = cpu(variant.id());
			if (saturation.isEmpty()) {
				line("| " + variant.description() + " | not measured | | | | | | | | | | | |");
				continue;
			}
			WrkOutput sat = saturation.get();
			long errors = sat.non2xx() + sat.socketErrors()
					+ fixed.map((f) -> Long.parseLong(f.get("failed")) + Long.parseLong(f.get("errors"))).orElse(0L);
			boolean edge = variant.id().startsWith("gw-") || variant.id().startsWith("peer-");
			line("| " + variant.description() + " | " + format("%.0f", sat.requestsPerSecond()) + " | "
					+ ratio(sat, nginx) + " | " + (variant.id().startsWith("gw-") ? ratio(sat, gatewayPublic) : "")
					+ " | " + (edge ? ratio(sat, peerPublic) : "") + " | " + (edge ? ratio(sat, peerRs256) : "") + " | "
					+ format("%.2f / %.2f", sat.p50() / 1e3, sat.p99() / 1e3) + " | "
					+ fixed.map((f) -> f.get("rate")).orElse("–") + " | "
					+ fixed.map((f) -> format("%.2f / %.2f / %.2f", ms(f, "p50_us"), ms(f, "p99_us"), ms(f, "p999_us")))
						.orElse("–")
					+ " | " + perRequest(cpu, variant.proxy(), sat) + " | " + perRequest(cpu, "stub", sat) + " | "
					+ perRequest(cpu, "redis", sat) + " | " + errors + " |");
		}
		line("");
		line("× nginx, × gw public, × peer public and × peer RS256: saturation throughput relative to nginx "
				+ "`proxy_pass`, to the gateway's unauthenticated route and to the peer's public and RS256 routes "
				+ "(a bare Spring Cloud Gateway with Spring Security's resource server), in this run. CPU: the proxy's own process (all nginx processes for nginx), "
				+ "the stub, and the Redis server (which also serves other clients: only meaningful for the session "
				+ "variant). Errors: non-2xx responses and socket errors in both phases.");
		line("");
	}

	private void targets() throws IOException {
		line("## Targets");
		line("");
		line("| target | measured | verdict |");
		line("|---|---|---|");
		share("Edgepass unauthenticated route ≥ 1.0 × the peer's public route", "gw-public", "peer-public", 1.0);
		share("Edgepass full edge, RS256, unique tokens ≥ 0.9 × the peer's RS256 route", "gw-rs256", "peer-rs256", 0.9);
		share("Edgepass full edge, one reused token ≥ 0.95 × Edgepass's own unauthenticated route", "gw-rs256-reused",
				"gw-public", 0.95);
		Optional<WrkOutput> jwt = wrk("se-jwt");
		Optional<WrkOutput> session = wrk("se-session");
		if (jwt.isPresent() && session.isPresent()) {
			double share = jwt.get().requestsPerSecond() / session.get().requestsPerSecond();
			target("JWT edge ≥ 1.1 × Redis-session edge throughput (same app)", format("%.2f ×", share), share >= 1.1);
		}
		Optional<Map<String, String>> jwtRate = rate("se-jwt");
		Optional<Map<String, String>> sessionRate = rate("se-session");
		if (jwtRate.isPresent() && sessionRate.isPresent()) {
			double jwtP99 = ms(jwtRate.get(), "p99_us");
			double sessionP99 = ms(sessionRate.get(), "p99_us");
			target("JWT edge p99 lower than Redis-session edge p99 (" + jwtRate.get().get("rate") + " req/s)",
					format("%.2f vs %.2f ms", jwtP99, sessionP99), jwtP99 < sessionP99);
		}
		for (Storm storm : STORMS) {
			Optional<Map<String, String>> baseline = rate(storm.id() + "-baseline");
			Optional<Map<String, String>> during = rate(storm.id() + "-steady");
			if (baseline.isPresent() && during.isPresent()) {
				double factor = ms(during.get(), "p99_us") / ms(baseline.get(), "p99_us");
				target("during a login storm, other routes' p99 ≤ 2 × baseline (" + storm.label() + ")",
						format("%.2f × (%.2f vs %.2f ms)", factor, ms(during.get(), "p99_us"),
								ms(baseline.get(), "p99_us")),
						factor <= 2.0);
			}
			Path memory = this.raw.resolve(storm.id() + "-memory.txt");
			if (Files.exists(memory)) {
				Map<String, String> rss = keyValues(Files.readString(memory));
				target("during a login storm, memory bounded (" + storm.label() + ")", rss.getOrDefault("summary", "?"),
						"true".equals(rss.get("bounded")));
			}
		}
		line("");
	}

	private void storm() throws IOException {
		for (Storm storm : STORMS) {
			Optional<WrkOutput> logins = wrk(storm.id() + "-logins");
			if (logins.isEmpty()) {
				continue;
			}
			line("## Login storm: " + storm.label());
			line("");
			WrkOutput wrk = logins.get();
			line(format(
					"Logins (Argon2id, real auth-service, through the gateway): %d requests in %.1f s, "
							+ "%.1f successful logins/s, %d refused (non-2xx), %d socket errors; "
							+ "login p50 %.0f ms, p99 %.0f ms. Answers by status:",
					wrk.requests(), wrk.seconds(), wrk.successes() / wrk.seconds(), wrk.non2xx(), wrk.socketErrors(),
					wrk.p50() / 1e3, wrk.p99() / 1e3));
			for (String line : Files.readAllLines(this.raw.resolve(storm.id() + "-logins.wrk"))) {
				if (line.startsWith("status ")) {
					line("- " + line);
				}
			}
			line("");
			line("| steady traffic on `/orders` (RS256, full edge) | rate | p50 ms | p99 ms | p99.9 ms | max ms | "
					+ "non-2xx | errors |");
			line("|---|---:|---:|---:|---:|---:|---:|---:|");
			for (String phase : List.of("baseline", "steady")) {
				Optional<Map<String, String>> result = rate(storm.id() + "-" + phase);
				if (result.isPresent()) {
					Map<String, String> r = result.get();
					line("| " + (phase.equals("baseline") ? "before the storm" : "during the storm") + " | "
							+ r.get("rate") + " | " + format("%.2f", ms(r, "p50_us")) + " | "
							+ format("%.2f", ms(r, "p99_us")) + " | " + format("%.2f", ms(r, "p999_us")) + " | "
							+ format("%.2f", ms(r, "max_us")) + " | " + r.get("failed") + " | " + r.get("errors")
							+ " |");
				}
			}
			Path memory = this.raw.resolve(storm.id() + "-memory.txt");
			if (Files.exists(memory)) {
				line("");
				line("Resident memory: " + keyValues(Files.readString(memory)).getOrDefault("detail", "?") + ".");
			}
			line("");
		}
	}

	private void jmh() throws IOException {
		Path results = this.raw.resolve("jmh.json");
		if (!Files.exists(results)) {
			return;
		}
		line("## JMH: one token verification (single thread)");
		line("");
		line("| verifier | algorithm | µs/op | ± |");
		line("|---|---|---:|---:|");
		JsonNode runs = JsonMapper.builder().build().readTree(Files.readString(results));
		for (JsonNode run : runs) {
			String benchmark = run.get("benchmark").asString();
			String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
			JsonNode metric = run.get("primaryMetric");
			line("| " + method + " | " + run.path("params").path("algorithm").asString() + " | "
					+ format("%.2f", metric.get("score").asDouble()) + " | "
					+ (metric.get("scoreError").isNumber() ? format("%.2f", metric.get("scoreError").asDouble()) : "–")
					+ " |");
		}
		line("");
	}

	private void share(String target, String variant, String baseline, double least) throws IOException {
		Optional<WrkOutput> measured = wrk(variant);
		Optional<WrkOutput> base = wrk(baseline);
		if (measured.isPresent() && base.isPresent()) {
			double share = measured.get().requestsPerSecond() / base.get().requestsPerSecond();
			target(target, format("%.2f × (%.0f vs %.0f req/s)", share, measured.get().requestsPerSecond(),
					base.get().requestsPerSecond()), share >= least);
		}
	}

	private void target(String target, String measured, boolean met) {
		line("| " + target + " | " + measured + " | " + (met ? "met" : "**missed**") + " |");
	}

	private Optional<WrkOutput> wrk(String id) throws IOException {
		Path file = this.raw.resolve(id + ".wrk");
		return Files.exists(file) ? Optional.of(WrkOutput.parse(Files.readString(file))) : Optional.empty();
	}

	private Optional<Map<String, String>> rate(String id) throws IOException {
		Path file = this.raw.resolve(id + ".rate");
		return Files.exists(file) ? Optional.of(keyValues(Files.readString(file))) : Optional.empty();
	}

	private Map<String, Long> cpu(String id) throws IOException {
		Path file = this.raw.resolve(id + ".cpu");
		Map<String, Long> ticks = new LinkedHashMap<>();
		if (Files.exists(file)) {
			keyValues(Files.readString(file)).forEach((label, value) -> ticks.put(label, Long.parseLong(value)));
		}
		return ticks;
	}

	private String perRequest(Map<String, Long> cpu, String label, WrkOutput saturation) {
		Long ticks = cpu.get(label);
		Long perSecond = cpu.get("clk_tck");
		if (ticks == null || perSecond == null || saturation.requests() == 0) {
			return "–";
		}
		return format("%.0f", ticks * 1e6 / perSecond / saturation.requests());
	}

	private static String ratio(WrkOutput variant, Optional<WrkOutput> baseline) {
		return baseline.map((base) -> format("%.2f", variant.requestsPerSecond() / base.requestsPerSecond()))
			.orElse("–");
	}

	private static double ms(Map<String, String> result, String key) {
		return Long.parseLong(result.get(key)) / 1e3;
	}

	static Map<String, String> keyValues(String text) {
		Map<String, String> values = new LinkedHashMap<>();
		for (String token : text.split("\\s+(?=[A-Za-z0-9_.-]+=)|\\n")) {
			int equals = token.indexOf('=');
			if (equals > 0) {
				values.put(token.substring(0, equals).trim(), token.substring(equals + 1).trim());
			}
		}
		return values;
	}

	private static String format(String pattern, Object... args) {
		return String.format(Locale.ROOT, pattern, args);
	}

	private void line(String text) {
		this.out.append(text).append('\n');
	}

	/**
	 * {@code report <raw folder> <markdown file>}.
	 * @param args where the run's raw files are and where the table goes
	 * @throws IOException when a file cannot be read or written
	 */
	public static void main(String[] args) throws IOException {
		String markdown = new ResultsReport(Path.of(args[0])).render();
		Files.writeString(Path.of(args[1]), markdown);
		System.out.print(markdown);
	}

	private record Variant(String id, String group, String description, String proxy) {
	}

	private record Storm(String id, String label) {
	}

}
