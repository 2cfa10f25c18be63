package io.edgepass.deployment;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Grafana dashboard of the edge queries only series the gateway exports: the ones
 * listed in {@code deploy/grafana/gateway-metrics.txt}, each of which the gateway's
 * {@code MetricsTests} finds in its Prometheus scrape.
 */
class DashboardTests {

	private static final Pattern CLAUSE = Pattern
		.compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");

	private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w$])([a-zA-Z_:][a-zA-Z0-9_:]*)(\\s*\\()?");

	private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "offset", "bool", "group_left",
			"group_right");

	private final JsonNode dashboard = JsonMapper.builder()
		.build()
		.readTree(Repository.read("deploy/grafana/edgepass-gateway.json"));

	@Test
	void everySeriesTheDashboardQueriesIsOneTheGatewayIsCheckedToExport() {
		Set<String> queried = new TreeSet<>();
		expressions().forEach((expression) -> queried.addAll(metrics(expression)));
		assertThat(queried).as("series queried by deploy/grafana/edgepass-gateway.json")
			.isEqualTo(new TreeSet<>(listed()));
	}

	@Test
	void theDashboardShowsWhatOperatorsOfTheEdgeWatch() {
		String queries = String.join("\n", expressions());
		assertThat(queries).as("validation failures by reason")
			.contains("sum by (reason) (rate(edgepass_gateway_token_rejected_total");
		assertThat(queries).contains("edgepass_gateway_jwks_age_seconds")
			.contains("edgepass_gateway_revocation_lag_seconds")
			.contains("edgepass_gateway_ratelimit_backend")
			.contains("edgepass_gateway_ratelimit_fallback_total")
			.as("route latency")
			.contains("by (spring_cloud_gateway_route_id) (rate(http_client_requests_seconds_sum");
		List<Integer> ids = new ArrayList<>();
		this.dashboard.get("panels").forEach((panel) -> ids.add(panel.get("id").asInt()));
		assertThat(ids).doesNotHaveDuplicates();
		assertThat(this.dashboard.get("uid").asString()).isEqualTo("edgepass-gateway");
	}

	@Test
	void theQueryReaderFindsMetricsNotLabelsFunctionsOrVariables() {
		assertThat(metrics("sum by (route, status) (rate(a_total{route!=\"x\", le=\"1\"}[$__rate_interval])) "
				+ "/ on (route) group_left max(b_seconds offset 5m) > bool 0 and c"))
			.containsExactlyInAnyOrder("a_total", "b_seconds", "c");
	}

	private List<String> expressions() {
		List<String> expressions = new ArrayList<>();
		this.dashboard.get("panels").forEach((panel) -> {
			if (panel.has("targets")) {
				panel.get("targets").forEach((target) -> expressions.add(target.get("expr").asString()));
			}
		});
		assertThat(expressions).isNotEmpty();
		return expressions;
	}

	/** The metric names in a PromQL expression. */
	static Set<String> metrics(String expression) {
		String bare = CLAUSE.matcher(expression.replaceAll("\\{[^}]*\\}", "").replaceAll("\\[[^\\]]*\\]", ""))
			.replaceAll("");
		Set<String> metrics = new TreeSet<>();
		Matcher identifier = IDENTIFIER.matcher(bare.replaceAll("\\boffset\\s+\\w+", ""));
		while (identifier.find()) {
			if (identifier.group(2) == null && !KEYWORDS.contains(identifier.group(1))) {
				metrics.add(identifier.group(1));
			}
		}
		return metrics;
	}

	private static List<String> listed() {
		return Repository.read("deploy/grafana/gateway-metrics.txt")
			.lines()
			.map(String::strip)
			.filter((line) -> !line.isEmpty() && !line.startsWith("#"))
			.toList();
	}

}
