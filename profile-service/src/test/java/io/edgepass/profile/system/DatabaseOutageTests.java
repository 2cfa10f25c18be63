package io.edgepass.profile.system;

import java.sql.SQLException;
import java.time.Duration;

import javax.sql.DataSource;

import io.edgepass.profile.ProfileServiceTest;
import io.edgepass.testsupport.DatabaseSwitch;
import io.edgepass.trust.EdgeIdentity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * THREATS E-42 service side: with PostgreSQL unreachable the service answers 503 within
 * the pool timeout, readiness goes DOWN while liveness stays UP, and it recovers without
 * a restart. The outage is real: the service's database stops accepting connections and
 * its sessions are terminated.
 */
class DatabaseOutageTests extends ProfileServiceTest {

	private final EdgeIdentity alice = newUser();

	private final DatabaseSwitch database;

	DatabaseOutageTests(@Autowired DataSource dataSource) {
		this.database = new DatabaseSwitch(dataSource);
	}

	@AfterEach
	void databaseIsBack() throws SQLException {
		this.database.on();
	}

	@Test
	void probesAndMetricsAreOnTheManagementPort() {
		assertProbesAndMetricsOnManagementPort();
	}

	@Test
	void withTheDatabaseDownRequestsGet503QuicklyAndTheServiceIsNotReadyButAlive() throws Exception {
		assertThat(get("/profiles/me", this.alice).status()).isEqualTo(200);
		this.database.off();

		long started = System.nanoTime();
		Response read = get("/profiles/me", this.alice);
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
		assertDatabaseUnavailable(read);
		assertProblem(putJson("/profiles/me", this.alice, profile("Down", null, null)), 503);
		assertNotReadyButAlive();

		this.database.on();

		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(get("/profiles/me", this.alice).status()).isEqualTo(200));
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(management("/actuator/health/readiness").status()).isEqualTo(200));
		assertThat(putJson("/profiles/me", this.alice, profile("Back", null, null)).status()).isEqualTo(200);
		assertThat((String) get("/profiles/me", this.alice).json("$.displayName")).isEqualTo("Back");
	}

}
