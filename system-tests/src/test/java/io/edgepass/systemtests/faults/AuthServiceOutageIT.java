package io.edgepass.systemtests.faults;

import java.time.Duration;

import io.edgepass.launcher.Service;
import io.edgepass.systemtests.support.ApiClient;
import io.edgepass.systemtests.support.Backoff;
import io.edgepass.systemtests.support.FaultSuite;
import io.edgepass.systemtests.support.Orders;
import io.edgepass.systemtests.support.Person;
import io.edgepass.systemtests.support.Person.Login;
import io.edgepass.systemtests.support.Reply;
import io.edgepass.systemtests.support.Revocations;
import io.edgepass.systemtests.support.SystemSuite;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** auth-service killed and restarted under a running gateway (THREATS E37, E40). */
@FaultSuite
class AuthServiceOutageIT {

	private static final Duration TIMEOUTS = Duration.ofSeconds(6);

	private final SystemSuite edgepass;

	AuthServiceOutageIT(SystemSuite edgepass) {
		this.edgepass = edgepass;
	}

	@AfterEach
	void restore() {
		this.edgepass.restore();
	}

	@Test
	void withAuthServiceDownTokensKeepWorkingLoginAndRefreshAnswer503AndRevocationsOutliveItsRestart() {
		Person henry = this.edgepass.register();
		ApiClient api = henry.client();
		Login live = henry.login();
		Login revoked = henry.login();
		api.post("/auth/logout", revoked.accessToken(), revoked.refreshBody()).expect(204);
		Revocations.awaitRejected(api, revoked.accessToken(), "logged out before the outage");

		this.edgepass.suite().kill(Service.AUTH);

		// Steady traffic, below the per-user rate limit, across several failed revocation
		// polls.
		for (int i = 0; i < 15; i++) {
			Reply served = api.get("/orders?size=1", live.accessToken()).expect(200);
			assertThat(served.took()).as("served without waiting for auth-service: %s", served).isLessThan(TIMEOUTS);
			api.get("/orders?size=1", revoked.accessToken()).expectUnauthorized();
			Backoff.pause(Duration.ofMillis(200));
		}
		api.post("/orders", live.accessToken(), Orders.oneLine("OUTAGE-1", 1, "2.00")).expect(201);
		Reply login = api.post("/auth/login", null, henry.credentials()).expectProblem(503);
		assertThat(login.took()).as(login.toString()).isLessThan(TIMEOUTS);
		Reply refresh = api.post("/auth/refresh", null, live.refreshBody()).expectProblem(503);
		assertThat(refresh.took()).as(refresh.toString()).isLessThan(TIMEOUTS);

		this.edgepass.suite().restart(Service.AUTH);
		this.edgepass.awaitReady();

		api.get("/orders?size=1", revoked.accessToken()).expectUnauthorized();
		api.post("/auth/refresh", null, revoked.refreshBody()).expectUnauthorized();
		Login rotated = Login.of(api.post("/auth/refresh", null, live.refreshBody()).expect(200));
		api.post("/auth/logout", rotated.accessToken(), rotated.refreshBody()).expect(204);
		Revocations.awaitRejected(api, rotated.accessToken(), "logged out after auth-service came back");
		henry.login();
	}

}
