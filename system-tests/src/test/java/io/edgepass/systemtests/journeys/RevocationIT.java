package io.edgepass.systemtests.journeys;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.edgepass.systemtests.support.ApiClient;
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
 * Every way a token is revoked, seen from outside: the gateway rejects the affected
 * access tokens within 2 s and nothing else (THREATS A14, D35, D36).
 */
@SharedSuite
class RevocationIT {

	private final SystemSuite edgepass;

	RevocationIT(SystemSuite edgepass) {
		this.edgepass = edgepass;
	}

	@Test
	void replayingASpentRefreshTokenRevokesItsWholeFamilyButNotTheUsersOtherSessions() {
		Person bob = this.edgepass.register();
		ApiClient api = bob.client();
		Login otherDevice = bob.login();
		Login first = bob.login();
		Login second = Login.of(api.post("/auth/refresh", null, first.refreshBody()).expect(200));

		api.post("/auth/refresh", null, first.refreshBody()).expectUnauthorized();

		api.post("/auth/refresh", null, second.refreshBody()).expectUnauthorized();
		Revocations.awaitRejected(api, second.accessToken(), "the newer access token of a replayed family");
		Revocations.awaitRejected(api, first.accessToken(), "the first access token of a replayed family");
		api.get("/orders?size=1", otherDevice.accessToken()).expect(200);
		api.post("/auth/refresh", null, otherDevice.refreshBody()).expect(200);
	}

	@Test
	void aReplayInTheSameSecondIsCaughtAndOfTwoConcurrentUsesOfOneRefreshTokenExactlyOneSucceeds() {
		Person carol = this.edgepass.register();
		ApiClient api = carol.client();
		Login login = carol.login();
		List<Reply> answers = List
			.of(CompletableFuture.supplyAsync(() -> api.post("/auth/refresh", null, login.refreshBody())),
					CompletableFuture.supplyAsync(() -> api.post("/auth/refresh", null, login.refreshBody())))
			.stream()
			.map(CompletableFuture::join)
			.toList();
		assertThat(answers).as("two concurrent refreshes with one token: %s", answers)
			.filteredOn((reply) -> reply.status() == 200)
			.hasSize(1);
		assertThat(answers).as("the other is refused: %s", answers)
			.filteredOn((reply) -> reply.status() == 401)
			.hasSize(1);

		Login again = carol.login();
		Login rotated = Login.of(api.post("/auth/refresh", null, again.refreshBody()).expect(200));
		api.post("/auth/refresh", null, again.refreshBody()).expectUnauthorized();
		Revocations.awaitRejected(api, rotated.accessToken(), "a replay right after the rotation");
	}

	@Test
	void logoutEverywhereRevokesEverySessionOfTheUser() {
		Person dave = this.edgepass.register();
		ApiClient api = dave.client();
		Login phone = dave.login("phone");
		Login laptop = dave.login("laptop");

		api.post("/auth/logout-all", laptop.accessToken(), null).expect(204);

		Revocations.awaitRejected(api, phone.accessToken(), "the phone after logout-all");
		Revocations.awaitRejected(api, laptop.accessToken(), "the laptop after logout-all");
		api.post("/auth/refresh", null, phone.refreshBody()).expectUnauthorized();
		api.post("/auth/refresh", null, laptop.refreshBody()).expectUnauthorized();
		dave.login();
	}

	@Test
	void deletingAnotherSessionRevokesOnlyThatSession() {
		Person erin = this.edgepass.register();
		ApiClient api = erin.client();
		Login kept = erin.login("kept");
		Login dropped = erin.login("dropped");
		Reply listed = api.get("/auth/sessions", kept.accessToken()).expect(200);
		List<JsonNode> sessions = Sessions.of(listed);
		assertThat(sessions).as(listed.toString()).hasSize(2);
		String droppedId = sessions.stream()
			.filter((session) -> !session.path("current").asBoolean())
			.map((session) -> session.path("id").asString())
			.findFirst()
			.orElseThrow(() -> new AssertionError("No other session listed: " + listed));

		api.delete("/auth/sessions/" + droppedId, kept.accessToken()).expect(204);

		Revocations.awaitRejected(api, dropped.accessToken(), "the deleted session");
		api.get("/orders?size=1", kept.accessToken()).expect(200);
		api.delete("/auth/sessions/00000000-0000-4000-8000-000000000000", kept.accessToken()).expectProblem(404);
	}

	@Test
	void anAdminDisablingAUserRevokesTheirLiveTokensAndBlocksLoginAndRefresh() {
		Person frank = this.edgepass.register();
		ApiClient api = frank.client();
		Login login = frank.login();
		api.get("/orders?size=1", login.accessToken()).expect(200);
		api.post("/auth/admin/users/" + frank.id() + "/disable", login.accessToken(), null).expectProblem(403);
		Person admin = this.edgepass.admin();

		admin.client()
			.post("/auth/admin/users/" + frank.id() + "/disable", admin.login().accessToken(), null)
			.expect(204);

		Revocations.awaitRejected(api, login.accessToken(), "a disabled user's token");
		api.post("/auth/refresh", null, login.refreshBody()).expectUnauthorized();
		api.post("/auth/login", null, frank.credentials()).expectUnauthorized();
	}

}
