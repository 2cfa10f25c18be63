package io.edgepass.systemtests.scaleout;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import io.edgepass.launcher.Service;
import io.edgepass.systemtests.support.ApiClient;
import io.edgepass.systemtests.support.Backoff;
import io.edgepass.systemtests.support.EdgeAssertions;
import io.edgepass.systemtests.support.FrontDoor;
import io.edgepass.systemtests.support.Orders;
import io.edgepass.systemtests.support.Person;
import io.edgepass.systemtests.support.Person.Login;
import io.edgepass.systemtests.support.Reply;
import io.edgepass.systemtests.support.Revocations;
import io.edgepass.systemtests.support.ScaleOutSuite;
import io.edgepass.systemtests.support.SystemSuite;
import io.edgepass.systemtests.support.Tokens;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The mission's promise, with real processes: two of every service on one PostgreSQL,
 * nothing but the token carrying the login. Any gateway serves any user, any replica of a
 * service answers them, auth-service's replicas share refresh tokens, revocations and
 * keys through the database only, and killing one replica of every service at once under
 * load costs no acknowledged order and no read after a few seconds.
 */
@ScaleOutSuite
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScaleOutIT {

	private static final int A = 1;

	private static final int B = 2;

	private final SystemSuite edgepass;

	ScaleOutIT(SystemSuite edgepass) {
		this.edgepass = edgepass;
	}

	@Test
	@Order(1)
	void aUserLogsInThroughOneGatewayAndIsServedThroughTheOtherByBothReplicasOfEachService() {
		Person alice = this.edgepass.register();
		Login login = Login.of(gateway(A).post("/auth/login", null, alice.credentials()).expect(200));
		double[] ordersBefore = served(Service.ORDERS, "uri=\"/orders\"");
		double[] profilesBefore = served(Service.PROFILE, "uri=\"/profiles/me\"");

		ApiClient otherGateway = gateway(B);
		for (int i = 0; i < 8; i++) {
			otherGateway.get("/orders?size=1", login.accessToken()).expect(200);
			otherGateway.get("/profiles/me", login.accessToken()).expect(200);
		}

		double[] ordersAfter = served(Service.ORDERS, "uri=\"/orders\"");
		double[] profilesAfter = served(Service.PROFILE, "uri=\"/profiles/me\"");
		for (int replica = A; replica <= B; replica++) {
			assertThat(ordersAfter[replica - 1]).as("GET /orders served by orders-service %d", replica)
				.isGreaterThan(ordersBefore[replica - 1]);
			assertThat(profilesAfter[replica - 1]).as("GET /profiles/me served by profile-service %d", replica)
				.isGreaterThan(profilesBefore[replica - 1]);
		}
	}

	@Test
	@Order(2)
	void aRefreshTokenIssuedByOneAuthReplicaIsSpentOnceOnTheOtherAndItsReplayOnEitherRevokesTheSession() {
		Person bob = this.edgepass.register();
		for (int replay : new int[] { A, B }) {
			Login issued = Login.of(auth(A).post("/auth/login", null, bob.credentials()).expect(200));
			Login refreshed = Login.of(auth(B).post("/auth/refresh", null, issued.refreshBody()).expect(200));
			gateway(A).get("/orders?size=1", refreshed.accessToken()).expect(200);

			auth(replay).post("/auth/refresh", null, issued.refreshBody()).expectUnauthorized();

			ApiClient viaA = gateway(A);
			ApiClient viaB = gateway(B);
			await("a replay on auth-service " + replay + ": the session refused by both gateways")
				.atMost(Revocations.WITHIN)
				.pollInterval(Duration.ofMillis(100))
				.untilAsserted(() -> {
					viaA.get("/orders?size=1", refreshed.accessToken()).expectUnauthorized();
					viaB.get("/orders?size=1", refreshed.accessToken()).expectUnauthorized();
				});
			auth(A).post("/auth/refresh", null, refreshed.refreshBody()).expectUnauthorized();
			auth(B).post("/auth/refresh", null, refreshed.refreshBody()).expectUnauthorized();
		}
	}

	@Test
	@Order(3)
	void aLogoutThroughOneGatewayIsEnforcedByTheOtherWithinTwoSeconds() {
		Person carol = this.edgepass.register();
		Login login = Login.of(gateway(A).post("/auth/login", null, carol.credentials()).expect(200));
		gateway(B).get("/orders?size=1", login.accessToken()).expect(200);

		gateway(A).post("/auth/logout", login.accessToken(), login.refreshBody()).expect(204);

		// Each gateway follows the revocation feed on its own: both within 2 s of the
		// logout.
		ApiClient viaA = gateway(A);
		ApiClient viaB = gateway(B);
		await("logged out through gateway 1: refused by both gateways").atMost(Revocations.WITHIN)
			.pollInterval(Duration.ofMillis(100))
			.untilAsserted(() -> {
				viaB.get("/orders?size=1", login.accessToken()).expectUnauthorized();
				viaA.get("/orders?size=1", login.accessToken()).expectUnauthorized();
			});
	}

	@Test
	@Order(4)
	void aKeyRotatedOnOneAuthReplicaIsFollowedByTheOtherAndBothGatewaysAcceptBothThroughout() {
		// A user per token: the traffic stays far below each user's rate limit.
		List<Person> users = IntStream.range(0, 4).mapToObj((i) -> this.edgepass.register()).toList();
		Map<String, String> tokens = new ConcurrentHashMap<>();
		tokens.put("auth-service 1, before", loginAt(A, users.get(0)).accessToken());
		tokens.put("auth-service 2, before", loginAt(B, users.get(1)).accessToken());
		String oldKid = Tokens.header(tokens.get("auth-service 1, before")).path("kid").asString();
		Queue<Reply> failures = new ConcurrentLinkedQueue<>();
		AtomicInteger served = new AtomicInteger();
		String newKid;
		try (ScheduledExecutorService traffic = Executors.newScheduledThreadPool(2)) {
			for (int gateway = A; gateway <= B; gateway++) {
				ApiClient client = gateway(gateway);
				traffic.scheduleAtFixedRate(() -> tokens.values().forEach((token) -> {
					Reply reply = client.get("/orders?size=1", token);
					if (reply.status() == 200) {
						served.incrementAndGet();
					}
					else {
						failures.add(reply);
					}
				}), 0, 250, TimeUnit.MILLISECONDS);
			}
			await("traffic flows before the rotation").atMost(Duration.ofSeconds(20)).until(() -> served.get() >= 8);

			Reply rotated = auth(A).post("/auth/admin/keys/rotate", null, null, "X-Edge-Assertion",
					EdgeAssertions.mint(this.edgepass.suite().secrets().edgeKey(Service.AUTH), "auth-service",
							this.edgepass.admin().id(), Instant.now(), List.of("ADMIN")))
				.expect(200);
			newKid = rotated.field("kid");
			assertThat(newKid).as(rotated.toString()).isNotBlank().isNotEqualTo(oldKid);

			String fromA = loginAt(A, users.get(2)).accessToken();
			assertThat(Tokens.header(fromA).path("kid").asString()).as("auth-service 1 right after rotating")
				.isEqualTo(newKid);
			tokens.put("auth-service 1, after", fromA);
			await("auth-service 2 signs with the new key").atMost(Duration.ofSeconds(15))
				.pollInterval(Duration.ofMillis(500))
				.untilAsserted(() -> {
					String fromB = loginAt(B, users.get(3)).accessToken();
					assertThat(Tokens.header(fromB).path("kid").asString()).isEqualTo(newKid);
					tokens.put("auth-service 2, after", fromB);
				});

			int atFollow = served.get();
			await("both gateways keep serving every token").atMost(Duration.ofSeconds(20))
				.until(() -> served.get() >= atFollow + 16);
			traffic.shutdown();
		}
		assertThat(failures).as("requests refused during the rotation: %s", failures).isEmpty();
		for (String token : tokens.values()) {
			gateway(A).get("/orders?size=1", token).expect(200);
			gateway(B).get("/orders?size=1", token).expect(200);
		}
	}

	@Test
	@Order(5)
	void killingOneReplicaOfEveryServiceUnderMixedLoadLosesNoAcknowledgedOrderAndNoReadAfterAFewSeconds()
			throws Exception {
		int clients = 6;
		Duration settle = Duration.ofSeconds(5);
		List<Person> people = IntStream.range(0, clients).mapToObj((i) -> this.edgepass.register()).toList();
		Map<String, String> tokens = new ConcurrentHashMap<>();
		people.forEach((person) -> tokens.put(person.id(), person.login().accessToken()));
		Map<String, Set<String>> acknowledged = new ConcurrentHashMap<>();
		Queue<Reply> unexpected = new ConcurrentLinkedQueue<>();
		Queue<TimedReply> reads = new ConcurrentLinkedQueue<>();
		AtomicInteger acks = new AtomicInteger();
		AtomicBoolean stop = new AtomicBoolean();
		Instant giveUp = Instant.now().plus(Duration.ofSeconds(150));
		Instant killedAt;
		try (ExecutorService load = Executors.newFixedThreadPool(clients)) {
			List<Future<?>> running = new ArrayList<>();
			for (Person person : people) {
				running.add(load.submit(() -> {
					Set<String> mine = acknowledged.computeIfAbsent(person.id(), (id) -> ConcurrentHashMap.newKeySet());
					try (FrontDoor door = this.edgepass.frontDoor()) {
						String token = tokens.get(person.id());
						while (!stop.get() && Instant.now().isBefore(giveUp)) {
							reads.add(new TimedReply(Instant.now(), door.get("/orders?size=1", token)));
							reads.add(new TimedReply(Instant.now(), door.get("/profiles/me", token)));
							String key = UUID.randomUUID().toString();
							String body = Orders.oneLine("SCALE-1", 1, "2.00");
							// A careful client retries the same key until it is
							// acknowledged.
							while (Instant.now().isBefore(giveUp)) {
								Reply reply = door.post("/orders", token, body, "Idempotency-Key", key);
								if (reply.status() == 201 || reply.status() == 200) {
									mine.add(reply.field("id"));
									acks.incrementAndGet();
									break;
								}
								if (reply.status() != 0 && reply.status() != 409 && reply.status() != 503
										&& reply.status() != 504) {
									unexpected.add(reply);
								}
								Backoff.pause(Duration.ofMillis(200));
							}
							Backoff.pause(Duration.ofMillis(150));
						}
					}
				}));
			}
			try {
				await("orders are being created").atMost(Duration.ofSeconds(60)).until(() -> acks.get() >= 20);
				killedAt = Instant.now();
				CompletableFuture.allOf(killAll()).join();
				assertThat(Service.values()).noneMatch((service) -> this.edgepass.suite().isRunning(service, B));
				int atKill = acks.get();
				await("the survivors take the orders").atMost(Duration.ofSeconds(60))
					.until(() -> acks.get() >= atKill + 30
							&& Instant.now().isAfter(killedAt.plus(settle).plus(Duration.ofSeconds(10))));
			}
			finally {
				stop.set(true);
			}
			for (Future<?> client : running) {
				client.get();
			}
		}

		List<TimedReply> late = reads.stream().filter((read) -> read.at().isAfter(killedAt.plus(settle))).toList();
		assertThat(late).as("reads from %s s after the kill on", settle.toSeconds()).hasSizeGreaterThan(20);
		assertThat(late).as("reads that failed from %s s after the kill on", settle.toSeconds())
			.allSatisfy((read) -> assertThat(read.reply().status()).as(read.reply().toString()).isEqualTo(200));
		assertThat(unexpected).as("answers a retrying client should never get: %s", unexpected).isEmpty();
		try (Connection orders = this.edgepass.database(Service.ORDERS)) {
			for (Person person : people) {
				List<String> stored = new ArrayList<>();
				try (PreparedStatement query = orders.prepareStatement("SELECT id FROM orders WHERE owner_id = ?")) {
					query.setObject(1, UUID.fromString(person.id()));
					try (ResultSet result = query.executeQuery()) {
						while (result.next()) {
							stored.add(result.getString(1));
						}
					}
				}
				assertThat(stored).as("no order stored twice for %s", person.username()).doesNotHaveDuplicates();
				assertThat(new HashSet<>(stored))
					.as("the orders stored for %s are exactly those acknowledged", person.username())
					.isEqualTo(acknowledged.get(person.id()));
			}
		}
	}

	private CompletableFuture<?>[] killAll() {
		return List.of(Service.values())
			.stream()
			.map((service) -> CompletableFuture.runAsync(() -> this.edgepass.suite().kill(service, B)))
			.toArray(CompletableFuture[]::new);
	}

	/** How many requests each replica of a service has served (its own metric). */
	private double[] served(Service service, String labels) {
		return IntStream.rangeClosed(A, B)
			.mapToDouble(
					(replica) -> this.edgepass.metric(service, replica, "http_server_requests_seconds_count", labels))
			.toArray();
	}

	private ApiClient gateway(int replica) {
		return this.edgepass.client(Service.GATEWAY, replica);
	}

	private ApiClient auth(int replica) {
		return this.edgepass.client(Service.AUTH, replica);
	}

	/**
	 * Logs in at one auth-service replica directly: the login the gateway would forward.
	 */
	private Login loginAt(int replica, Person person) {
		return Login.of(auth(replica).post("/auth/login", null, person.credentials()).expect(200));
	}

	private record TimedReply(Instant at, Reply reply) {
	}

}
