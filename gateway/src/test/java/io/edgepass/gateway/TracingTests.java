package io.edgepass.gateway;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Trace context crosses the edge (W3C Trace Context) and is in the access log; spans
 * leave only when asked to.
 */
@ExtendWith(OutputCaptureExtension.class)
class TracingTests extends GatewayTestBase {

	@Autowired
	ApplicationContext context;

	@Autowired
	ObservationRegistry observations;

	@Test
	void theTraceOfAnIncomingTraceparentContinuesUpstreamUnderTheGatewaysOwnSpanAndIsInTheAccessLog(
			CapturedOutput output) {
		byte[] bytes = new byte[16];
		new SecureRandom().nextBytes(bytes);
		String traceId = HexFormat.of().formatHex(bytes);
		String clientSpan = "00f067aa0ba902b7";
		Map<String, List<String>> received = receivedHeaders(this.client.get()
			.uri("/orders/traced")
			.header(HttpHeaders.AUTHORIZATION, bearer(TestTokens.rs256().sign()))
			.header("traceparent", "00-" + traceId + "-" + clientSpan + "-01")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.returnResult()
			.getResponseBody());
		assertThat(received.get("traceparent")).singleElement().satisfies((traceparent) -> {
			assertThat(traceparent).matches("00-" + traceId + "-[0-9a-f]{16}-01");
			assertThat(traceparent).doesNotContain(clientSpan);
		});
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(output.getOut())
				.containsPattern("io\\.edgepass\\.gateway\\.access .* path=/orders/traced .* trace=" + traceId));
	}

	@Test
	void noSpanExporterExistsWithoutAnOtlpEndpoint() {
		assertThat(
				this.context.getEnvironment().containsProperty("management.opentelemetry.tracing.export.otlp.endpoint"))
			.isFalse();
		assertThat(this.context.getBeansOfType(SpanExporter.class)).isEmpty();
	}

	@Test
	void aSpanNamesTheRoutedUriWithoutItsQuery() {
		Observation.Context routed = new Observation.Context();
		routed.addHighCardinalityKeyValue(KeyValue.of("http.uri", "http://orders:8082/orders/x?access_token=abc"));
		Observation.createNotStarted("routed", () -> routed, this.observations).start().stop();
		assertThat(routed.getHighCardinalityKeyValue("http.uri").getValue()).isEqualTo("http://orders:8082/orders/x");
	}

}
