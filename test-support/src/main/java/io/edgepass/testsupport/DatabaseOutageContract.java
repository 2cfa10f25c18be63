package io.edgepass.testsupport;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

import io.edgepass.testsupport.ServiceHttpTest.Response;
import io.edgepass.trust.EdgeIdentity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static io.edgepass.testsupport.ServiceHttpTest.assertDatabaseUnavailable;
import static io.edgepass.testsupport.ServiceHttpTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * THREATS E-42 service side: with PostgreSQL unreachable the service answers 503 within
 * the pool timeout, readiness goes DOWN while liveness stays UP, and it recovers without
 * a restart. The outage is real: the service's database stops accepting connections and
 * its sessions are terminated. Run per service by a {@link ServiceHttpTest} that
 * implements it.
 */
public interface DatabaseOutageContract {

	/** This service's database, to switch off and on. */
	DatabaseSwitch database();

	/**
	 * Makes something {@code caller} can read, while the database is up.
	 * @return its path
	 */
	String readable(EdgeIdentity caller);

	/**
	 * A write by {@code caller}; {@code label}, where the service keeps one, tells writes
	 * apart.
	 */
	Response write(EdgeIdentity caller, String label);

	/** The status of a {@link #write} that succeeded. */
	int writtenStatus();

	/** More paths {@code caller} gets a 503 from while the database is down. */
	default List<String> alsoUnavailable() {
		return List.of();
	}

	/** What shows that the write after the outage, labelled {@code "Back"}, was kept. */
	void assertWrittenAfterTheOutage(EdgeIdentity caller);

	private ServiceHttpTest service() {
		return (ServiceHttpTest) this;
	}

	@AfterEach
	default void databaseIsBack() throws SQLException {
		database().on();
	}

	@Test
	default void probesAndMetricsAreOnTheManagementPort() {
		service().assertProbesAndMetricsOnManagementPort();
	}

	@Test
	default void withTheDatabaseDownRequestsGet503QuicklyAndTheServiceIsNotReadyButAlive() throws Exception {
		EdgeIdentity alice = ServiceHttpTest.newUser();
		String path = readable(alice);
		assertThat(service().get(path, alice).status()).isEqualTo(200);
		database().off();

		long started = System.nanoTime();
		Response read = service().get(path, alice);
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
		assertDatabaseUnavailable(read);
		assertProblem(write(alice, "Down"), 503);
		for (String other : alsoUnavailable()) {
			assertProblem(service().get(other, alice), 503);
		}
		service().assertNotReadyButAlive();

		database().on();

		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(service().get(path, alice).status()).isEqualTo(200));
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(
					() -> assertThat(service().management("/actuator/health/readiness").status()).isEqualTo(200));
		assertThat(write(alice, "Back").status()).isEqualTo(writtenStatus());
		assertWrittenAfterTheOutage(alice);
	}

}
