package io.edgepass.orders.system;

import java.sql.SQLException;
import java.time.Duration;

import javax.sql.DataSource;

import io.edgepass.orders.OrdersServiceTest;
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
class DatabaseOutageTests extends OrdersServiceTest {

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
		String id = postJson("/orders", this.alice, order("EUR", "A:1:1")).json("$.id");
		this.database.off();

		long started = System.nanoTime();
		Response read = get("/orders/" + id, this.alice);
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
		assertDatabaseUnavailable(read);
		assertProblem(postJson("/orders", this.alice, order("EUR", "A:1:1")), 503);
		assertProblem(get("/orders", this.alice), 503);
		assertNotReadyButAlive();

		this.database.on();

		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(get("/orders/" + id, this.alice).status()).isEqualTo(200));
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(management("/actuator/health/readiness").status()).isEqualTo(200));
		assertThat(postJson("/orders", this.alice, order("EUR", "A:1:1")).status()).isEqualTo(201);
		assertThat((Integer) get("/orders", this.alice).json("$.page.totalElements")).isEqualTo(2);
	}

}
