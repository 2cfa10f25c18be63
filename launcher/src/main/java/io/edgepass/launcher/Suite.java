package io.edgepass.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

/**
 * The whole suite on this machine: PostgreSQL (embedded or external) and the four
 * services as supervised {@code java -jar} processes. The local run and the system tests
 * start it the same way:
 *
 * <pre>{@code
 * try (Suite suite = Suite.start(SuiteOptions.defaults(root).withFreePorts())) {
 *     suite.awaitReady(Duration.ofMinutes(3));
 *     URI api = suite.baseUrl();
 * }
 * }</pre>
 *
 * With {@link SuiteOptions#withReplicas(int)} every service runs as that many processes
 * ("replicas", numbered from 1), and each gateway reaches every replica of every service.
 * Methods taking only a {@link Service} act on all its replicas (or name the first);
 * those also taking a replica number act on that one.
 * <p>
 * A service that dies unasked stops the whole suite and completes {@link #failure()};
 * {@link #kill}, {@link #terminate} and {@link #restart} are asked for, so they do not.
 */
public final class Suite implements AutoCloseable {

	/** The order they are started in; they are stopped all at once. */
	private static final List<Service> START_ORDER = List.of(Service.AUTH, Service.ORDERS, Service.PROFILE,
			Service.GATEWAY);

	private static final int LOG_TAIL_LINES = 40;

	private final SuiteOptions options;

	private final DevSecrets secrets;

	private final Map<Service, List<ServiceProcess>> processes = new EnumMap<>(Service.class);

	private final CompletableFuture<ServiceFailure> failure = new CompletableFuture<>();

	private final Readiness readiness = new Readiness();

	private DatabaseServer database;

	private volatile boolean stopping;

	private boolean stopped;

	private Suite(SuiteOptions options) {
		this.options = options;
		this.secrets = (options.secrets() != null) ? options.secrets() : DevSecrets.generate();
	}

	/**
	 * Checks the jars and ports, starts PostgreSQL, creates the databases, and starts the
	 * four services. Does not wait for them: see {@link #awaitReady(Duration)}.
	 * @param options how
	 * @return the running suite
	 */
	public static Suite start(SuiteOptions options) {
		Suite suite = new Suite(options);
		try {
			suite.startAll();
		}
		catch (RuntimeException ex) {
			suite.stop();
			throw ex;
		}
		return suite;
	}

	private void startAll() {
		List<String> problems = new ArrayList<>();
		for (Service service : START_ORDER) {
			Path jar = this.options.jar(service);
			if (!Files.isRegularFile(jar)) {
				problems.add(service + ": no jar at " + jar + " (build it with ./mvnw -DskipTests package)");
			}
			for (int replica : replicas()) {
				ServicePorts ports = this.options.ports(service, replica);
				for (int port : new int[] { ports.port(), ports.managementPort() }) {
					if (!ServicePorts.isFree(port)) {
						problems.add(service + ": port " + port + " is already in use (another Edgepass running?)");
					}
				}
			}
		}
		if (!problems.isEmpty()) {
			throw new IllegalStateException("Cannot start the suite:\n  " + String.join("\n  ", problems));
		}
		this.database = switch (this.options.database()) {
			case DatabaseSource.Embedded embedded ->
				EmbeddedDatabaseServer.start(embedded, this.options.logDirectory().resolve("postgres.log"));
			case DatabaseSource.External external -> new ExternalDatabaseServer(external);
		};
		this.database.createDatabasesIfMissing(this.options.databaseNames().values());
		for (Service service : START_ORDER) {
			for (int replica : replicas()) {
				deleteOldLog(logFile(service, replica));
				ServiceProcess process = new ServiceProcess(service, replica, command(service),
						ServiceEnvironment.of(service, replica, this.options, this.secrets, this.database),
						logFile(service, replica));
				this.processes.computeIfAbsent(service, (key) -> new ArrayList<>()).add(process);
				process.start(this::unexpectedExit);
			}
		}
	}

	/** A new suite starts new logs; a restarted service appends to its log. */
	private static void deleteOldLog(Path logFile) {
		try {
			Files.deleteIfExists(logFile);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot replace the old log " + logFile, ex);
		}
	}

	private List<String> command(Service service) {
		List<String> command = new ArrayList<>();
		command.add(this.options.javaCommand().toString());
		command.addAll(this.options.jvmArguments());
		command.add("-jar");
		command.add(this.options.jar(service).toAbsolutePath().toString());
		return command;
	}

	private void unexpectedExit(ServiceProcess process, int exitCode) {
		if (this.stopping) {
			return;
		}
		ServiceFailure failed = new ServiceFailure(process.service(), exitCode, process.logTail(LOG_TAIL_LINES));
		if (this.failure.complete(failed)) {
			Thread.ofPlatform().name("edgepass-stop-after-failure").start(this::stop);
		}
	}

	/**
	 * Waits until every replica's readiness probe answers {@code 200} and then until
	 * every gateway serves the JWKS.
	 * @param timeout how long to wait in all
	 * @throws SuiteNotReadyException when a service dies or time runs out
	 */
	public void awaitReady(Duration timeout) {
		this.readiness.awaitOk(readinessProbes(), timeout, this::currentFailure);
		this.readiness.awaitOk(jwksProbes(), timeout, this::currentFailure);
	}

	/**
	 * Whether the suite is ready right now, by the same measure as
	 * {@link #awaitReady(Duration)}.
	 * @return {@code true} when every probe and the JWKS answer {@code 200}
	 */
	public boolean isReady() {
		return readinessProbes().values().stream().allMatch(this.readiness::isOk)
				&& jwksProbes().values().stream().allMatch(this.readiness::isOk);
	}

	private Map<String, URI> readinessProbes() {
		Map<String, URI> probes = new LinkedHashMap<>();
		for (Service service : START_ORDER) {
			for (int replica : replicas()) {
				probes.put(name(service, replica) + " readiness", readinessUrl(service, replica));
			}
		}
		return probes;
	}

	private Map<String, URI> jwksProbes() {
		Map<String, URI> probes = new LinkedHashMap<>();
		for (int replica : replicas()) {
			probes.put(name(Service.GATEWAY, replica) + " JWKS", jwksUrl(replica));
		}
		return probes;
	}

	/** The replica numbers, 1 to {@link SuiteOptions#replicas()}. */
	public List<Integer> replicas() {
		return IntStream.rangeClosed(1, this.options.replicas()).boxed().toList();
	}

	/** {@code orders-service}, or {@code orders-service 2} when there are replicas. */
	String name(Service service, int replica) {
		return (this.options.replicas() == 1) ? service.module() : service.module() + " " + replica;
	}

	/**
	 * Completes when a service dies unasked (the suite then stops itself).
	 * @return the failure to come
	 */
	public CompletableFuture<ServiceFailure> failure() {
		return this.failure.copy();
	}

	private Optional<ServiceFailure> currentFailure() {
		return Optional.ofNullable(this.failure.getNow(null));
	}

	/**
	 * SIGKILL every replica of a service and wait until they are gone. Not counted as a
	 * failure.
	 */
	public void kill(Service service) {
		processes(service).forEach(ServiceProcess::kill);
	}

	/** SIGKILL one replica and wait until it is gone. Not counted as a failure. */
	public void kill(Service service, int replica) {
		process(service, replica).kill();
	}

	/**
	 * SIGTERM every replica of a service and wait until they have exited (SIGKILL after
	 * the shutdown grace). Not counted as a failure.
	 */
	public void terminate(Service service) {
		processes(service).forEach((process) -> process.terminate(this.options.shutdownGrace()));
	}

	/**
	 * Stops every replica of a service gracefully if it runs, and starts them again. Wait
	 * for them with {@link #awaitReady(Duration)}.
	 */
	public void restart(Service service) {
		for (int replica : replicas()) {
			restart(service, replica);
		}
	}

	/** Stops one replica gracefully if it runs, and starts it again. */
	public void restart(Service service, int replica) {
		ServiceProcess process = process(service, replica);
		process.terminate(this.options.shutdownGrace());
		process.start(this::unexpectedExit);
	}

	/** Whether every replica's process is alive (not whether it is ready). */
	public boolean isRunning(Service service) {
		return processes(service).stream().allMatch(ServiceProcess::isAlive);
	}

	/** Whether one replica's process is alive (not whether it is ready). */
	public boolean isRunning(Service service, int replica) {
		return process(service, replica).isAlive();
	}

	/** The operating-system process of a service's first replica, for tests. */
	public ProcessHandle processHandle(Service service) {
		return processHandle(service, 1);
	}

	/** The operating-system process of one replica, for tests that watch it. */
	public ProcessHandle processHandle(Service service, int replica) {
		return process(service, replica).handle();
	}

	/** The database server, to stop and start it in fault tests. */
	public DatabaseServer postgres() {
		return this.database;
	}

	/** The public API: the (first) gateway's URL. */
	public URI baseUrl() {
		return baseUrl(Service.GATEWAY);
	}

	/** A service's own API URL (behind the gateway), of its first replica. */
	public URI baseUrl(Service service) {
		return baseUrl(service, 1);
	}

	public URI baseUrl(Service service, int replica) {
		return URI.create(ServiceEnvironment.localUrl(this.options.ports(service, replica).port()));
	}

	/** A service's management (actuator) URL, of its first replica. */
	public URI managementUrl(Service service) {
		return managementUrl(service, 1);
	}

	public URI managementUrl(Service service, int replica) {
		return URI.create(ServiceEnvironment.localUrl(this.options.ports(service, replica).managementPort()));
	}

	public URI readinessUrl(Service service) {
		return readinessUrl(service, 1);
	}

	public URI readinessUrl(Service service, int replica) {
		return managementUrl(service, replica).resolve("/actuator/health/readiness");
	}

	public URI jwksUrl() {
		return jwksUrl(1);
	}

	/** The JWKS as one gateway serves it. */
	public URI jwksUrl(int gateway) {
		return baseUrl(Service.GATEWAY, gateway).resolve("/.well-known/jwks.json");
	}

	public DevSecrets secrets() {
		return this.secrets;
	}

	public SuiteOptions options() {
		return this.options;
	}

	/** The log of a service's first replica: {@code <module>.log}. */
	public Path logFile(Service service) {
		return logFile(service, 1);
	}

	/** {@code <module>.log} for replica 1, {@code <module>-<n>.log} for the others. */
	public Path logFile(Service service, int replica) {
		String suffix = (replica == 1) ? "" : "-" + replica;
		return this.options.logDirectory().resolve(service.module() + suffix + ".log");
	}

	/**
	 * Stops every service (SIGTERM to all at once; SIGKILL after the shutdown grace) and
	 * then the embedded PostgreSQL. Safe to call more than once and from a shutdown hook.
	 */
	public synchronized void stop() {
		if (this.stopped) {
			return;
		}
		this.stopping = true;
		List<Thread> stoppers = new ArrayList<>();
		for (Service service : START_ORDER) {
			for (ServiceProcess process : this.processes.getOrDefault(service, List.of())) {
				stoppers.add(Thread.ofPlatform()
					.name("edgepass-stop-" + service + "-" + process.replica())
					.start(() -> process.terminate(this.options.shutdownGrace())));
			}
		}
		for (Thread stopper : stoppers) {
			try {
				stopper.join();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				this.processes.values().forEach((replicas) -> replicas.forEach(ServiceProcess::kill));
			}
		}
		if (this.database instanceof EmbeddedDatabaseServer embedded) {
			embedded.destroy();
		}
		this.stopped = true;
	}

	@Override
	public void close() {
		stop();
	}

	private List<ServiceProcess> processes(Service service) {
		List<ServiceProcess> started = this.processes.get(service);
		if (started == null) {
			throw new IllegalStateException(service + " was never started");
		}
		return started;
	}

	private ServiceProcess process(Service service, int replica) {
		List<ServiceProcess> started = processes(service);
		if (replica < 1 || replica > started.size()) {
			throw new IllegalArgumentException(service + " has no replica " + replica);
		}
		return started.get(replica - 1);
	}

}
