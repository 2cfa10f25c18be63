package io.edgepass.systemtests.attacks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

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
 * cases apart, accounts lock, and one client cannot spray the login endpoint.
 */
@SharedSuite
class BruteForceIT {

	private static final int LOCK_AFTER = 5;

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
	void failuresDuringALockoutDoNotExtendIt() {
		Person target = this.edgepass.register();
		for (int i = 0; i < LOCK_AFTER; i++) {
			login(target.client(), target.username(), "password guess " + i).expectUnauthorized();
		}
		login(this.edgepass.client(), target.username(), target.password()).expectUnauthorized();

		// Guessing on through the lockout: were each failure to extend it, it would never end.
		await("the lockout ends while guesses continue").atMost(SharedSuite.SHORT_LOCKOUT.multipliedBy(3))
			.pollInterval(Duration.ofMillis(500))
			.untilAsserted(() -> {
				login(this.edgepass.client(), target.username(), "another password guess").expectUnauthorized();
				login(this.edgepass.client(), target.username(), target.password()).expect(200);
			});
	}

	@Test
	void oneClientSprayingOnePasswordAcrossManyUsernamesIsThrottledWhateverItsForwardedHeadersSay() {
		ApiClient sprayer = this.edgepass.client();
		List<Reply> answers = new ArrayList<>();
		for (int i = 0; i < 15; i++) {
			answers
				.add(sprayer.post("/auth/login", null, credentials("st-victim-" + i, "Summer2026!"), "X-Forwarded-For",
						"198.51.100." + i, "Forwarded", "for=203.0.113." + i, "X-Real-IP", "192.0.2." + i));
		}
		List<Reply> throttled = answers.stream().filter((reply) -> reply.status() == 429).toList();
		assertThat(throttled).as("429s among %s", answers).isNotEmpty();
		for (Reply reply : throttled) {
			reply.expectProblem(429);
			assertThat(reply.header("Retry-After")).as(reply.toString()).isPresent();
		}
		assertThat(answers).as("nothing but 401 and 429: %s", answers)
			.allSatisfy((reply) -> assertThat(reply.status()).isIn(401, 429));
		assertThat(answers.get(answers.size() - 1).took()).as("throttled at once").isLessThan(Duration.ofSeconds(2));
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
