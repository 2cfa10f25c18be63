package io.edgepass.gateway;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;

/** The Prometheus scrape on the management port. */
class MetricsTests extends GatewayTestBase {

	@Autowired
	MeterRegistry meters;

	@Test
	void proxiedRequestsAndAuthServiceCallsAreBothMeteredWithoutARegistrationFailure() {
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
			.containsPattern("(?m)^edgepass_gateway_auth_client_requests_seconds_count\\{.*status=\"200\"");
		assertThat(failures).isEmpty();
	}

}
