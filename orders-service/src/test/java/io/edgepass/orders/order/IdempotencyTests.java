package io.edgepass.orders.order;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import io.edgepass.orders.OrdersServiceTest;
import io.edgepass.testsupport.AtOnce;
import io.edgepass.trust.EdgeIdentity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Contract: Orders, {@code Idempotency-Key} (replay, 422, 409, 24 h); THREATS E-39/E-43
 * service side (a retried {@code POST /orders} never creates a second order).
 */
class IdempotencyTests extends OrdersServiceTest {

	private final EdgeIdentity alice = newUser();

	private final String key = UUID.randomUUID().toString();

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	DataSource dataSource;

	@Autowired
	IdempotencyKeys idempotencyKeys;

	@Test
	void theSameKeyWithTheSameBodyReplaysTheOriginalResponseAndCreatesNothing() {
		Response first = placeWithKey(this.alice, this.key, order("EUR", "A:2:9.99"));
		Response second = placeWithKey(this.alice, this.key, order("EUR", "A:2:9.99"));

		assertThat(first.status()).isEqualTo(201);
		assertThat(second.status()).isEqualTo(201);
		assertThat(second.header("Location")).isEqualTo(first.header("Location"));
		assertThat(second.body()).isEqualTo(first.body());
		assertThat(second.header("Idempotent-Replayed")).isEqualTo("true");
		assertThat(first.header("Idempotent-Replayed")).isNull();
		assertThat(ordersOf(this.alice)).isEqualTo(1);
	}

	@Test
	void theSameOrderWrittenDifferentlyIsTheSameRequest() {
		Response first = placeWithKey(this.alice, this.key, order("EUR", "A:2:9.9"));
		Response second = placeWithKey(this.alice, this.key,
				"{ \"currency\" : \"EUR\", \"items\" : [ { \"unitPrice\" : \"9.90\", \"quantity\" : 2, \"sku\" : \"A\" } ] }");

		assertThat(second.status()).isEqualTo(201);
		assertThat((String) second.json("$.id")).isEqualTo(first.json("$.id"));
		assertThat(ordersOf(this.alice)).isEqualTo(1);
	}

	@Test
	void theSameKeyWithADifferentBodyIsUnprocessable() {
		placeWithKey(this.alice, this.key, order("EUR", "A:1:1"));

		Response reused = placeWithKey(this.alice, this.key, order("EUR", "A:2:1"));

		assertProblem(reused, 422);
		assertThat((String) reused.json("$.type")).isEqualTo("https://edgepass.dev/problems/unprocessable");
		assertThat(ordersOf(this.alice)).isEqualTo(1);
	}

	@Test
	void keysBelongToTheirUser() {
		EdgeIdentity bob = newUser();
		Response alices = placeWithKey(this.alice, this.key, order("EUR", "A:1:1"));

		Response bobs = placeWithKey(bob, this.key, order("EUR", "A:1:1"));

		assertThat(bobs.status()).isEqualTo(201);
		assertThat((String) bobs.json("$.id")).isNotEqualTo(alices.json("$.id"));
		assertThat((String) bobs.json("$.ownerId")).isEqualTo(bob.userId().toString());
	}

	@Test
	void anInvalidOrderDoesNotSpendTheKey() {
		assertProblem(placeWithKey(this.alice, this.key, order("EUR", "a:1:1")), 400);

		assertThat(placeWithKey(this.alice, this.key, order("EUR", "A:1:1")).status()).isEqualTo(201);
	}

	@Test
	void withoutAKeyEveryRequestCreatesAnOrder() {
		postJson("/orders", this.alice, order("EUR", "A:1:1"));
		postJson("/orders", this.alice, order("EUR", "A:1:1"));

		assertThat(ordersOf(this.alice)).isEqualTo(2);
	}

	@ParameterizedTest
	@ValueSource(ints = { 1, 255 })
	void keysOfOneTo255PrintableCharactersAreAccepted(int length) {
		assertThat(placeWithKey(this.alice, "k".repeat(length), order("EUR", "A:1:1")).status()).isEqualTo(201);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "key with spaces", "tab\tkey" })
	void keysThatAreEmptyOrNotPrintableAsciiAreRejected(String key) {
		assertInvalid(placeWithKey(this.alice, key, order("EUR", "A:1:1")), "idempotencyKey");
	}

	@Test
	void keysLongerThan255CharactersAreRejected() {
		assertInvalid(placeWithKey(this.alice, "k".repeat(256), order("EUR", "A:1:1")), "idempotencyKey");
	}

	@Test
	void concurrentRequestsWithTheSameKeyCreateExactlyOneOrder() throws Exception {
		List<Response> responses = AtOnce.call(16, () -> placeWithKey(this.alice, this.key, order("EUR", "A:3:1.50")));

		List<String> ids = new ArrayList<>();
		for (Response response : responses) {
			assertThat(response.status()).as(response.body()).isIn(201, 409);
			if (response.status() == 201) {
				ids.add(response.json("$.id"));
			}
		}
		assertThat(ids).isNotEmpty();
		assertThat(ids).containsOnly(ids.get(0));
		assertThat(ordersOf(this.alice)).isEqualTo(1);
	}

	@Test
	void aRequestWhoseKeyIsStillInFlightGetsAConflictAfterABoundedWait() throws Exception {
		try (Connection other = this.dataSource.getConnection()) {
			other.setAutoCommit(false);
			try (PreparedStatement insert = other.prepareStatement(
					"INSERT INTO idempotency_keys (owner_id, idempotency_key, request_hash, order_id, created_at) "
							+ "VALUES (?, ?, 'in-flight', ?, now())")) {
				insert.setObject(1, this.alice.userId());
				insert.setString(2, this.key);
				insert.setObject(3, UUID.randomUUID());
				insert.executeUpdate();
			}
			long started = System.nanoTime();
			Response conflict = placeWithKey(this.alice, this.key, order("EUR", "A:1:1"));

			assertProblem(conflict, 409);
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
			other.rollback();
		}
		assertThat(placeWithKey(this.alice, this.key, order("EUR", "A:1:1")).status()).isEqualTo(201);
	}

	@Test
	void keysAreKeptForADayAndThenDeleted() {
		EdgeIdentity bob = newUser();
		String kept = placeWithKey(this.alice, this.key, order("EUR", "A:1:1")).json("$.id");
		placeWithKey(bob, this.key, order("EUR", "A:1:1"));
		this.jdbc.update("UPDATE idempotency_keys SET created_at = ? WHERE owner_id = ?",
				Timestamp.from(Instant.now().minus(Duration.ofHours(23))), this.alice.userId());
		this.jdbc.update("UPDATE idempotency_keys SET created_at = ? WHERE owner_id = ?",
				Timestamp.from(Instant.now().minus(Duration.ofHours(26))), bob.userId());

		assertThat(this.idempotencyKeys.deleteExpired()).isGreaterThanOrEqualTo(1);

		assertThat((String) placeWithKey(this.alice, this.key, order("EUR", "A:1:1")).json("$.id")).isEqualTo(kept);
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM idempotency_keys WHERE owner_id = ?", Long.class,
				bob.userId()))
			.isZero();
	}

	private Response placeWithKey(EdgeIdentity owner, String key, String body) {
		return postJson("/orders", owner, body, "Idempotency-Key", key);
	}

	private long ordersOf(EdgeIdentity owner) {
		return this.jdbc.queryForObject("SELECT count(*) FROM orders WHERE owner_id = ?", Long.class, owner.userId());
	}

}
