package io.edgepass.gateway;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Prometheus scrape on the management port: every series the Grafana dashboard needs.
 */
class MetricsTests extends GatewayTestBase {

	@Autowired
	MeterRegistry meters;

	@Test
	void proxiedRequestsAndAuthServiceCallsAreBothMeteredWithoutARegistrationFailure() throws IOException {
		List<String> failures = new CopyOnWriteArrayList<>();
		this.meters.config().onMeterRegistrationFailed((id, reason) -> failures.add(id.getName() + ": " + reason));
		this.client.get()
			.uri("/orders/metrics")
			.header(HttpHeaders.AUTHORIZATION, bearer(TestTokens.rs256().sign()))
			.exchange()
			.expectStatus()
			.isOk();
		String scrape = management().get()
			.uri("/actuator/prometheus")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(scrape)
			.containsPattern("(?m)^http_client_requests_seconds_count\\{.*spring_cloud_gateway_route_id=\"orders\"")
			.containsPattern("(?m)^edgepass_gateway_auth_client_requests_seconds_count\\{.*status=\"200\"")
			.containsPattern("(?m)^http_server_requests_seconds_count\\{.*uri=")
			.as("Spring Security's own observations are off (SecurityConfiguration)")
			.doesNotContain("spring_security_");
		assertThat(failures).isEmpty();
		assertThat(dashboardSeries()).isNotEmpty()
			.allSatisfy(
					(series) -> assertThat(scrape).as("the scrape has %s, which the Grafana dashboard queries", series)
						.containsPattern("(?m)^" + series + "[{ ]"));
	}

	/**
	 * What deploy/grafana/edgepass-gateway.json queries (deployment-checks compares the
	 * two).
	 */
	private static List<String> dashboardSeries() throws IOException {
		return Files.readAllLines(Path.of("../deploy/grafana/gateway-metrics.txt"))
			.stream()
			.map(String::strip)
			.filter((line) -> !line.isEmpty() && !line.startsWith("#"))
			.toList();
	}

}
