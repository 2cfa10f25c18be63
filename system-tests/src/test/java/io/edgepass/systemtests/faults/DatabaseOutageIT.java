package io.edgepass.systemtests.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.edgepass.launcher.Service;
import io.edgepass.systemtests.support.ApiClient;
import io.edgepass.systemtests.support.FaultSuite;
import io.edgepass.systemtests.support.Json;
import io.edgepass.systemtests.support.Orders;
import io.edgepass.systemtests.support.Person;
import io.edgepass.systemtests.support.Reply;
import io.edgepass.systemtests.support.SystemSuite;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The suite's own (embedded) PostgreSQL stopped and started again under the running
 * services (THREATS E42).
 */
@FaultSuite
class DatabaseOutageIT {

	private static final Duration QUICKLY = Duration.ofSeconds(5);

	private final SystemSuite edgepass;

	DatabaseOutageIT(SystemSuite edgepass) {
		this.edgepass = edgepass;
	}

	@AfterEach
	void restore() {
		this.edgepass.restore();
	}

	@Test
	void withPostgresDownEveryServiceAnswers503QuicklyCountsNoLoginFailureAndLosesNoAcknowledgedWrite() {
		Person jack = this.edgepass.register();
		ApiClient api = jack.client();
		String token = jack.login().accessToken();
		api.get("/profiles/me", token).expect(200);
		List<String> acknowledged = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			acknowledged
				.add(api.post("/orders", token, Orders.oneLine("KEEP-" + i, 1, "3.00")).expect(201).field("id"));
		}

		this.edgepass.suite().postgres().stop();

		for (Reply reply : List.of(api.post("/orders", token, Orders.oneLine("LOST-1", 1, "1.00")),
				api.get("/orders?size=5", token), api.get("/profiles/me", token),
				api.post("/auth/login", null, jack.credentials()))) {
			reply.expectProblem(503);
			assertThat(reply.took()).as("answered quickly: %s", reply).isLessThan(QUICKLY);
			assertThat(reply.body()).as(reply.toString()).doesNotContain("SQL", "Exception", "jdbc");
		}
		String wrongPassword = Json.write(Map.of("username", jack.username(), "password", "wrong-password"));
		for (int i = 0; i < 6; i++) {
			api.post("/auth/login", null, wrongPassword).expectProblem(503);
		}
		for (Service service : List.of(Service.AUTH, Service.ORDERS, Service.PROFILE)) {
			try (ApiClient management = this.edgepass.management(service)) {
				await(service + " readiness goes DOWN").atMost(Duration.ofSeconds(10))
					.untilAsserted(() -> management.get("/actuator/health/readiness", null).expect(503));
				management.get("/actuator/health/liveness", null).expect(200);
			}
		}

		this.edgepass.suite().postgres().start();

		await("the suite recovers on its own").atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(500))
			.untilAsserted(() -> {
				api.get("/orders?size=1", token).expect(200);
				api.get("/profiles/me", token).expect(200);
			});
		this.edgepass.awaitReady();
		String fresh = api.post("/auth/login", null, jack.credentials()).expect(200).field("access_token");
		Reply listed = api.get("/orders?size=50", fresh).expect(200);
		assertThat(Orders.ids(listed))
			.as("the failed logins during the outage locked nothing, and every" + " acknowledged order survived: "
					+ listed)
			.containsExactlyInAnyOrderElementsOf(acknowledged);
	}

}
