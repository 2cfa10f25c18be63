package io.edgepass.testsupport;

import java.util.stream.Stream;

import io.edgepass.testsupport.ServiceHttpTest.Response;
import io.edgepass.trust.EdgeHeaders;
import io.edgepass.trust.EdgeIdentity;
import io.edgepass.trust.Scopes;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import static io.edgepass.testsupport.ServiceHttpTest.assertUnauthorized;
import static io.edgepass.testsupport.ServiceHttpTest.send;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * Contract: Gateway → downstream; THREATS B-17, B-19, B-21 (direct calls with forged
 * identity): a service refuses a request without an assertion whatever its
 * {@code X-User-*} headers say, and every untrustworthy or repeated assertion. Run per
 * service by a {@link ServiceHttpTest} that implements it; its scope rules stay in its
 * own tests.
 */
public interface TrustBoundaryContract {

	/** A path of this service that needs an assertion, read with GET. */
	String protectedResource(EdgeIdentity caller);

	private ServiceHttpTest service() {
		return (ServiceHttpTest) this;
	}

	@Test
	default void forgedUserHeadersWithoutAnAssertionGet401() {
		EdgeIdentity alice = ServiceHttpTest.newUser();
		Response rejected = send(service().request(protectedResource(alice))
			.header(EdgeHeaders.USER_ID, alice.userId().toString())
			.header(EdgeHeaders.USER_NAME, "alice")
			.header(EdgeHeaders.USER_ROLES, "USER,ADMIN")
			.header(EdgeHeaders.USER_SCOPES, String.join(" ", Scopes.ADMINISTRATOR))
			.GET());

		assertUnauthorized(rejected, "Bearer");
	}

	@TestFactory
	default Stream<DynamicTest> anUntrustworthyAssertionGets401WithInvalidToken() {
		EdgeIdentity alice = ServiceHttpTest.newUser();
		return TestEdgeAssertions.untrustworthy(alice, service().audience())
			.stream()
			.map((assertion) -> dynamicTest(assertion.substring(0, Math.min(40, assertion.length())),
					() -> assertUnauthorized(send(service().request(protectedResource(alice))
						.header(EdgeHeaders.ASSERTION, assertion)
						.header(EdgeHeaders.USER_ID, alice.userId().toString())
						.header(EdgeHeaders.USER_ROLES, "ADMIN")
						.GET()), "Bearer error=\"invalid_token\"")));
	}

	@Test
	default void twoAssertionsGet401() {
		EdgeIdentity alice = ServiceHttpTest.newUser();
		String valid = TestEdgeAssertions.mint(alice, service().audience());

		assertUnauthorized(send(service().request(protectedResource(alice))
			.header(EdgeHeaders.ASSERTION, valid)
			.header(EdgeHeaders.ASSERTION, valid)
			.GET()), "Bearer error=\"invalid_token\"");
	}

}
