package io.edgepass.gateway.revocation;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import io.edgepass.trust.EdgeAssertionMinter;
import io.edgepass.trust.EdgeTrustProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import org.springframework.boot.health.contributor.Status;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

class RevocationHealthIndicatorTests {

	private final AtomicBoolean feedUp = new AtomicBoolean();

	private final DisposableServer feed = HttpServer.create()
		.host("127.0.0.1")
		.port(0)
		.route((routes) -> routes.get("/internal/revocations",
				(request, response) -> this.feedUp.get()
						? response.header("Content-Type", "application/json")
							.sendString(Mono.just("{\"cursor\":0,\"hasMore\":false,\"entries\":[]}"))
						: response.status(503).send()))
		.bindNow();

	private final RevocationView view = new RevocationView(WebClient.builder(),
			new EdgeAssertionMinter(
					EdgeTrustProperties.gateway("a".repeat(43) + "=", "edgepass-gateway", Duration.ofSeconds(30))),
			new RevocationProperties(URI.create("http://127.0.0.1:" + this.feed.port() + "/internal/revocations"),
					Duration.ofSeconds(1), 500, Duration.ofSeconds(2)),
			new SimpleMeterRegistry(), Clock.systemUTC());

	private final RevocationHealthIndicator health = new RevocationHealthIndicator(this.view);

	@AfterEach
	void stopFeed() {
		this.feed.disposeNow();
	}

	@Test
	void theGatewayIsNotReadyUntilTheRevocationFeedHasBeenReadOnceThenStaysReadyWhileItIsDown() {
		assertThat(status()).isEqualTo(Status.DOWN);

		this.view.poll().block();
		assertThat(status()).as("the feed failed: still nothing known").isEqualTo(Status.DOWN);

		this.feedUp.set(true);
		this.view.poll().block();
		assertThat(status()).isEqualTo(Status.UP);
		assertThat(this.health.health().block().getDetails()).containsKey("syncedAt");

		this.feedUp.set(false);
		this.view.poll().block();
		assertThat(status()).as("the last known revocations stay in force").isEqualTo(Status.UP);
	}

	private Status status() {
		return this.health.health().block().getStatus();
	}

}
