package io.edgepass.profile.system;

import java.net.http.HttpRequest;

import io.edgepass.profile.ProfileServiceTest;
import io.edgepass.trust.EdgeIdentity;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Contract: Errors (problem+json for 404, 405, 406, 415). */
class ErrorResponseTests extends ProfileServiceTest {

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
		Response rejected = send(request("/profiles/me", this.alice).DELETE());

		assertProblem(rejected, 405);
		assertThat(rejected.header("Allow")).contains("GET", "PUT");
	}

	@Test
	void aResponseTypeOtherThanJsonIsNotAcceptable() {
		assertProblem(send(request("/profiles/me", this.alice).header("Accept", "text/html").GET()), 406);
	}

	@Test
	void aWrongContentTypeIsUnsupported() {
		assertProblem(send(request("/profiles/me", this.alice).header("Content-Type", "application/xml")
			.PUT(HttpRequest.BodyPublishers.ofString("<profile/>"))), 415);
	}

	@Test
	void aRequestTheFirewallRejectsIsAProblemToo() {
		Response rejected = get("/profiles/me;jsessionid=x", this.alice);

		assertProblem(rejected, 400);
		assertThat(rejected.body()).doesNotContain("Exception", "firewall");
	}

	@Test
	void managementEndpointsAreNotOnThePublicPort() {
		assertThat(get("/actuator/health", this.alice).status()).isEqualTo(404);
		assertThat(get("/actuator/prometheus", this.alice).status()).isEqualTo(404);
	}

}
