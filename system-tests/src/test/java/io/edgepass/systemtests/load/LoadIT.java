package io.edgepass.systemtests.load;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import io.edgepass.launcher.Service;
import io.edgepass.systemtests.support.ApiClient;
import io.edgepass.systemtests.support.Backoff;
import io.edgepass.systemtests.support.Orders;
import io.edgepass.systemtests.support.Person;
import io.edgepass.systemtests.support.Reply;
import io.edgepass.systemtests.support.SharedSuite;
import io.edgepass.systemtests.support.SystemSuite;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Bounded, self-stopping load through the gateway (THREATS F44, F45, F46 in small). Runs
 * after the other tests on the shared suite: a login burst may trip the gateway's circuit
 * breaker for auth-service for a while.
 */
@SharedSuite
@Order(Order.DEFAULT + 1)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LoadIT {

	private static final int CLIENTS = 50;

	private static final Duration CREATING = Duration.ofSeconds(20);

	private static final int LOGIN_BURST = 40;

	private static final Duration MIXING = Duration.ofSeconds(10);

	private static final Duration SLOWEST = Duration.ofSeconds(3);

	private static final long HEAP_GROWTH_ALLOWED = 64L * 1024 * 1024;

	private final SystemSuite edgepass;

	LoadIT(SystemSuite edgepass) {
		this.edgepass = edgepass;
	}

	@Test
	void fiftyClientsCreatingOrdersForTwentySecondsGetNo5xxAndTheDatabaseHoldsExactlyTheAcknowledgedOrders()
			throws Exception {
		long heapBefore = gatewayHeapAfterFullGc();
		Map<String, Set<String>> acknowledged = new ConcurrentHashMap<>();
		Queue<Reply> failures = new ConcurrentLinkedQueue<>();
		AtomicInteger throttled = new AtomicInteger();
		Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
		try (ExecutorService clients = Executors.newFixedThreadPool(CLIENTS)) {
			List<Client> people = accounts(CLIENTS);
			Instant end = Instant.now().plus(CREATING);
			List<Future<?>> running = people.stream().<Future<?>>map((client) -> clients.submit(() -> {
				Person person = client.person();
				String token = client.token();
				Set<String> mine = acknowledged.computeIfAbsent(person.id(), (id) -> ConcurrentHashMap.newKeySet());
				while (Instant.now().isBefore(end)) {
					Reply reply = person.client().post("/orders", token, Orders.oneLine("LOAD-1", 2, "4.50"));
					statuses.computeIfAbsent(reply.status(), (status) -> new AtomicInteger()).incrementAndGet();
					if (reply.status() == 201) {
						mine.add(reply.field("id"));
						continue;
					}
					if (reply.status() == 429) {
						throttled.incrementAndGet();
					}
					else {
						failures.add(reply);
					}
					// A well-behaved client backs off after a refusal.
					Backoff.pause(Duration.ofMillis(200));
				}
				return null;
			})).toList();
			for (Future<?> client : running) {
				client.get();
			}
		}
		assertThat(failures)
			.as("answers other than 201 or 429 (answers by status %s; the first 5: %s)", statuses,
					failures.stream().limit(5).toList())
			.isEmpty();
		int total = acknowledged.values().stream().mapToInt(Set::size).sum();
		assertThat(total)
			.as("orders acknowledged by %d clients in %d s (%d throttled)", CLIENTS, CREATING.toSeconds(),
					throttled.get())
			.isGreaterThan(CLIENTS);
		assertThat(storedOrders(acknowledged.keySet())).as("the orders in the database").isEqualTo(acknowledged);
		long heapAfter = gatewayHeapAfterFullGc();
		assertThat(heapAfter).as("the gateway's live heap after the load (before: %d bytes)", heapBefore)
			.isLessThan(heapBefore + HEAP_GROWTH_ALLOWED);
	}

	@Test
	void validAndForgedSignatureTrafficMixedGetNo5xxAndValidCallsStayServed() throws Exception {
		List<Client> valid = accounts(5);
		Queue<Reply> failures = new ConcurrentLinkedQueue<>();
		AtomicInteger served = new AtomicInteger();
		AtomicInteger refused = new AtomicInteger();
		Instant end = Instant.now().plus(MIXING);
		try (ExecutorService clients = Executors.newFixedThreadPool(2 * valid.size())) {
			List<Future<?>> running = new ArrayList<>();
			for (Client client : valid) {
				String token = client.token();
				String forged = token.substring(0, token.length() - 8)
						+ (token.endsWith("AAAAAAAA") ? "BBBBBBBB" : "AAAAAAAA");
				running.add(clients.submit(() -> {
					while (Instant.now().isBefore(end)) {
						Reply reply = client.person().client().get("/orders?size=5", token);
						if (reply.status() == 200 && reply.took().compareTo(SLOWEST) < 0) {
							served.incrementAndGet();
						}
						else if (reply.status() != 429) {
							failures.add(reply);
						}
					}
				}));
				running.add(clients.submit(() -> {
					while (Instant.now().isBefore(end)) {
						Reply reply = client.person().client().get("/orders?size=5", forged);
						if (reply.status() == 401) {
							refused.incrementAndGet();
						}
						else {
							failures.add(reply);
						}
					}
				}));
			}
			for (Future<?> client : running) {
				client.get();
			}
		}
		assertThat(failures)
			.as("valid calls not served within %s or forged ones not refused (first 5 of %d: %s)", SLOWEST,
					failures.size(), failures.stream().limit(5).toList())
			.isEmpty();
		assertThat(served.get()).as("valid calls served").isPositive();
		assertThat(refused.get()).as("forged calls refused").isPositive();
	}

	@Test
	@Order(Integer.MAX_VALUE)
	void aBurstOfConcurrentLoginsIsQueuedOrShedQuicklyWhileOtherRoutesStayFast() throws Exception {
		Client reader = accounts(1).get(0);
		Person target = this.edgepass.register();
		await("the suite serves orders before the burst").atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(500))
			.untilAsserted(() -> reader.person().client().get("/orders?size=1", reader.token()).expect(200));
		List<Reply> answers = new ArrayList<>();
		try (ExecutorService burst = Executors.newFixedThreadPool(LOGIN_BURST)) {
			List<Future<Reply>> logins = IntStream.range(0, LOGIN_BURST).mapToObj((i) -> burst.submit(() -> {
				try (ApiClient client = this.edgepass.client()) {
					return client.post("/auth/login", null, target.credentials());
				}
			})).toList();
			List<Reply> others = List.of(reader.person().client().get("/orders?size=1", reader.token()),
					reader.person().client().get("/profiles/me", reader.token()),
					reader.person().client().get("/.well-known/jwks.json", null));
			for (Reply other : others) {
				other.expect(200);
				assertThat(other.took()).as("another route during the login burst: %s", other).isLessThan(SLOWEST);
			}
			for (Future<Reply> login : logins) {
				answers.add(login.get());
			}
		}
		assertThat(answers).as("logins answered 200, or shed with 429/503 within the gateway's timeout")
			.allSatisfy((reply) -> {
				assertThat(reply.status()).as(reply.toString()).isIn(200, 429, 503);
				assertThat(reply.took()).as(reply.toString()).isLessThan(Duration.ofSeconds(5));
			});
		assertThat(answers).as("some logins of the burst succeed").anyMatch((reply) -> reply.status() == 200);
	}

	/**
	 * Users who exist before the load starts, created a few at a time: password hashing
	 * is deliberately slow and capped, and is not what these tests load.
	 */
	private List<Client> accounts(int count) throws Exception {
		try (ExecutorService registering = Executors.newFixedThreadPool(4)) {
			List<Future<Client>> accounts = IntStream.range(0, count).mapToObj((i) -> registering.submit(() -> {
				Person person = this.edgepass.register();
				return new Client(person, person.login().accessToken());
			})).toList();
			List<Client> clients = new ArrayList<>();
			for (Future<Client> account : accounts) {
				clients.add(account.get());
			}
			return clients;
		}
	}

	private Map<String, Set<String>> storedOrders(Set<String> owners) throws Exception {
		Map<String, Set<String>> stored = new HashMap<>();
		try (Connection orders = this.edgepass.database(Service.ORDERS)) {
			Array ids = orders.createArrayOf("uuid", owners.stream().map(UUID::fromString).toArray());
			try (PreparedStatement query = orders
				.prepareStatement("SELECT owner_id, id FROM orders WHERE owner_id = ANY (?)")) {
				query.setArray(1, ids);
				try (ResultSet result = query.executeQuery()) {
					while (result.next()) {
						stored.computeIfAbsent(result.getString(1), (owner) -> new HashSet<>())
							.add(result.getString(2));
					}
				}
			}
		}
		owners.forEach((owner) -> stored.putIfAbsent(owner, Set.of()));
		return stored;
	}

	/**
	 * The gateway's heap in use right after a full collection, so that garbage does not
	 * count.
	 */
	private long gatewayHeapAfterFullGc() throws IOException, InterruptedException {
		long pid = this.edgepass.suite().processHandle(Service.GATEWAY).pid();
		Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
		Process gc = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "GC.run").redirectErrorStream(true)
			.start();
		String output = new String(gc.getInputStream().readAllBytes());
		if (!gc.waitFor(60, TimeUnit.SECONDS) || gc.exitValue() != 0) {
			gc.destroyForcibly();
			throw new AssertionError("jcmd " + pid + " GC.run failed: " + output);
		}
		return (long) this.edgepass.metric(Service.GATEWAY, "jvm_memory_used_bytes", "area=\"heap\"");
	}

	private record Client(Person person, String token) {
	}

}
