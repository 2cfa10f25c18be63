package io.edgepass.systemtests.faults;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import io.edgepass.launcher.Service;
import io.edgepass.systemtests.support.Backoff;
import io.edgepass.systemtests.support.FaultSuite;
import io.edgepass.systemtests.support.Orders;
import io.edgepass.systemtests.support.Person;
import io.edgepass.systemtests.support.Reply;
import io.edgepass.systemtests.support.SystemSuite;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * SIGTERM to orders-service in the middle of a create load whose clients retry with
 * Idempotency-Keys (THREATS E39, E43): every acknowledged order exists exactly once.
 */
@FaultSuite
class RollingRestartIT {

	private static final int CLIENTS = 8;

	private static final Duration GIVE_UP = Duration.ofSeconds(150);

	private final SystemSuite edgepass;

	RollingRestartIT(SystemSuite edgepass) {
		this.edgepass = edgepass;
	}

	@AfterEach
	void restore() {
		this.edgepass.restore();
	}

	@Test
	void aGracefulRestartDuringCreatesWithRetriedIdempotencyKeysLeavesEveryAcknowledgedOrderExactlyOnce()
			throws Exception {
		List<Person> people = IntStream.range(0, CLIENTS).mapToObj((i) -> this.edgepass.register()).toList();
		Map<String, String> tokens = new ConcurrentHashMap<>();
		people.forEach((person) -> tokens.put(person.id(), person.login().accessToken()));
		Map<String, Set<String>> acknowledged = new ConcurrentHashMap<>();
		Queue<Reply> unexpected = new ConcurrentLinkedQueue<>();
		AtomicInteger acks = new AtomicInteger();
		AtomicBoolean stop = new AtomicBoolean();
		AtomicBoolean abort = new AtomicBoolean();
		Instant giveUp = Instant.now().plus(GIVE_UP);
		try (ExecutorService clients = Executors.newFixedThreadPool(CLIENTS)) {
			List<Future<?>> running = people.stream().<Future<?>>map((person) -> clients.submit(() -> {
				Set<String> mine = acknowledged.computeIfAbsent(person.id(), (id) -> ConcurrentHashMap.newKeySet());
				while (!stop.get()) {
					String key = UUID.randomUUID().toString();
					String body = Orders.oneLine("RESTART-1", 1, "5.00");
					// Retry this key until it is acknowledged, as a careful client would.
					while (Instant.now().isBefore(giveUp) && !abort.get()) {
						Reply reply = person.client()
							.post("/orders", tokens.get(person.id()), body, "Idempotency-Key", key);
						if (reply.status() == 201 || reply.status() == 200) {
							mine.add(reply.field("id"));
							acks.incrementAndGet();
							break;
						}
						if (reply.status() != 0 && reply.status() != 409 && reply.status() != 429
								&& reply.status() != 503 && reply.status() != 504) {
							unexpected.add(reply);
						}
						Backoff.pause(Duration.ofMillis(200));
					}
				}
			})).toList();

			boolean completed = false;
			try {
				await("orders are being created").atMost(Duration.ofSeconds(30)).until(() -> acks.get() >= 20);
				this.edgepass.suite().restart(Service.ORDERS);
				this.edgepass.awaitReady();
				int atRestart = acks.get();
				await("orders are created again after the restart").atMost(Duration.ofSeconds(60))
					.until(() -> acks.get() >= atRestart + 20);
				stop.set(true);
				for (Future<?> client : running) {
					client.get();
				}
				completed = true;
			}
			finally {
				stop.set(true);
				abort.set(!completed);
			}
		}

		assertThat(unexpected).as("answers a retrying client should never get: %s", unexpected).isEmpty();
		try (Connection orders = this.edgepass.database(Service.ORDERS)) {
			for (Person person : people) {
				Set<String> stored = new HashSet<>();
				int rows = 0;
				try (PreparedStatement query = orders.prepareStatement("SELECT id FROM orders WHERE owner_id = ?")) {
					query.setObject(1, UUID.fromString(person.id()));
					try (ResultSet result = query.executeQuery()) {
						while (result.next()) {
							stored.add(result.getString(1));
							rows++;
						}
					}
				}
				assertThat(rows).as("no order stored twice for %s", person.username()).isEqualTo(stored.size());
				assertThat(stored).as("the orders stored for %s are exactly those acknowledged", person.username())
					.isEqualTo(acknowledged.get(person.id()));
			}
		}
	}

}
