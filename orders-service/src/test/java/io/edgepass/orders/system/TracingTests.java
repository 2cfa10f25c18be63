package io.edgepass.orders.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import io.edgepass.orders.OrdersServiceTest;
import io.edgepass.testsupport.TestEdgeAssertions;
import io.edgepass.trust.EdgeHeaders;
import io.edgepass.trust.EdgeIdentity;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A service run the way an operator turns observability on: an OTLP endpoint (here a
 * receiver on loopback) and ECS JSON logs. The trace a request brings in its
 * {@code traceparent} is the one its log lines carry and its spans are exported under.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = { "logging.structured.format.console=ecs",
		"management.tracing.sampling.probability=1.0", "management.opentelemetry.tracing.export.schedule-delay=100ms",
		"logging.level.org.springframework.web.servlet.DispatcherServlet=debug" })
class TracingTests extends OrdersServiceTest {

	private static final List<byte[]> exported = new CopyOnWriteArrayList<>();

	private static final HttpServer receiver = otlpReceiver();

	@DynamicPropertySource
	static void otlp(DynamicPropertyRegistry registry) {
		registry.add("management.opentelemetry.tracing.export.otlp.endpoint",
				() -> "http://127.0.0.1:" + receiver.getAddress().getPort() + "/v1/traces");
	}

	@AfterAll
	static void stopReceiver() {
		receiver.stop(0);
	}

	@Test
	void theIncomingTraceIsInTheJsonLogsAndExportedWithoutTheAssertion(CapturedOutput output) {
		byte[] rawTraceId = new byte[16];
		new SecureRandom().nextBytes(rawTraceId);
		String traceId = HexFormat.of().formatHex(rawTraceId);
		EdgeIdentity user = newUser();
		String assertion = TestEdgeAssertions.mint(user, AUDIENCE);
		Response response = send(request("/orders").header(EdgeHeaders.ASSERTION, assertion)
			.header("traceparent", "00-" + traceId + "-" + "00f067aa0ba902b7" + "-01")
			.GET());
		assertThat(response.status()).isEqualTo(200);

		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(output.getOut()).contains(traceId));
		List<JsonNode> traced = output.getOut()
			.lines()
			.filter((line) -> line.contains(traceId))
			.map((line) -> JsonMapper.shared().readTree(line))
			.toList();
		assertThat(traced).allSatisfy((line) -> assertThat(line.path("@timestamp").isString()).isTrue());
		assertThat(output.getOut()).doesNotContain(assertion);

		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(exported)
				.anySatisfy((body) -> assertThat(indexOf(body, rawTraceId)).as("an exported span of trace %s", traceId)
					.isNotNegative()));
		for (byte[] body : exported) {
			assertThat(indexOf(body, assertion.getBytes(StandardCharsets.US_ASCII))).isNegative();
		}
	}

	private static int indexOf(byte[] haystack, byte[] needle) {
		outer: for (int i = 0; i <= haystack.length - needle.length; i++) {
			for (int j = 0; j < needle.length; j++) {
				if (haystack[i + j] != needle[j]) {
					continue outer;
				}
			}
			return i;
		}
		return -1;
	}

	/** Accepts OTLP/HTTP trace exports (protobuf) and keeps their bodies. */
	private static HttpServer otlpReceiver() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			server.createContext("/v1/traces", (exchange) -> {
				exported.add(exchange.getRequestBody().readAllBytes());
				exchange.sendResponseHeaders(200, -1);
				exchange.close();
			});
			server.start();
			return server;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
