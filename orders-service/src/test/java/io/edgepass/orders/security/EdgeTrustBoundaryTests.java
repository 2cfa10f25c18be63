package io.edgepass.orders.security;

import java.util.List;
import java.util.UUID;

import io.edgepass.orders.OrdersServiceTest;
import io.edgepass.testsupport.TrustBoundaryContract;
import io.edgepass.trust.EdgeHeaders;
import io.edgepass.trust.EdgeIdentity;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Contract: Gateway → downstream; THREATS B-17, B-19, B-21 (direct calls with forged
 * identity), scopes checked again behind the gateway.
 */
class EdgeTrustBoundaryTests extends OrdersServiceTest implements TrustBoundaryContract {

	private static final EdgeIdentity alice = newUser();

	private static final String ORDER = order("EUR", "A:1:1");

	@Override
	public String protectedResource(EdgeIdentity caller) {
		return "/orders";
	}

	@Test
	void aPostWithoutAnAssertionGets401AndCreatesNothing() {
		EdgeIdentity bob = newUser();
		Response rejected = send(request("/orders").header("Content-Type", "application/json")
			.header(EdgeHeaders.USER_ID, bob.userId().toString())
			.POST(java.net.http.HttpRequest.BodyPublishers.ofString(ORDER)));

		assertUnauthorized(rejected, "Bearer");
		assertThat((Integer) get("/orders", bob).json("$.page.totalElements")).isZero();
	}

	@Test
	void theCallerIsTheAssertionsSubjectWhateverTheUserHeadersSay() {
		EdgeIdentity bob = newUser();

		Response placed = postJson("/orders", alice, ORDER, EdgeHeaders.USER_ID, bob.userId().toString(), "x-user-id",
				bob.userId().toString(), EdgeHeaders.USER_ROLES, "ADMIN");

		assertThat(placed.status()).isEqualTo(201);
		assertThat((String) placed.json("$.ownerId")).isEqualTo(alice.userId().toString());
		assertProblem(send(request("/orders?all=true", alice).header(EdgeHeaders.USER_ROLES, "ADMIN").GET()), 403);
	}

	@Test
	void readingNeedsTheOrdersReadScope() {
		EdgeIdentity writeOnly = new EdgeIdentity(UUID.randomUUID(), "w", List.of("USER"), List.of("orders:write"), "s",
				"t");

		Response forbidden = get("/orders", writeOnly);

		assertProblem(forbidden, 403);
		assertThat(forbidden.header("WWW-Authenticate")).contains("insufficient_scope");
		assertThat(postJson("/orders", writeOnly, ORDER).status()).isEqualTo(201);
	}

	@Test
	void writingNeedsTheOrdersWriteScope() {
		EdgeIdentity readOnly = new EdgeIdentity(UUID.randomUUID(), "r", List.of("USER", "ADMIN"),
				List.of("orders:read", "profile:write"), "s", "t");

		assertProblem(postJson("/orders", readOnly, ORDER), 403);
		assertProblem(post("/orders/" + UUID.randomUUID() + "/cancel", readOnly), 403);
		assertThat(get("/orders", readOnly).status()).isEqualTo(200);
		assertThat(send(request("/orders", readOnly).method("HEAD", java.net.http.HttpRequest.BodyPublishers.noBody()))
			.status()).isEqualTo(200);
	}

	@Test
	void noSessionIsEverCreated() {
		Response placed = postJson("/orders", alice, ORDER);

		assertThat(placed.headers().allValues("Set-Cookie")).isEmpty();
	}

	@Test
	void theOpenApiDescriptionNeedsNoAssertionAndDescribesTheContract() {
		Response docs = send(request("/v3/api-docs").GET());

		assertThat(docs.status()).isEqualTo(200);
		assertThat((String) docs.json("$.info.title")).isEqualTo("Edgepass orders");
		assertThat((java.util.Map<String, Object>) docs.json("$.paths")).containsKeys("/orders", "/orders/{id}",
				"/orders/{id}/cancel");
		assertThat((String) docs.json("$.components.schemas.OrderView.properties.total.type")).isEqualTo("string");
	}

}
