package io.edgepass.launcher;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ReadinessTests {

	private final Readiness readiness = new Readiness();

	private final AtomicInteger readinessCalls = new AtomicInteger();

	private HttpServer server;

	@BeforeEach
	void startStub() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/ready-on-third-call", (exchange) -> {
			int status = (this.readinessCalls.incrementAndGet() < 3) ? 503 : 200;
			exchange.sendResponseHeaders(status, -1);
			exchange.close();
		});
		this.server.createContext("/never-ready", (exchange) -> {
			exchange.sendResponseHeaders(503, -1);
			exchange.close();
		});
		this.server.start();
	}

	@AfterEach
	void stopStub() {
		this.server.stop(0);
	}

	@Test
	void waitsUntilTheProbeAnswers200() {
		this.readiness.awaitOk(Map.of("stub", url("/ready-on-third-call")), Duration.ofSeconds(10), Optional::empty);
		assertThat(this.readinessCalls).hasValue(3);
	}

	@Test
	void givesUpWhenTimeRunsOutAndSaysWhatWasNotReady() {
		assertThatExceptionOfType(SuiteNotReadyException.class)
			.isThrownBy(() -> this.readiness.awaitOk(Map.of("stub", url("/never-ready")), Duration.ofMillis(600),
					Optional::empty))
			.withMessageContaining("Not ready after")
			.withMessageContaining("stub")
			.satisfies((ex) -> assertThat(ex.failure()).isEmpty());
	}

	@Test
	void givesUpAtOnceWhenAServiceDied() {
		ServiceFailure died = new ServiceFailure(Service.ORDERS, 1, List.of("APPLICATION FAILED TO START"));
		assertThatExceptionOfType(SuiteNotReadyException.class)
			.isThrownBy(() -> this.readiness.awaitOk(Map.of("stub", url("/never-ready")), Duration.ofMinutes(5),
					() -> Optional.of(died)))
			.withMessageContaining("orders-service exited with code 1")
			.withMessageContaining("APPLICATION FAILED TO START")
			.satisfies((ex) -> assertThat(ex.failure()).contains(died));
	}

	@Test
	void nothingListeningIsNotReady() {
		assertThat(this.readiness.isOk(URI.create("http://127.0.0.1:" + ServicePorts.freePort() + "/"))).isFalse();
	}

	private URI url(String path) {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort() + path);
	}

}
