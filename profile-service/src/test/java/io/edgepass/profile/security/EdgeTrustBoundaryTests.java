package io.edgepass.profile.security;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.edgepass.profile.ProfileServiceTest;
import io.edgepass.testsupport.TrustBoundaryContract;
import io.edgepass.trust.EdgeHeaders;
import io.edgepass.trust.EdgeIdentity;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Contract: Gateway → downstream; THREATS B-17, B-21 (direct calls with forged identity),
 * scopes checked again behind the gateway.
 */
class EdgeTrustBoundaryTests extends ProfileServiceTest implements TrustBoundaryContract {

	private static final EdgeIdentity alice = newUser();

	@Override
	public String protectedResource(EdgeIdentity caller) {
		return "/profiles/" + caller.userId();
	}

	@Test
	void theCallerIsTheAssertionsSubjectWhateverTheUserHeadersSay() {
		EdgeIdentity bob = newUser();

		Response me = send(request("/profiles/me", alice).header(EdgeHeaders.USER_ID, bob.userId().toString())
			.header(EdgeHeaders.USER_NAME, "bob")
			.header(EdgeHeaders.USER_ROLES, "ADMIN")
			.GET());

		assertThat((String) me.json("$.userId")).isEqualTo(alice.userId().toString());
		assertProblem(send(request("/profiles/" + bob.userId(), alice).header(EdgeHeaders.USER_ROLES, "ADMIN").GET()),
				403);
	}

	@Test
	void readingNeedsTheProfileReadScope() {
		EdgeIdentity writeOnly = new EdgeIdentity(UUID.randomUUID(), "w", List.of("USER"), List.of("profile:write"),
				"s", "t");

		Response forbidden = get("/profiles/me", writeOnly);

		assertProblem(forbidden, 403);
		assertThat(forbidden.header("WWW-Authenticate")).contains("insufficient_scope");
		assertThat(putJson("/profiles/me", writeOnly, profile("W", null, null)).status()).isEqualTo(200);
	}

	@Test
	void writingNeedsTheProfileWriteScope() {
		EdgeIdentity readOnly = new EdgeIdentity(UUID.randomUUID(), "r", List.of("USER"),
				List.of("profile:read", "orders:write"), "s", "t");

		assertProblem(putJson("/profiles/me", readOnly, profile("R", null, null)), 403);
		assertThat(get("/profiles/me", readOnly).status()).isEqualTo(200);
	}

	@Test
	void noSessionIsEverCreated() {
		assertThat(get("/profiles/me", alice).headers().allValues("Set-Cookie")).isEmpty();
	}

	@Test
	void theOpenApiDescriptionNeedsNoAssertionAndDescribesTheContract() {
		Response docs = send(request("/v3/api-docs").GET());

		assertThat(docs.status()).isEqualTo(200);
		assertThat((String) docs.json("$.info.title")).isEqualTo("Edgepass profiles");
		assertThat((Map<String, Object>) docs.json("$.paths")).containsKeys("/profiles/me", "/profiles/{userId}");
	}

}
