package io.edgepass.systemtests.faults;

import java.time.Duration;

import io.edgepass.launcher.Service;
import io.edgepass.systemtests.support.ApiClient;
import io.edgepass.systemtests.support.FaultSuite;
import io.edgepass.systemtests.support.Person;
import io.edgepass.systemtests.support.Reply;
import io.edgepass.systemtests.support.SystemSuite;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A gateway that starts while auth-service (its JWKS) is down (THREATS E41): not ready,
 * serves no protected call, and becomes ready on its own when auth-service comes up.
 */
@FaultSuite
class GatewayStartupIT {

	private final SystemSuite edgepass;

	GatewayStartupIT(SystemSuite edgepass) {
		this.edgepass = edgepass;
	}

	@AfterEach
	void restore() {
		this.edgepass.restore();
	}

	@Test
	void aGatewayStartedWithoutAuthServiceIsNotReadyServesNothingProtectedAndRecoversWithoutARestart() {
		Person kate = this.edgepass.register();
		ApiClient api = kate.client();
		String token = kate.login().accessToken();

		this.edgepass.suite().kill(Service.AUTH);
		this.edgepass.suite().restart(Service.GATEWAY);
		long gatewayPid = this.edgepass.suite().processHandle(Service.GATEWAY).pid();
		try (ApiClient management = this.edgepass.management(Service.GATEWAY)) {
			await("the restarted gateway is live").atMost(Duration.ofMinutes(2))
				.pollInterval(Duration.ofMillis(500))
				.untilAsserted(() -> management.get("/actuator/health/liveness", null).expect(200));

			await("without its keys the gateway stays not ready and serves nothing protected")
				.during(Duration.ofSeconds(3))
				.atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> {
					management.get("/actuator/health/readiness", null).expect(503);
					Reply protectedCall = api.get("/orders?size=1", token);
					assertThat(protectedCall.is2xx()).as(protectedCall.toString()).isFalse();
					assertThat(protectedCall.status()).as(protectedCall.toString()).isIn(401, 503);
				});

			this.edgepass.suite().restart(Service.AUTH);
			this.edgepass.awaitReady();
			management.get("/actuator/health/readiness", null).expect(200);
		}
		api.get("/orders?size=1", token).expect(200);
		assertThat(this.edgepass.suite().processHandle(Service.GATEWAY).pid())
			.as("the gateway became ready without a restart")
			.isEqualTo(gatewayPid);
	}

}
