package io.edgepass.profile.system;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.edgepass.profile.ProfileServiceTest;
import io.edgepass.testsupport.TestPostgres;
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

	@Autowired
	DataSource dataSource;

	/** A connection to another database of the same server, to switch this one off. */
	private Connection admin;

	private String database;

	@AfterEach
	void databaseIsBack() throws SQLException {
		if (this.admin != null) {
			allowConnections(true);
			this.admin.close();
		}
		this.dataSource.unwrap(HikariDataSource.class).getHikariPoolMXBean().softEvictConnections();
	}

	@Test
	void probesAndMetricsAreOnTheManagementPort() {
		assertThat(management("/actuator/health/liveness").status()).isEqualTo(200);
		Response readiness = management("/actuator/health/readiness");
		assertThat(readiness.status()).isEqualTo(200);
		assertThat((String) readiness.json("$.status")).isEqualTo("UP");
		Response prometheus = management("/actuator/prometheus");
		assertThat(prometheus.status()).isEqualTo(200);
		assertThat(prometheus.body()).contains("hikaricp_connections", "http_server_requests");
	}

	@Test
	void withTheDatabaseDownRequestsGet503QuicklyAndTheServiceIsNotReadyButAlive() throws Exception {
		assertThat(get("/profiles/me", this.alice).status()).isEqualTo(200);
		databaseGoesAway();

		long started = System.nanoTime();
		Response read = get("/profiles/me", this.alice);
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
		assertProblem(read, 503);
		assertThat((String) read.json("$.type")).isEqualTo("https://edgepass.dev/problems/service-unavailable");
		assertThat(read.body()).doesNotContainIgnoringCase("sql").doesNotContain("Exception", "jdbc", "Hikari");
		assertProblem(putJson("/profiles/me", this.alice, profile("Down", null, null)), 503);
		Response readiness = management("/actuator/health/readiness");
		assertThat(readiness.status()).isEqualTo(503);
		assertThat((String) readiness.json("$.status")).isEqualTo("DOWN");
		assertThat(management("/actuator/health/liveness").status()).isEqualTo(200);

		allowConnections(true);

		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(get("/profiles/me", this.alice).status()).isEqualTo(200));
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(management("/actuator/health/readiness").status()).isEqualTo(200));
		assertThat(putJson("/profiles/me", this.alice, profile("Back", null, null)).status()).isEqualTo(200);
		assertThat((String) get("/profiles/me", this.alice).json("$.displayName")).isEqualTo("Back");
	}

	private void databaseGoesAway() throws SQLException {
		String url = this.dataSource.unwrap(HikariDataSource.class).getJdbcUrl();
		this.database = url.substring(url.lastIndexOf('/') + 1).split("\\?")[0];
		this.admin = DriverManager.getConnection(url.replace("/" + this.database, "/postgres"), TestPostgres.username(),
				TestPostgres.password());
		allowConnections(false);
		try (Statement statement = this.admin.createStatement()) {
			statement.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity " + "WHERE datname = '"
					+ this.database + "'");
		}
	}

	private void allowConnections(boolean allow) throws SQLException {
		try (Statement statement = this.admin.createStatement()) {
			statement.execute("ALTER DATABASE \"" + this.database + "\" ALLOW_CONNECTIONS " + allow);
		}
	}

}
