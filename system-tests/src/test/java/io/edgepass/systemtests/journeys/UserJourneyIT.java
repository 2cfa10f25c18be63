package io.edgepass.systemtests.journeys;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.edgepass.systemtests.support.ApiClient;
import io.edgepass.systemtests.support.Json;
import io.edgepass.systemtests.support.Orders;
import io.edgepass.systemtests.support.Person;
import io.edgepass.systemtests.support.Person.Login;
import io.edgepass.systemtests.support.Reply;
import io.edgepass.systemtests.support.Revocations;
import io.edgepass.systemtests.support.Sessions;
import io.edgepass.systemtests.support.SharedSuite;
import io.edgepass.systemtests.support.SystemSuite;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole life of a user through the gateway, as CONTRACT.md describes it: register,
 * log in, orders, profile, sessions, refresh, log out.
 */
@SharedSuite
class UserJourneyIT {

	private final SystemSuite edgepass;

	UserJourneyIT(SystemSuite edgepass) {
		this.edgepass = edgepass;
	}

	@Test
	void aUserOrdersEditsTheirProfileRefreshesAndLogsOutAfterWhichEveryTokenOfTheSessionIsRejected() {
		Person alice = this.edgepass.register();
		ApiClient api = alice.client();
		Login login = alice.login("system-test/1 journey");
		String token = login.accessToken();
		assertThat(login.reply().field("scope").split(" ")).as(login.reply().toString())
			.contains("orders:read", "orders:write", "profile:read", "profile:write")
			.doesNotContain("admin");

		String key = "journey-" + UUID.randomUUID();
		String order = Orders.oneLine("BOOK-1", 2, "9.99");
		Reply created = api.post("/orders", token, order, "Idempotency-Key", key).expect(201);
		String orderId = created.field("id");
		assertThat(created.field("ownerId")).as(created.toString()).isEqualTo(alice.id());
		assertThat(created.field("total")).as(created.toString()).isEqualTo("19.98");
		assertThat(created.field("status")).as(created.toString()).isEqualTo("PLACED");
		assertThat(created.header("Location")).as(created.toString())
			.hasValueSatisfying((location) -> assertThat(location).endsWith("/orders/" + orderId));
		Reply replayed = api.post("/orders", token, order, "Idempotency-Key", key).expect(201);
		assertThat(replayed.field("id")).as("the replay returns the original order: " + replayed).isEqualTo(orderId);
		String second = api.post("/orders", token, Orders.oneLine("PEN-2", 1, "1.50")).expect(201).field("id");
		String third = api.post("/orders", token, Orders.oneLine("PEN-2", 1, "1.50")).expect(201).field("id");
		assertThat(List.of(orderId, second, third)).as("orders without a key are each new").doesNotHaveDuplicates();

		Reply firstPage = api.get("/orders?page=0&size=2", token).expect(200);
		assertThat(Orders.ids(firstPage)).as("newest first: " + firstPage).containsExactly(third, second);
		JsonNode page = Orders.pageInfo(firstPage);
		assertThat(page.path("totalElements").asLong()).as(firstPage.toString()).isEqualTo(3);
		assertThat(page.path("totalPages").asLong()).as(firstPage.toString()).isEqualTo(2);
		Reply secondPage = api.get("/orders?page=1&size=2", token).expect(200);
		assertThat(Orders.ids(secondPage)).as(secondPage.toString()).containsExactly(orderId);

		Reply fetched = api.get("/orders/" + orderId, token).expect(200);
		assertThat(fetched.field("total")).as(fetched.toString()).isEqualTo("19.98");
		Reply cancelled = api.post("/orders/" + orderId + "/cancel", token, null).expect(200);
		assertThat(cancelled.field("status")).as(cancelled.toString()).isEqualTo("CANCELLED");
		api.post("/orders/" + orderId + "/cancel", token, null).expectProblem(409);

		Reply profile = api.get("/profiles/me", token).expect(200);
		assertThat(profile.field("userId")).as(profile.toString()).isEqualTo(alice.id());
		assertThat(profile.field("username")).as(profile.toString()).isEqualTo(alice.username());
		String etag = profile.header("ETag").orElseThrow(() -> new AssertionError("No ETag: " + profile));
		String edit = Json.write(Map.of("displayName", "Alice", "email", "alice@example.com", "bio", "Writes tests"));
		Reply updated = api.put("/profiles/me", token, edit, "If-Match", etag).expect(200);
		assertThat(updated.header("ETag")).as(updated.toString()).isPresent().isNotEqualTo(profile.header("ETag"));
		assertThat(updated.field("displayName")).as(updated.toString()).isEqualTo("Alice");
		api.put("/profiles/me", token, edit, "If-Match", etag).expectProblem(412);

		Reply sessions = api.get("/auth/sessions", token).expect(200);
		assertThat(Sessions.of(sessions)).as(sessions.toString())
			.singleElement()
			.satisfies((session) -> assertThat(session.path("current").asBoolean()).isTrue());

		Login refreshed = Login.of(api.post("/auth/refresh", null, login.refreshBody()).expect(200));
		assertThat(refreshed.refreshToken()).isNotEqualTo(login.refreshToken());
		api.get("/orders?size=1", refreshed.accessToken()).expect(200);

		api.post("/auth/logout", refreshed.accessToken(), refreshed.refreshBody()).expect(204);
		Revocations.awaitRejected(api, refreshed.accessToken(), "after logout");
		Revocations.awaitRejected(api, token, "after logout, the session's first access token");
		api.post("/auth/refresh", null, refreshed.refreshBody()).expectUnauthorized();
	}

}
