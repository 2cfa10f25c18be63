package io.edgepass.systemtests.attacks;

import io.edgepass.systemtests.support.ApiClient;
import io.edgepass.systemtests.support.Orders;
import io.edgepass.systemtests.support.Person;
import io.edgepass.systemtests.support.Reply;
import io.edgepass.systemtests.support.Sessions;
import io.edgepass.systemtests.support.SharedSuite;
import io.edgepass.systemtests.support.SystemSuite;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One user reaching for another's orders, profile and sessions by id: the contract's
 * 404/403, and nothing changes; an admin sees all.
 */
@SharedSuite
class OwnershipIT {

	private final SystemSuite edgepass;

	OwnershipIT(SystemSuite edgepass) {
		this.edgepass = edgepass;
	}

	@Test
	void aUserCanNeitherReadNorCancelAnotherUsersOrderButAnAdminCanReadIt() {
		Person owner = this.edgepass.register();
		String ownerToken = owner.login().accessToken();
		String orderId = owner.client()
			.post("/orders", ownerToken, Orders.oneLine("MINE-1", 1, "1.00"))
			.expect(201)
			.field("id");
		Person other = this.edgepass.register();
		ApiClient api = other.client();
		String otherToken = other.login().accessToken();

		api.get("/orders/" + orderId, otherToken).expectProblem(404);
		api.post("/orders/" + orderId + "/cancel", otherToken, null).expectProblem(404);
		assertThat(Orders.ids(api.get("/orders?size=100", otherToken).expect(200))).doesNotContain(orderId);
		api.get("/orders?all=true", otherToken).expectProblem(403);

		Reply stillPlaced = owner.client().get("/orders/" + orderId, ownerToken).expect(200);
		assertThat(stillPlaced.field("status")).as(stillPlaced.toString()).isEqualTo("PLACED");
		Person admin = this.edgepass.admin();
		String adminToken = admin.login().accessToken();
		Reply asAdmin = admin.client().get("/orders/" + orderId, adminToken).expect(200);
		assertThat(asAdmin.field("ownerId")).as(asAdmin.toString()).isEqualTo(owner.id());
		admin.client().get("/orders?all=true&size=5", adminToken).expect(200);
	}

	@Test
	void aUserCannotReadAnotherUsersProfileButAnAdminCan() {
		Person owner = this.edgepass.register();
		owner.client().get("/profiles/me", owner.login().accessToken()).expect(200);
		Person other = this.edgepass.register();

		other.client().get("/profiles/" + owner.id(), other.login().accessToken()).expectProblem(403);

		Person admin = this.edgepass.admin();
		Reply asAdmin = admin.client().get("/profiles/" + owner.id(), admin.login().accessToken()).expect(200);
		assertThat(asAdmin.field("username")).as(asAdmin.toString()).isEqualTo(owner.username());
	}

	@Test
	void aUserCannotDeleteAnotherUsersSession() {
		Person owner = this.edgepass.register();
		String ownerToken = owner.login().accessToken();
		Reply listed = owner.client().get("/auth/sessions", ownerToken).expect(200);
		String sessionId = Sessions.of(listed).get(0).path("id").asString();
		Person other = this.edgepass.register();

		other.client().delete("/auth/sessions/" + sessionId, other.login().accessToken()).expectProblem(404);

		owner.client().get("/orders?size=1", ownerToken).expect(200);
		assertThat(Sessions.of(owner.client().get("/auth/sessions", ownerToken).expect(200))).hasSize(1);
	}

}
