package io.edgepass.systemtests.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import io.edgepass.launcher.Service;
import io.edgepass.launcher.ServiceFailure;
import io.edgepass.launcher.ServicePorts;
import io.edgepass.launcher.Suite;
import io.edgepass.launcher.SuiteOptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A running Edgepass suite (PostgreSQL and the four service jars as processes, started by
 * the launcher's {@link Suite} exactly as the local run does) and the ways a test talks
 * to it: clients through the gateway, clients straight at a service, registered users.
 */
public final class SystemSuite implements AutoCloseable {

	public static final Duration READY_TIMEOUT = Duration.ofMinutes(3);

	/**
	 * The HS256 key the shared suite's gateway also accepts (base64, 256 random bits).
	 */
	public static final String SHARED_HS256_SECRET = EdgeAssertions.randomSecret();

	private static final AtomicInteger addresses = new AtomicInteger();

	private static final AtomicInteger users = new AtomicInteger();

	private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

	private final String name;

	private final Suite suite;

	private final RedisServer redis;

	private final Thread stopAtExit;

	private final Duration readyTimeout;

	private SystemSuite(String name, Suite suite, RedisServer redis, Duration readyTimeout) {
		this.name = name;
		this.suite = suite;
		this.redis = redis;
		this.readyTimeout = readyTimeout;
		this.stopAtExit = new Thread(this::stopAll, "edgepass-system-test-stop-" + name);
		Runtime.getRuntime().addShutdownHook(this.stopAtExit);
	}

	/**
	 * Starts a suite on free ports with an embedded PostgreSQL it owns and, like the
	 * local run, no Redis (the gateway counts rate limits in its memory), and waits until
	 * it is ready.
	 * @param name names the log directory
	 * @param customize changes to the options (environment, JVM options)
	 * @return the ready suite
	 */
	public static SystemSuite start(String name, UnaryOperator<SuiteOptions> customize) {
		return start(name, null, customize, READY_TIMEOUT);
	}

	/**
	 * The same, waiting longer for readiness: for a suite of more processes than cores.
	 * @param name names the log directory
	 * @param customize changes to the options (environment, JVM options)
	 * @param readyTimeout how long every start and restart may take to be ready
	 * @return the ready suite
	 */
	public static SystemSuite start(String name, UnaryOperator<SuiteOptions> customize, Duration readyTimeout) {
		return start(name, null, customize, readyTimeout);
	}

	/**
	 * Starts a suite like {@link #start(String, UnaryOperator)} whose gateway keeps its
	 * rate limits in a {@link RedisServer} of the suite's own, which {@link #redis()}
	 * stops and {@link #restore()} starts again.
	 * @param name names the log directory
	 * @return the ready suite
	 */
	public static SystemSuite startWithRedis(String name) {
		RedisServer redis = RedisServer.start(logDirectory(name).resolve("redis.log"));
		try {
			return start(name, redis, UnaryOperator.identity(), READY_TIMEOUT);
		}
		catch (RuntimeException ex) {
			redis.stop();
			throw ex;
		}
	}

	private static SystemSuite start(String name, RedisServer redis, UnaryOperator<SuiteOptions> customize,
			Duration readyTimeout) {
		try {
			return startOnce(name, redis, customize, readyTimeout);
		}
		catch (PortTakenException ex) {
			// Another process on this shared machine took a port between our check and
			// the
			// service's bind: once more on other ports (with Redis, which the failed
			// start stopped, started again).
			if (redis != null) {
				redis.start();
			}
			return startOnce(name, redis, customize, readyTimeout);
		}
	}

	private static SystemSuite startOnce(String name, RedisServer redis, UnaryOperator<SuiteOptions> customize,
			Duration readyTimeout) {
		SuiteOptions options = SuiteOptions.defaults(projectRoot())
			.withPorts(freePorts())
			.withLogDirectory(logDirectory(name))
			.withRedisUrl((redis != null) ? redis.url() : null)
			.withJvmArguments(List.of("-Xmx384m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"))
			.withShutdownGrace(Duration.ofSeconds(25));
		Suite suite = Suite.start(customize.apply(options));
		SystemSuite started = new SystemSuite(name, suite, redis, readyTimeout);
		try {
			started.awaitReady();
		}
		catch (RuntimeException ex) {
			// Not close(): a port another process took is no leak of ours.
			started.stop();
			String tails = started.logTails();
			String message = "The " + name + " suite did not become ready: " + ex.getMessage()
					+ "\nLast lines of the service logs:\n" + tails;
			if (tails.contains("already in use")) {
				throw new PortTakenException(message, ex);
			}
			throw new IllegalStateException(message, ex);
		}
		return started;
	}

	private static Path logDirectory(String name) {
		return Path
			.of(System.getProperty("edgepass.logs", projectRoot().resolve("system-tests/target/suite-logs").toString()))
			.resolve(name);
	}

	private static Map<Service, ServicePorts> freePorts() {
		Map<Service, ServicePorts> ports = new EnumMap<>(Service.class);
		for (Service service : Service.values()) {
			ports.put(service, ServicePorts.free());
		}
		return ports;
	}

	private static final class PortTakenException extends IllegalStateException {

		PortTakenException(String message, Throwable cause) {
			super(message, cause);
		}

	}

	public void awaitReady() {
		this.suite.awaitReady(this.readyTimeout);
	}

	public Suite suite() {
		return this.suite;
	}

	/** The gateway's Redis, for a suite started {@link #startWithRedis with one}. */
	public RedisServer redis() {
		if (this.redis == null) {
			throw new IllegalStateException("The " + this.name + " suite runs without Redis, like the local run");
		}
		return this.redis;
	}

	/** The service that died unasked, which made the suite stop itself, if one did. */
	public Optional<ServiceFailure> failure() {
		return Optional.ofNullable(this.suite.failure().getNow(null));
	}

	/**
	 * A new client of the public API (through the gateway) with its own source address.
	 */
	public ApiClient client() {
		return client(Service.GATEWAY);
	}

	/** A new client straight at one service's main port, bypassing the gateway. */
	public ApiClient client(Service service) {
		return client(service, 1);
	}

	/**
	 * A new client straight at one replica's main port (of a gateway: that gateway's
	 * public API).
	 */
	public ApiClient client(Service service, int replica) {
		return new ApiClient(URI.create("http://127.0.0.1:" + this.suite.options().ports(service, replica).port()),
				nextAddress());
	}

	/**
	 * A new client, with its own source address, of every gateway behind one front door.
	 */
	public FrontDoor frontDoor() {
		List<URI> gateways = this.suite.replicas()
			.stream()
			.map((replica) -> URI
				.create("http://127.0.0.1:" + this.suite.options().ports(Service.GATEWAY, replica).port()))
			.toList();
		return new FrontDoor(gateways, nextAddress());
	}

	/** A new client of one service's management (actuator) port. */
	public ApiClient management(Service service) {
		return management(service, 1);
	}

	public ApiClient management(Service service, int replica) {
		return new ApiClient(
				URI.create("http://127.0.0.1:" + this.suite.options().ports(service, replica).managementPort()),
				nextAddress());
	}

	/** The issuer the suite's tokens carry: the gateway's public URL. */
	public String issuer() {
		return this.suite.baseUrl().toString();
	}

	/** Registers a new user from a new client of their own. */
	public Person register() {
		ApiClient client = client();
		String username = "st-" + RUN + "-" + users.incrementAndGet();
		String password = "pw-" + UUID.randomUUID();
		Reply registered = client
			.post("/auth/register", null, Json.write(Map.of("username", username, "password", password)))
			.expect(201);
		return new Person(registered.field("id"), username, password, client);
	}

	/** The bootstrap admin, from a new client (its id is the token's {@code sub}). */
	public Person admin() {
		ApiClient client = client();
		Person admin = new Person("", this.suite.secrets().adminUsername(), this.suite.secrets().adminPassword(),
				client);
		String id = Tokens.claims(admin.login().accessToken()).path("sub").asString();
		return new Person(id, admin.username(), admin.password(), client);
	}

	/** A JDBC connection to a service's own database, for checks behind the API. */
	public Connection database(Service service) throws SQLException {
		String url = this.suite.postgres().jdbcUrl(this.suite.options().databaseNames().get(service));
		return DriverManager.getConnection(url, this.suite.postgres().username(), this.suite.postgres().password());
	}

	/**
	 * The sum of a Prometheus metric's samples on a service's management port.
	 * @param service the service
	 * @param metric the metric's name
	 * @param labelsContaining a text every counted sample's labels contain, or ""
	 * @return the sum
	 */
	public double metric(Service service, String metric, String labelsContaining) {
		return metric(service, 1, metric, labelsContaining);
	}

	/** The same, on one replica. */
	public double metric(Service service, int replica, String metric, String labelsContaining) {
		try (ApiClient management = management(service, replica)) {
			Reply scrape = management.get("/actuator/prometheus", null).expect(200);
			return scrape.body()
				.lines()
				.filter((line) -> line.startsWith(metric + "{") || line.startsWith(metric + " "))
				.filter((line) -> line.contains(labelsContaining))
				.mapToDouble((line) -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
				.sum();
		}
	}

	/**
	 * Brings back whatever a fault test stopped (PostgreSQL, Redis, dead services) and
	 * waits until the suite is ready again.
	 */
	public void restore() {
		failure().ifPresent((failure) -> {
			throw new IllegalStateException("The suite stopped itself because " + failure.describe());
		});
		this.suite.postgres().start();
		if (this.redis != null) {
			this.redis.start();
		}
		for (Service service : Service.values()) {
			for (int replica : this.suite.replicas()) {
				if (!this.suite.isRunning(service, replica)) {
					this.suite.restart(service, replica);
				}
			}
		}
		awaitReady();
	}

	/** The last lines of every service's log, for failure messages. */
	public String logTails() {
		StringBuilder text = new StringBuilder();
		for (Service service : Service.values()) {
			for (int replica : this.suite.replicas()) {
				appendTail(text, this.suite.logFile(service, replica));
			}
		}
		return text.toString();
	}

	private static void appendTail(StringBuilder text, Path log) {
		text.append("--- ").append(log).append('\n');
		if (Files.exists(log)) {
			try (Stream<String> lines = Files.lines(log, StandardCharsets.UTF_8)) {
				List<String> all = lines.toList();
				all.subList(Math.max(0, all.size() - 25), all.size())
					.forEach((line) -> text.append("  | ").append(line).append('\n'));
			}
			catch (IOException | UncheckedIOException ex) {
				text.append("  (unreadable: ").append(ex.getMessage()).append(")\n");
			}
		}
	}

	/**
	 * Stops the suite and checks that it left nothing behind: no process started by this
	 * JVM (services, PostgreSQL, Redis, browsers) and no service or Redis port still
	 * bound. Only one suite runs at a time, so any child process left is a leak.
	 */
	@Override
	public void close() {
		if (stop()) {
			await("the " + this.name + " suite's processes and ports released").atMost(Duration.ofSeconds(15))
				.pollInterval(Duration.ofMillis(200))
				.untilAsserted(() -> assertThat(leftovers()).as("left behind by the %s suite", this.name).isEmpty());
		}
	}

	/** Stops the suite; {@code false} when the JVM is exiting (the hook stops it). */
	private boolean stop() {
		stopAll();
		try {
			Runtime.getRuntime().removeShutdownHook(this.stopAtExit);
			return true;
		}
		catch (IllegalStateException ex) {
			return false;
		}
	}

	private void stopAll() {
		this.suite.stop();
		if (this.redis != null) {
			this.redis.stop();
		}
	}

	private List<String> leftovers() {
		List<String> leftovers = new ArrayList<>();
		ProcessHandle.current()
			.descendants()
			.filter(ProcessHandle::isAlive)
			.forEach((process) -> leftovers
				.add("process " + process.pid() + " " + process.info().commandLine().orElse("(command unknown)")));
		for (Service service : Service.values()) {
			for (int replica : this.suite.replicas()) {
				ServicePorts ports = this.suite.options().ports(service, replica);
				Stream.of(ports.port(), ports.managementPort())
					.filter((port) -> !ServicePorts.isFree(port))
					.forEach((port) -> leftovers.add(service + " " + replica + " port " + port + " still bound"));
			}
		}
		if (this.redis != null && !ServicePorts.isFree(this.redis.port())) {
			leftovers.add("Redis port " + this.redis.port() + " still bound");
		}
		return leftovers;
	}

	@Override
	public String toString() {
		return "SystemSuite[" + this.name + " at " + this.suite.baseUrl() + "]";
	}

	private static InetAddress nextAddress() {
		int n = addresses.incrementAndGet();
		try {
			return InetAddress.getByName("127.20." + (n / 250) + "." + (n % 250 + 1));
		}
		catch (UnknownHostException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The repository's root directory. */
	public static Path projectRoot() {
		String configured = System.getProperty("edgepass.root");
		Path directory = Path.of((configured != null) ? configured : "").toAbsolutePath().normalize();
		while (directory != null && !Files.exists(directory.resolve("mvnw"))) {
			directory = directory.getParent();
		}
		if (directory == null) {
			throw new IllegalStateException("Run from inside the Edgepass repository (no mvnw found above "
					+ Path.of("").toAbsolutePath() + ")");
		}
		return directory;
	}

}
