package io.edgepass.orders.order;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.edgepass.orders.OrdersServiceTest;
import io.edgepass.testsupport.AtOnce;
import io.edgepass.trust.EdgeIdentity;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Contract: Orders, {@code POST /orders/{id}/cancel}, including concurrent cancels. */
class OrderCancellationTests extends OrdersServiceTest {

	private final EdgeIdentity alice = newUser();

	@Test
	void cancellingAPlacedOrderAnswersTheCancelledOrder() {
		Response placed = postJson("/orders", this.alice, order("EUR", "A:2:5.00"));
		String id = placed.json("$.id");

		Response cancelled = post("/orders/" + id + "/cancel", this.alice);

		assertThat(cancelled.status()).isEqualTo(200);
		assertThat((String) cancelled.json("$.id")).isEqualTo(id);
		assertThat((String) cancelled.json("$.status")).isEqualTo("CANCELLED");
		assertThat((String) cancelled.json("$.total")).isEqualTo("10.00");
		assertThat((String) cancelled.json("$.createdAt")).isEqualTo(placed.json("$.createdAt"));
		assertThat(Instant.parse(cancelled.json("$.updatedAt"))).isAfter(Instant.parse(placed.json("$.updatedAt")));
		assertThat((String) get("/orders/" + id, this.alice).json("$.status")).isEqualTo("CANCELLED");
	}

	@Test
	void cancellingACancelledOrderIsAConflict() {
		String id = postJson("/orders", this.alice, order("EUR", "A:1:1")).json("$.id");
		assertThat(post("/orders/" + id + "/cancel", this.alice).status()).isEqualTo(200);

		Response again = post("/orders/" + id + "/cancel", this.alice);

		assertProblem(again, 409);
		assertThat((String) again.json("$.type")).isEqualTo("https://edgepass.dev/problems/conflict");
	}

	@Test
	void cancellingSomeoneElsesOrderIsNotFoundEvenForAnAdmin() {
		String id = postJson("/orders", this.alice, order("EUR", "A:1:1")).json("$.id");

		assertProblem(post("/orders/" + id + "/cancel", newUser()), 404);
		assertProblem(post("/orders/" + id + "/cancel", newAdmin()), 404);
		assertThat((String) get("/orders/" + id, this.alice).json("$.status")).isEqualTo("PLACED");
	}

	@Test
	void cancellingAnUnknownOrMalformedOrderIsRejected() {
		assertProblem(post("/orders/" + UUID.randomUUID() + "/cancel", this.alice), 404);
		assertProblem(post("/orders/nope/cancel", this.alice), 400);
	}

	@Test
	void ofConcurrentCancelsExactlyOneSucceedsAndTheOthersConflict() throws Exception {
		String id = postJson("/orders", this.alice, order("EUR", "A:1:1")).json("$.id");
		List<Response> responses = AtOnce.call(8, () -> post("/orders/" + id + "/cancel", this.alice));

		assertThat(responses).extracting(Response::status).containsOnly(200, 409);
		assertThat(responses).filteredOn((response) -> response.status() == 200).hasSize(1);
		assertThat((String) get("/orders/" + id, this.alice).json("$.status")).isEqualTo("CANCELLED");
	}

}
