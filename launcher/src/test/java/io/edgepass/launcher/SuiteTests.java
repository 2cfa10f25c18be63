package io.edgepass.launcher;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * The suite's supervision, with a fake service jar in place of the four real ones and a
 * real embedded PostgreSQL.
 */
class SuiteTests {

	private static final Duration READY = Duration.ofSeconds(60);

	@TempDir
	Path directory;

	private SuiteOptions options;

	private Suite suite;

	@BeforeEach
	void fakeServices() throws IOException {
		Path jar = FakeServiceJar.create(this.directory);
		SuiteOptions options = SuiteOptions.defaults(this.directory)
			.withFreePorts()
			.withLogDirectory(this.directory.resolve("logs"))
			.withShutdownGrace(Duration.ofSeconds(10));
		for (Service service : Service.values()) {
			options = options.withJar(service, jar);
		}
		this.options = options;
	}

	@AfterEach
	void stopSuite() {
		if (this.suite != null) {
			this.suite.stop();
		}
	}

	@Test
	void startsTheServicesWithTheirPortsSecretsAndDatabasesAndWaitsUntilReady() throws Exception {
		this.suite = Suite.start(this.options);
		this.suite.awaitReady(READY);
		assertThat(this.suite.isReady()).isTrue();
		for (Service service : Service.values()) {
			Properties environment = environmentOf(service);
			assertThat(environment.getProperty("SERVER_PORT"))
				.isEqualTo(Integer.toString(this.options.ports(service).port()));
			if (service == Service.GATEWAY) {
				assertThat(environment.getProperty("EDGEPASS_EDGE_MASTER_SECRET"))
					.isEqualTo(this.suite.secrets().edgeMasterSecret());
			}
			else {
				assertThat(environment.getProperty("EDGEPASS_EDGE_SECRET"))
					.isEqualTo(this.suite.secrets().edgeKey(service));
			}
		}
		for (Service service : List.of(Service.AUTH, Service.ORDERS, Service.PROFILE)) {
			Properties environment = environmentOf(service);
			try (Connection connection = DriverManager.getConnection(environment.getProperty("SPRING_DATASOURCE_URL"),
					environment.getProperty("SPRING_DATASOURCE_USERNAME"),
					environment.getProperty("SPRING_DATASOURCE_PASSWORD"))) {
				assertThat(connection.getCatalog()).isEqualTo(this.options.databaseNames().get(service));
			}
		}
		assertThat(this.suite.logFile(Service.GATEWAY)).content().contains("fake service started");
	}

	@Test
	void aServiceThatDiesUnaskedStopsTheWholeSuiteAndReportsItsLog() {
		this.suite = Suite.start(this.options);
		this.suite.awaitReady(READY);
		List<ProcessHandle> processes = processes();
		int databasePort = ((EmbeddedDatabaseServer) this.suite.postgres()).port();

		this.suite.processHandle(Service.ORDERS).destroyForcibly();

		ServiceFailure failure = this.suite.failure().orTimeout(30, TimeUnit.SECONDS).join();
		assertThat(failure.service()).isEqualTo(Service.ORDERS);
		assertThat(failure.exitCode()).isEqualTo(137);
		assertThat(failure.logTail()).anySatisfy((line) -> assertThat(line).contains("fake service started"));
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(processes).noneMatch(ProcessHandle::isAlive));
		await().atMost(Duration.ofSeconds(30)).until(() -> allPortsFree(databasePort));
	}

	@Test
	void killTerminateAndRestartAreAskedForAndNoFailure() {
		this.suite = Suite.start(this.options);
		this.suite.awaitReady(READY);

		this.suite.kill(Service.PROFILE);
		assertThat(this.suite.isRunning(Service.PROFILE)).isFalse();
		this.suite.terminate(Service.ORDERS);
		assertThat(this.suite.isRunning(Service.ORDERS)).isFalse();
		this.suite.restart(Service.PROFILE);
		this.suite.restart(Service.ORDERS);
		this.suite.restart(Service.AUTH);
		this.suite.awaitReady(READY);

		assertThat(this.suite.failure()).isNotDone();
		assertThat(Service.values()).allMatch(this.suite::isRunning);
	}

	@Test
	void replicasRunAsProcessesOfTheirOwnOnTheirOwnPortsAndEveryGatewayReachesEveryReplica() throws Exception {
		this.options = this.options.withReplicas(2).withFreePorts();
		this.suite = Suite.start(this.options);
		this.suite.awaitReady(READY);

		List<Long> pids = new ArrayList<>();
		for (Service service : Service.values()) {
			for (int replica : List.of(1, 2)) {
				Properties environment = environmentOf(service, replica);
				assertThat(environment.getProperty("SERVER_PORT"))
					.isEqualTo(Integer.toString(this.options.ports(service, replica).port()));
				pids.add(this.suite.processHandle(service, replica).pid());
				assertThat(this.suite.logFile(service, replica)).content().contains("fake service started");
			}
		}
		assertThat(pids).doesNotHaveDuplicates().hasSize(8);
		assertThat(this.suite.logFile(Service.ORDERS, 2)).hasFileName("orders-service-2.log");
		for (int gateway : List.of(1, 2)) {
			Properties environment = environmentOf(Service.GATEWAY, gateway);
			assertThat(environment.getProperty("EDGEPASS_ORDERS_URLS"))
				.isEqualTo(this.suite.baseUrl(Service.ORDERS, 1) + "," + this.suite.baseUrl(Service.ORDERS, 2));
			assertThat(environment.getProperty("EDGEPASS_AUTH_URLS"))
				.isEqualTo(this.suite.baseUrl(Service.AUTH, 1) + "," + this.suite.baseUrl(Service.AUTH, 2));
			assertThat(environment.getProperty("EDGEPASS_ISSUER")).isEqualTo(this.suite.baseUrl().toString());
		}

		this.suite.kill(Service.ORDERS, 2);
		assertThat(this.suite.isRunning(Service.ORDERS, 2)).isFalse();
		assertThat(this.suite.isRunning(Service.ORDERS, 1)).isTrue();
		this.suite.restart(Service.ORDERS, 2);
		this.suite.awaitReady(READY);
		assertThat(this.suite.failure()).isNotDone();
	}

	@Test
	void theDatabaseCanBeStoppedAndStartedAgainWithItsData() throws SQLException {
		this.suite = Suite.start(this.options);
		String url = this.suite.postgres().jdbcUrl(this.options.databaseNames().get(Service.ORDERS));
		execute(url, "CREATE TABLE kept (id int); INSERT INTO kept VALUES (42)");

		this.suite.postgres().stop();
		assertThatIllegalStateException().isThrownBy(() -> execute(url, "SELECT 1"));
		this.suite.postgres().start();

		execute(url, "SELECT id FROM kept WHERE id = 42");
	}

	@Test
	void stopEndsEveryProcessAndFreesEveryPort() {
		this.suite = Suite.start(this.options);
		this.suite.awaitReady(READY);
		List<ProcessHandle> processes = processes();
		int databasePort = ((EmbeddedDatabaseServer) this.suite.postgres()).port();

		this.suite.stop();

		assertThat(processes).noneMatch(ProcessHandle::isAlive);
		assertThat(allPortsFree(databasePort)).isTrue();
		assertThat(this.suite.failure()).isNotDone();
	}

	@Test
	void refusesToStartWithoutAJarOrWhenAPortIsTaken() throws IOException {
		SuiteOptions noJar = this.options.withJar(Service.ORDERS, this.directory.resolve("missing.jar"));
		assertThatIllegalStateException().isThrownBy(() -> Suite.start(noJar))
			.withMessageContaining("orders-service: no jar at")
			.withMessageContaining("./mvnw -DskipTests package");
		try (ServerSocket taken = new ServerSocket(this.options.ports(Service.GATEWAY).port())) {
			assertThatIllegalStateException().isThrownBy(() -> Suite.start(this.options))
				.withMessageContaining("gateway: port " + taken.getLocalPort() + " is already in use");
		}
	}

	private Properties environmentOf(Service service) throws IOException, InterruptedException {
		return environmentOf(service, 1);
	}

	private Properties environmentOf(Service service, int replica) throws IOException, InterruptedException {
		URI url = this.suite.baseUrl(service, replica).resolve("/env");
		try (HttpClient client = HttpClient.newHttpClient()) {
			String body = client.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofString()).body();
			Properties environment = new Properties();
			for (String line : body.split("\n")) {
				int equals = line.indexOf('=');
				if (equals > 0) {
					environment.setProperty(line.substring(0, equals), line.substring(equals + 1));
				}
			}
			return environment;
		}
	}

	private List<ProcessHandle> processes() {
		List<ProcessHandle> processes = new ArrayList<>();
		for (Service service : Service.values()) {
			for (int replica : this.suite.replicas()) {
				processes.add(this.suite.processHandle(service, replica));
			}
		}
		return processes;
	}

	private boolean allPortsFree(int databasePort) {
		List<Integer> ports = new ArrayList<>(List.of(databasePort));
		this.options.ports()
			.values()
			.forEach((replicas) -> replicas
				.forEach((pair) -> ports.addAll(List.of(pair.port(), pair.managementPort()))));
		return ports.stream().allMatch(ServicePorts::isFree);
	}

	private static void execute(String url, String sql) {
		try (Connection connection = DriverManager.getConnection(url, "postgres", "")) {
			connection.createStatement().execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex.getMessage(), ex);
		}
	}

}
