package io.edgepass.systemtests.journeys;

import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import io.edgepass.systemtests.support.ApiClient;
import io.edgepass.systemtests.support.Person;
import io.edgepass.systemtests.support.Person.Login;
import io.edgepass.systemtests.support.Reply;
import io.edgepass.systemtests.support.SharedSuite;
import io.edgepass.systemtests.support.SystemSuite;
import io.edgepass.systemtests.support.Tokens;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Signing-key rotation while clients keep calling (THREATS A15). */
@SharedSuite
class KeyRotationIT {

	private static final int READERS = 3;

	private final SystemSuite edgepass;

	KeyRotationIT(SystemSuite edgepass) {
		this.edgepass = edgepass;
	}

	@Test
	void rotatingTheSigningKeyUnderSteadyTrafficFailsNoRequestAndNewLoginsGetTheNewKid() {
		List<Person> readers = IntStream.range(0, READERS).mapToObj((i) -> this.edgepass.register()).toList();
		List<Login> logins = readers.stream().map(Person::login).toList();
		String oldKid = Tokens.header(logins.get(0).accessToken()).path("kid").asString();
		Queue<Reply> failures = new ConcurrentLinkedQueue<>();
		AtomicInteger served = new AtomicInteger();
		Person reader = readers.get(0);
		Reply rotated;
		String newKid;
		Login afterRotation;
		// A steady pace per reader, far below the per-user rate limit.
		try (ScheduledExecutorService traffic = Executors.newScheduledThreadPool(READERS)) {
			for (int i = 0; i < READERS; i++) {
				ApiClient client = readers.get(i).client();
				String token = logins.get(i).accessToken();
				traffic.scheduleAtFixedRate(() -> {
					Reply reply = client.get("/orders?size=1", token);
					if (reply.status() == 200) {
						served.incrementAndGet();
					}
					else {
						failures.add(reply);
					}
				}, 0, 100, TimeUnit.MILLISECONDS);
			}
			await("traffic flows before the rotation").atMost(Duration.ofSeconds(20))
				.until(() -> served.get() >= 5 * READERS);

			Person admin = this.edgepass.admin();
			rotated = admin.client().post("/auth/admin/keys/rotate", admin.login().accessToken(), null).expect(200);
			newKid = rotated.field("kid");
			// The contract: the new key is active once the rotation has answered.
			afterRotation = reader.login();
			assertThat(newKid).as(rotated.toString()).isNotBlank().isNotEqualTo(oldKid);
			Reply jwks = readers.get(0).client().get("/.well-known/jwks.json", null).expect(200);
			assertThat(jwks.json().path("keys").valueStream().map((key) -> key.path("kid").asString()))
				.as("both keys are published: " + jwks)
				.contains(oldKid, newKid);

			int servedAtRotation = served.get();
			await("traffic keeps flowing after the rotation").atMost(Duration.ofSeconds(20))
				.until(() -> served.get() >= servedAtRotation + 10 * READERS);
			// Lets the requests in flight finish; cancels the rest.
			traffic.shutdown();
		}
		assertThat(failures).as("requests with tokens of the old key during the rotation: %s", failures).isEmpty();

		assertThat(Tokens.header(afterRotation.accessToken()).path("kid").asString())
			.as("the kid of a login right after the rotation answered %s", rotated.body())
			.isEqualTo(newKid);
		reader.client().get("/orders?size=1", afterRotation.accessToken()).expect(200);
	}

	@Test
	void onlyAnAdminMayRotateTheKeys() {
		Person user = this.edgepass.register();
		Reply refused = user.client()
			.post("/auth/admin/keys/rotate", user.login().accessToken(), null)
			.expectProblem(403);
		assertThat(refused.header("WWW-Authenticate")).as(refused.toString())
			.hasValueSatisfying((challenge) -> assertThat(challenge).contains("insufficient_scope"));
		user.client().post("/auth/admin/keys/rotate", null, null).expectUnauthorized();
	}

}
