package io.edgepass.gateway.token;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.edgepass.gateway.token.DPoPBinding.PresentedToken;
import io.edgepass.testsupport.DPoPKey;
import io.edgepass.trust.EdgeIdentity;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where a proof is checked: off the calling thread (an event loop's, in the gateway), on
 * the parallel scheduler; a bearer token's binding is decided where it is asked.
 */
class DPoPBindingTests {

	private static final String TOKEN = "header.payload.signature";

	private final DPoPBinding binding = new DPoPBinding(new DPoPProperties(Duration.ofSeconds(60), 100, false),
			new TokenProperties("http://localhost:8080", "edgepass-api", List.of("RS256"), null, Duration.ofSeconds(30),
					8192,
					new TokenProperties.Jwks(URI.create("http://127.0.0.1:1/jwks.json"), Duration.ofSeconds(60),
							Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofSeconds(1)),
					new TokenProperties.Cache(100, DataSize.ofMegabytes(1))),
			new SimpleMeterRegistry(), Clock.systemUTC());

	private final EdgeIdentity identity = new EdgeIdentity(UUID.randomUUID(), "erin", List.of("USER"),
			List.of("orders:read"), "sid-1", "jti-1");

	@Test
	void aProofIsCheckedOnTheParallelSchedulerNotTheCallingThread() {
		DPoPKey key = DPoPKey.es256();
		PresentedToken presented = new PresentedToken(TOKEN, true,
				List.of(key.proof("GET", "http://localhost:8080/orders", TOKEN)), "GET", "/orders");

		String thread = checkedOn(new AccessToken(this.identity, key.thumbprint()), presented);

		assertThat(thread).startsWith("parallel-");
	}

	@Test
	void aBearerTokenIsDecidedOnTheCallingThread() {
		PresentedToken presented = new PresentedToken(TOKEN, false, List.of(), "GET", "/orders");

		String thread = checkedOn(new AccessToken(this.identity, null), presented);

		assertThat(thread).isEqualTo(Thread.currentThread().getName());
	}

	private String checkedOn(AccessToken token, PresentedToken presented) {
		return this.binding.check(token, presented)
			.doOnNext((checked) -> assertThat(checked).isEqualTo(this.identity))
			.map((checked) -> Thread.currentThread().getName())
			.switchIfEmpty(Mono.error(new AssertionError("no identity")))
			.block(Duration.ofSeconds(5));
	}

}
