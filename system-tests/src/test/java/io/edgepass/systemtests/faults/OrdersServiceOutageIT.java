package io.edgepass.systemtests.faults;

import java.time.Duration;

import io.edgepass.launcher.Service;
import io.edgepass.systemtests.support.ApiClient;
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
 * orders-service killed, or frozen, behind a running gateway (THREATS E37, E38): the
 * gateway answers for it within its timeouts and recovers without a restart.
 */
@FaultSuite
class OrdersServiceOutageIT {

	private static final Duration TIMEOUTS = Duration.ofSeconds(6);

	private final SystemSuite edgepass;

	OrdersServiceOutageIT(SystemSuite edgepass) {
		this.edgepass = edgepass;
	}

	@AfterEach
	void restore() {
		this.edgepass.restore();
	}

	@Test
	void withOrdersServiceDownOrdersAnswer503QuicklyTheGatewayStaysHealthyAndRecoversWithoutARestart() {
		Person iris = this.edgepass.register();
		ApiClient api = iris.client();
		String token = iris.login().accessToken();
		api.get("/orders?size=1", token).expect(200);
		long gatewayPid = this.edgepass.suite().processHandle(Service.GATEWAY).pid();

		this.edgepass.suite().kill(Service.ORDERS);

		for (int i = 0; i < 3; i++) {
			Reply listed = api.get("/orders?size=1", token).expectProblem(503);
			assertThat(listed.took()).as(listed.toString()).isLessThan(TIMEOUTS);
			Reply created = api.post("/orders", token, Orders.oneLine("DOWN-1", 1, "1.00")).expectProblem(503);
			assertThat(created.took()).as(created.toString()).isLessThan(TIMEOUTS);
			assertThat(created.body()).as(created.toString()).doesNotContainIgnoringCase("connection refused");
		}
		api.get("/profiles/me", token).expect(200);
		try (ApiClient management = this.edgepass.management(Service.GATEWAY)) {
			management.get("/actuator/health/readiness", null).expect(200);
			management.get("/actuator/health/liveness", null).expect(200);
		}

		this.edgepass.suite().restart(Service.ORDERS);
		this.edgepass.awaitReady();

		await("orders are served again through the same gateway").atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(500))
			.untilAsserted(() -> api.get("/orders?size=1", token).expect(200));
		api.post("/orders", token, Orders.oneLine("BACK-1", 1, "1.00")).expect(201);
		assertThat(this.edgepass.suite().processHandle(Service.GATEWAY).pid()).as("the gateway was not restarted")
			.isEqualTo(gatewayPid);
	}

	@Test
	void aFrozenOrdersServiceGets504AtTheResponseTimeoutNotAHang() throws Exception {
		Person leo = this.edgepass.register();
		ApiClient api = leo.client();
		String token = leo.login().accessToken();
		api.get("/orders?size=1", token).expect(200);
		long orders = this.edgepass.suite().processHandle(Service.ORDERS).pid();

		signal("STOP", orders);
		try {
			Reply frozen = api.get("/orders?size=1", token).expectProblem(504);
			assertThat(frozen.took()).as("answered at the gateway's 5 s response timeout: " + frozen)
				.isBetween(Duration.ofSeconds(4), Duration.ofSeconds(8));
			api.get("/profiles/me", token).expect(200);
		}
		finally {
			signal("CONT", orders);
		}
		await("orders are served again once the service thaws").atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(500))
			.untilAsserted(() -> api.get("/orders?size=1", token).expect(200));
	}

	/**
	 * SIGSTOP freezes the process with its sockets open: connections are accepted, never
	 * answered.
	 */
	private static void signal(String signal, long pid) throws Exception {
		Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
		assertThat(kill.waitFor()).as("kill -%s %d", signal, pid).isZero();
	}

}
