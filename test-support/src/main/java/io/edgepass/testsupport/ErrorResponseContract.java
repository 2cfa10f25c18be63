package io.edgepass.testsupport;

import java.net.http.HttpRequest;
import java.util.List;

import io.edgepass.testsupport.ServiceHttpTest.Response;
import io.edgepass.trust.EdgeIdentity;
import org.junit.jupiter.api.Test;

import static io.edgepass.testsupport.ServiceHttpTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Contract: Errors (problem+json for 404, 405, 406, 415 and the rest); THREATS C-30. Run
 * per service by a {@link ServiceHttpTest} that implements it and names one of its
 * resources.
 */
public interface ErrorResponseContract {

	/** A path of this service that answers GET. */
	String resource();

	/** The methods {@link #resource()} allows; DELETE is not among them. */
	List<String> allowedMethods();

	/** A write to {@link #resource()} with a body of a type it does not take. */
	HttpRequest.Builder withAnUnsupportedContentType(HttpRequest.Builder request);

	private ServiceHttpTest service() {
		return (ServiceHttpTest) this;
	}

	@Test
	default void anUnknownPathIsNotFound() {
		Response missing = service().get("/nothing/here", ServiceHttpTest.newUser());

		assertProblem(missing, 404);
		assertThat((String) missing.json("$.type")).isEqualTo("https://edgepass.dev/problems/not-found");
		assertThat((String) missing.json("$.instance")).isEqualTo("/nothing/here");
	}

	@Test
	default void anUnsupportedMethodIsNotAllowed() {
		Response rejected = ServiceHttpTest.send(service().request(resource(), ServiceHttpTest.newUser()).DELETE());

		assertProblem(rejected, 405);
		assertThat(rejected.header("Allow")).contains(allowedMethods());
	}

	@Test
	default void aResponseTypeOtherThanJsonIsNotAcceptable() {
		Response rejected = ServiceHttpTest
			.send(service().request(resource(), ServiceHttpTest.newUser()).header("Accept", "text/html").GET());

		assertProblem(rejected, 406);
	}

	@Test
	default void aWrongContentTypeIsUnsupported() {
		Response rejected = ServiceHttpTest
			.send(withAnUnsupportedContentType(service().request(resource(), ServiceHttpTest.newUser())));

		assertProblem(rejected, 415);
		assertThat((String) rejected.json("$.type")).isEqualTo("https://edgepass.dev/problems/unsupported-media-type");
	}

	@Test
	default void aRequestTheFirewallRejectsIsAProblemToo() {
		Response rejected = service().get(resource() + ";jsessionid=x", ServiceHttpTest.newUser());

		assertProblem(rejected, 400);
		assertThat(rejected.body()).doesNotContain("Exception", "firewall");
	}

	@Test
	default void managementEndpointsAreNotOnThePublicPort() {
		EdgeIdentity alice = ServiceHttpTest.newUser();
		assertThat(service().get("/actuator/health", alice).status()).isEqualTo(404);
		assertThat(service().get("/actuator/prometheus", alice).status()).isEqualTo(404);
	}

}
