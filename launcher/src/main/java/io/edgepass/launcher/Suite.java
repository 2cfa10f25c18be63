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

	private final Map<Service, ServiceProcess> processes = new EnumMap<>(Service.class);

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
			ServicePorts ports = this.options.ports(service);
			for (int port : new int[] { ports.port(), ports.managementPort() }) {
				if (!ServicePorts.isFree(port)) {
					problems.add(service + ": port " + port + " is already in use (another Edgepass running?)");
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
			deleteOldLog(logFile(service));
			ServiceProcess process = new ServiceProcess(service, command(service),
					ServiceEnvironment.of(service, this.options, this.secrets, this.database), logFile(service));
			this.processes.put(service, process);
			process.start(this::unexpectedExit);
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
	 * Waits until every service's readiness probe answers {@code 200} and then until the
	 * gateway serves the JWKS.
	 * @param timeout how long to wait in all
	 * @throws SuiteNotReadyException when a service dies or time runs out
	 */
	public void awaitReady(Duration timeout) {
		Map<String, URI> probes = new LinkedHashMap<>();
		for (Service service : START_ORDER) {
			probes.put(service + " readiness", readinessUrl(service));
		}
		this.readiness.awaitOk(probes, timeout, this::currentFailure);
		this.readiness.awaitOk(Map.of("gateway JWKS", jwksUrl()), timeout, this::currentFailure);
	}

	/**
	 * Whether the suite is ready right now, by the same measure as
	 * {@link #awaitReady(Duration)}.
	 * @return {@code true} when every probe and the JWKS answer {@code 200}
	 */
	public boolean isReady() {
		return START_ORDER.stream().allMatch((service) -> this.readiness.isOk(readinessUrl(service)))
				&& this.readiness.isOk(jwksUrl());
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

	/** SIGKILL one service and wait until it is gone. Not counted as a failure. */
	public void kill(Service service) {
		process(service).kill();
	}

	/**
	 * SIGTERM one service and wait until it has exited (SIGKILL after the shutdown
	 * grace). Not counted as a failure.
	 */
	public void terminate(Service service) {
		process(service).terminate(this.options.shutdownGrace());
	}

	/**
	 * Stops one service gracefully if it runs, and starts it again. Wait for it with
	 * {@link #awaitReady(Duration)}.
	 */
	public void restart(Service service) {
		ServiceProcess process = process(service);
		process.terminate(this.options.shutdownGrace());
		process.start(this::unexpectedExit);
	}

	/** Whether the service's process is alive (not whether it is ready). */
	public boolean isRunning(Service service) {
		return process(service).isAlive();
	}

	/** The operating-system process of a service, for tests that watch it. */
	public ProcessHandle processHandle(Service service) {
		return process(service).handle();
	}

	/** The database server, to stop and start it in fault tests. */
	public DatabaseServer postgres() {
		return this.database;
	}

	/** The public API: the gateway's URL. */
	public URI baseUrl() {
		return baseUrl(Service.GATEWAY);
	}

	/** A service's own API URL (behind the gateway). */
	public URI baseUrl(Service service) {
		return URI.create(ServiceEnvironment.localUrl(this.options.ports(service).port()));
	}

	/** A service's management (actuator) URL. */
	public URI managementUrl(Service service) {
		return URI.create(ServiceEnvironment.localUrl(this.options.ports(service).managementPort()));
	}

	public URI readinessUrl(Service service) {
		return managementUrl(service).resolve("/actuator/health/readiness");
	}

	public URI jwksUrl() {
		return baseUrl().resolve("/.well-known/jwks.json");
	}

	public DevSecrets secrets() {
		return this.secrets;
	}

	public SuiteOptions options() {
		return this.options;
	}

	public Path logFile(Service service) {
		return this.options.logDirectory().resolve(service.module() + ".log");
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
			ServiceProcess process = this.processes.get(service);
			if (process != null) {
				stoppers.add(Thread.ofPlatform()
					.name("edgepass-stop-" + service)
					.start(() -> process.terminate(this.options.shutdownGrace())));
			}
		}
		for (Thread stopper : stoppers) {
			try {
				stopper.join();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				this.processes.values().forEach(ServiceProcess::kill);
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

	private ServiceProcess process(Service service) {
		ServiceProcess process = this.processes.get(service);
		if (process == null) {
			throw new IllegalStateException(service + " was never started");
		}
		return process;
	}

}
