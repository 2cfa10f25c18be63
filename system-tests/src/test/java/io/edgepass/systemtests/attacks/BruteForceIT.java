package io.edgepass.systemtests.attacks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import io.edgepass.launcher.Service;
import io.edgepass.systemtests.support.ApiClient;
import io.edgepass.systemtests.support.Json;
import io.edgepass.systemtests.support.Person;
import io.edgepass.systemtests.support.Reply;
import io.edgepass.systemtests.support.SharedSuite;
import io.edgepass.systemtests.support.SystemSuite;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Guessing passwords and usernames from outside (THREATS D31-D34, B20): nothing tells the
 * cases apart, accounts lock, and one client cannot spray the login endpoint, also with
 * no Redis (the shared suite has none, like the local run).
 */
@SharedSuite
class BruteForceIT {

	private static final int LOCK_AFTER = 5;

	private static final int SPRAYED = 20;

	/** The gateway's default per-client login burst. */
	private static final int LOGIN_BURST = 10;

	private final SystemSuite edgepass;

	BruteForceIT(SystemSuite edgepass) {
		this.edgepass = edgepass;
	}

	@Test
	void unknownUserWrongPasswordLockedAndDisabledAccountsGetTheIdenticalAnswer() {
		Reply unknown = login(this.edgepass.client(), "st-nobody-" + UUID.randomUUID(), "whatever password");
		Person wrong = this.edgepass.register();
		Reply wrongPassword = login(wrong.client(), wrong.username(), "not the password");
		Person locked = this.edgepass.register();
		for (int i = 0; i < LOCK_AFTER; i++) {
			login(locked.client(), locked.username(), "not the password " + i).expectUnauthorized();
		}
		Reply lockedAnswer = login(locked.client(), locked.username(), locked.password());
		Person disabled = this.edgepass.register();
		Person admin = this.edgepass.admin();
		admin.client()
			.post("/auth/admin/users/" + disabled.id() + "/disable", admin.login().accessToken(), null)
			.expect(204);
		Reply disabledAnswer = login(disabled.client(), disabled.username(), disabled.password());

		for (Reply reply : List.of(unknown, wrongPassword, lockedAnswer, disabledAnswer)) {
			reply.expectUnauthorized();
			assertThat(reply.body()).as("the same body as for an unknown user: %s", reply).isEqualTo(unknown.body());
			assertThat(reply.header("WWW-Authenticate")).as(reply.toString())
				.isEqualTo(unknown.header("WWW-Authenticate"));
		}
	}

	@Test
	void unknownUserAndWrongPasswordLoginsTakeTheSameTimeWithinNoise() {
		List<Person> users = List.of(this.edgepass.register(), this.edgepass.register(), this.edgepass.register());
		List<Long> unknownMillis = new ArrayList<>();
		List<Long> wrongMillis = new ArrayList<>();
		for (int round = 0; round < 6; round++) {
			Person user = users.get(round % users.size());
			wrongMillis.add(login(user.client(), user.username(), "wrong password " + round).expectUnauthorized()
				.took()
				.toMillis());
			ApiClient stranger = this.edgepass.client();
			unknownMillis
				.add(login(stranger, "st-ghost-" + UUID.randomUUID(), "wrong password " + round).expectUnauthorized()
					.took()
					.toMillis());
		}
		long unknown = median(unknownMillis);
		long wrong = median(wrongMillis);
		assertThat(Math.abs(unknown - wrong))
			.as("median login time for unknown users %d ms %s vs wrong passwords %d ms %s", unknown, unknownMillis,
					wrong, wrongMillis)
			.isLessThanOrEqualTo(Math.max(100, Math.max(unknown, wrong) / 2));
	}

	@Test
	void anAccountLocksAfterRepeatedFailuresSharedAcrossUsernameCaseAndThenRefusesTheRightPasswordVaguely() {
		Person target = this.edgepass.register();
		Reply firstFailure = login(target.client(), target.username(), "password guess 0").expectUnauthorized();
		String[] spellings = { target.username().toUpperCase(), capitalized(target.username()), target.username(),
				target.username().toUpperCase() };
		for (int i = 0; i < LOCK_AFTER - 1; i++) {
			login(target.client(), spellings[i], "password guess " + (i + 1)).expectUnauthorized();
		}

		Reply locked = login(target.client(), target.username(), target.password()).expectUnauthorized();

		assertThat(locked.body()).as("a lockout looks like a wrong password: %s", locked)
			.isEqualTo(firstFailure.body());
	}

	@Test
	void failuresDuringALockoutDoNotExtendIt() throws Exception {
		Person target = this.edgepass.register();
		for (int i = 0; i < LOCK_AFTER; i++) {
			login(target.client(), target.username(), "password guess " + i).expectUnauthorized();
		}
		login(this.edgepass.client(), target.username(), target.password()).expectUnauthorized();
		assertThat(lockedFor(target)).as("the shared suite's first lockout lasts %s", SharedSuite.SHORT_LOCKOUT)
			.isPositive()
			.isLessThanOrEqualTo(SharedSuite.SHORT_LOCKOUT);

		// Guessing on through the lockout: were each failure to extend it, it would never
		// end.
		await("the lockout ends while guesses continue").atMost(SharedSuite.SHORT_LOCKOUT.multipliedBy(3))
			.pollInterval(Duration.ofMillis(500))
			.untilAsserted(() -> {
				login(this.edgepass.client(), target.username(), "another password guess").expectUnauthorized();
				login(this.edgepass.client(), target.username(), target.password()).expect(200);
			});
	}

	@Test
	void oneClientSprayingOnePasswordAcrossManyUsernamesIsThrottledWhateverItsForwardedHeadersSay() throws Exception {
		ApiClient sprayer = this.edgepass.client();
		List<Reply> answers = new ArrayList<>();
		// All at once: sent one by one, slow logins on a busy machine would stay under
		// the limit.
		try (ExecutorService spray = Executors.newFixedThreadPool(SPRAYED)) {
			List<Future<Reply>> sent = IntStream.range(0, SPRAYED)
				.mapToObj((i) -> spray.submit(() -> sprayer.post("/auth/login", null,
						credentials("st-victim-" + i, "Summer2026!"), "X-Forwarded-For", "198.51.100." + i, "Forwarded",
						"for=203.0.113." + i, "X-Real-IP", "192.0.2." + i)))
				.toList();
			for (Future<Reply> reply : sent) {
				answers.add(reply.get());
			}
		}
		List<Reply> throttled = answers.stream().filter((reply) -> reply.status() == 429).toList();
		assertThat(throttled).as("429s among %s", answers).isNotEmpty();
		for (Reply reply : throttled) {
			reply.expectProblem(429);
			assertThat(reply.header("Retry-After")).as(reply.toString()).isPresent();
		}
		assertThat(answers).as("nothing but 401 and 429: %s", answers)
			.allSatisfy((reply) -> assertThat(reply.status()).isIn(401, 429));
		assertThat(throttled).as("throttled at once")
			.allSatisfy((reply) -> assertThat(reply.took()).isLessThan(Duration.ofSeconds(3)));
	}

	@Test
	void threeHundredFailedLoginsForDifferentUsernamesFromOneClientInARowAreThrottledWithoutRedis() {
		ApiClient sprayer = this.edgepass.client();
		long start = System.nanoTime();
		List<Reply> answers = IntStream.range(0, 300)
			.mapToObj((i) -> login(sprayer, "st-sprayed-" + i + "-" + UUID.randomUUID(), "Summer2026!"))
			.toList();
		Duration took = Duration.ofNanos(System.nanoTime() - start);

		assertThat(answers).as("nothing but 401 and 429")
			.allSatisfy((reply) -> assertThat(reply.status()).as(reply.toString()).isIn(401, 429));
		long refused = answers.stream().filter((reply) -> reply.status() == 401).count();
		assertThat(refused).as("logins that reached auth-service in %s: the burst, then one a second", took)
			.isBetween((long) LOGIN_BURST, LOGIN_BURST + took.toSeconds() + 1);
		answers.stream().filter((reply) -> reply.status() == 429).forEach((reply) -> {
			reply.expectProblem(429);
			assertThat(reply.header("Retry-After")).as(reply.toString()).isPresent();
		});
		assertThat(this.edgepass.metric(Service.GATEWAY, "edgepass_gateway_ratelimit_backend", "backend=\"local\""))
			.as("the shared suite's gateway counts limits in memory, like the local run")
			.isEqualTo(1.0);
	}

	/** How long the account stays locked, read where auth-service keeps it. */
	private Duration lockedFor(Person person) throws Exception {
		try (Connection auth = this.edgepass.database(Service.AUTH);
				PreparedStatement query = auth.prepareStatement(
						"SELECT extract(epoch FROM locked_until - now()) FROM login_failures WHERE username = ?")) {
			query.setString(1, person.username());
			try (ResultSet result = query.executeQuery()) {
				return result.next() ? Duration.ofMillis((long) (result.getDouble(1) * 1000)) : Duration.ZERO;
			}
		}
	}

	private static Reply login(ApiClient client, String username, String password) {
		return client.post("/auth/login", null, credentials(username, password));
	}

	private static String credentials(String username, String password) {
		return Json.write(Map.of("username", username, "password", password));
	}

	private static String capitalized(String text) {
		return Character.toUpperCase(text.charAt(0)) + text.substring(1);
	}

	private static long median(List<Long> values) {
		return values.stream().sorted().toList().get(values.size() / 2);
	}

}
