package io.edgepass.orders.system;

import java.net.http.HttpRequest;

import io.edgepass.orders.OrdersServiceTest;
import io.edgepass.trust.EdgeIdentity;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Contract: Errors (problem+json for 404, 405, 406 and the rest); THREATS C-30. */
class ErrorResponseTests extends OrdersServiceTest {

	private final EdgeIdentity alice = newUser();

	@Test
	void anUnknownPathIsNotFound() {
		Response missing = get("/nothing/here", this.alice);

		assertProblem(missing, 404);
		assertThat((String) missing.json("$.type")).isEqualTo("https://edgepass.dev/problems/not-found");
		assertThat((String) missing.json("$.instance")).isEqualTo("/nothing/here");
	}

	@Test
	void anUnsupportedMethodIsNotAllowed() {
		Response rejected = send(request("/orders", this.alice).DELETE());

		assertProblem(rejected, 405);
		assertThat(rejected.header("Allow")).contains("GET", "POST");
	}

	@Test
	void aResponseTypeOtherThanJsonIsNotAcceptable() {
		Response rejected = send(request("/orders", this.alice).header("Accept", "text/html").GET());

		assertProblem(rejected, 406);
	}

	@Test
	void aWrongContentTypeIsUnsupported() {
		Response rejected = send(request("/orders", this.alice).header("Content-Type", "text/plain")
			.POST(HttpRequest.BodyPublishers.ofString("{}")));

		assertProblem(rejected, 415);
		assertThat((String) rejected.json("$.type")).isEqualTo("https://edgepass.dev/problems/unsupported-media-type");
	}

	@Test
	void aRequestTheFirewallRejectsIsAProblemToo() {
		Response rejected = get("/orders;jsessionid=x", this.alice);

		assertProblem(rejected, 400);
		assertThat(rejected.body()).doesNotContain("Exception", "firewall");
	}

	@Test
	void managementEndpointsAreNotOnThePublicPort() {
		assertThat(get("/actuator/health", this.alice).status()).isEqualTo(404);
		assertThat(get("/actuator/prometheus", this.alice).status()).isEqualTo(404);
	}

}
