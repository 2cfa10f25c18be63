package io.edgepass.orders.order;

import java.util.List;

import io.edgepass.orders.OrdersServiceTest;
import io.edgepass.trust.EdgeIdentity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Contract: Orders, {@code GET /orders}, {@code GET /orders?all=true}, {@code GET
 * /orders/{id}}.
 */
class OrderQueryTests extends OrdersServiceTest {

	private final EdgeIdentity alice = newUser();

	private final EdgeIdentity bob = newUser();

	@Test
	void aUserListsOnlyTheirOwnOrdersNewestFirst() {
		String first = place(this.alice, "A");
		String second = place(this.alice, "B");
		String third = place(this.alice, "C");
		place(this.bob, "D");

		Response page = get("/orders", this.alice);

		assertThat(page.status()).isEqualTo(200);
		assertThat((List<String>) page.json("$.content[*].id")).containsExactly(third, second, first);
		assertThat((List<String>) page.json("$.content[*].ownerId")).containsOnly(this.alice.userId().toString());
		assertThat((Integer) page.json("$.page.number")).isEqualTo(0);
		assertThat((Integer) page.json("$.page.size")).isEqualTo(20);
		assertThat((Integer) page.json("$.page.totalElements")).isEqualTo(3);
		assertThat((Integer) page.json("$.page.totalPages")).isEqualTo(1);
	}

	@Test
	void ordersArePagedBySizeAndNumber() {
		String first = place(this.alice, "A");
		String second = place(this.alice, "B");
		String third = place(this.alice, "C");

		Response firstPage = get("/orders?page=0&size=2", this.alice);
		Response lastPage = get("/orders?page=1&size=2", this.alice);
		Response beyond = get("/orders?page=5&size=2", this.alice);

		assertThat((List<String>) firstPage.json("$.content[*].id")).containsExactly(third, second);
		assertThat((List<String>) lastPage.json("$.content[*].id")).containsExactly(first);
		assertThat((Integer) lastPage.json("$.page.number")).isEqualTo(1);
		assertThat((Integer) lastPage.json("$.page.size")).isEqualTo(2);
		assertThat((Integer) lastPage.json("$.page.totalElements")).isEqualTo(3);
		assertThat((Integer) lastPage.json("$.page.totalPages")).isEqualTo(2);
		assertThat(beyond.status()).isEqualTo(200);
		assertThat((List<String>) beyond.json("$.content")).isEmpty();
	}

	@Test
	void aUserWithoutOrdersGetsAnEmptyPage() {
		Response page = get("/orders?size=1", newUser());

		assertThat(page.status()).isEqualTo(200);
		assertThat((List<String>) page.json("$.content")).isEmpty();
		assertThat((Integer) page.json("$.page.totalElements")).isEqualTo(0);
		assertThat((Integer) page.json("$.page.totalPages")).isEqualTo(0);
	}

	@ParameterizedTest
	@ValueSource(strings = { "size=1", "size=100", "page=20000000&size=100" })
	void pageSizesFromOneToAHundredAreAccepted(String query) {
		assertThat(get("/orders?" + query, this.alice).status()).isEqualTo(200);
	}

	@ParameterizedTest
	@ValueSource(strings = { "page=-1", "size=0", "size=101", "page=abc", "size=1.5", "page=99999999999",
			"page=20000001", "all=maybe" })
	void badPageParametersAreRejectedWith400(String query) {
		Response rejected = get("/orders?" + query, this.alice);

		assertProblem(rejected, 400);
	}

	@Test
	void listingEveryonesOrdersIsForbiddenToAUser() {
		Response forbidden = get("/orders?all=true", this.alice);

		assertProblem(forbidden, 403);
	}

	@Test
	void anAdminListsEveryonesOrders() {
		String alices = place(this.alice, "A");
		String bobs = place(this.bob, "B");

		Response page = get("/orders?all=true&size=100", newAdmin());

		assertThat(page.status()).isEqualTo(200);
		assertThat((List<String>) page.json("$.content[*].id")).contains(alices, bobs);
		assertThat((List<String>) page.json("$.content[*].id")).startsWith(bobs, alices);
	}

	@Test
	void anAdminWithoutAllSeesOnlyTheirOwnOrders() {
		place(this.alice, "A");
		EdgeIdentity admin = newAdmin();
		String own = place(admin, "B");

		assertThat((List<String>) get("/orders", admin).json("$.content[*].id")).containsExactly(own);
	}

	@Test
	void aUserGetsTheirOwnOrderById() {
		String id = place(this.alice, "A");

		Response order = get("/orders/" + id, this.alice);

		assertThat(order.status()).isEqualTo(200);
		assertThat((String) order.json("$.id")).isEqualTo(id);
	}

	@Test
	void anotherUsersOrderIsNotFound() {
		String id = place(this.alice, "A");

		assertProblem(get("/orders/" + id, this.bob), 404);
	}

	@Test
	void anAdminGetsAnyOrderById() {
		String id = place(this.alice, "A");

		Response order = get("/orders/" + id, newAdmin());

		assertThat(order.status()).isEqualTo(200);
		assertThat((String) order.json("$.ownerId")).isEqualTo(this.alice.userId().toString());
	}

	@Test
	void anUnknownOrderIsNotFound() {
		assertProblem(get("/orders/" + java.util.UUID.randomUUID(), this.alice), 404);
	}

	@ParameterizedTest
	@ValueSource(strings = { "not-a-uuid", "1", "%27%20OR%201=1--", "00000000-0000-0000-0000-00000000000Z" })
	void aMalformedOrderIdIsRejectedWith400(String id) {
		Response rejected = get("/orders/" + id, this.alice);

		assertProblem(rejected, 400);
		assertThat(rejected.body()).doesNotContain("Exception", "java.util.UUID");
	}

	private String place(EdgeIdentity owner, String sku) {
		Response placed = postJson("/orders", owner, order("EUR", sku + ":1:1.00"));
		assertThat(placed.status()).isEqualTo(201);
		return placed.json("$.id");
	}

}
