package io.edgepass.launcher;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * How to start the suite. {@link #defaults(Path)} is the local run of the README; tests
 * change what they need with the {@code with...} methods (free ports, extra environment,
 * unique database names).
 *
 * @param jars the executable jar of each service
 * @param ports the ports of each replica of each service: as many replicas of every
 * service, one by default
 * @param databaseNames the database of each service that has one
 * @param database where PostgreSQL comes from
 * @param redisUrl the gateway's Redis ({@code EDGEPASS_REDIS_URL}), or {@code null} for
 * none
 * @param extraEnvironment environment variables added to (or overriding) a service's
 * @param javaCommand the {@code java} that runs the jars
 * @param jvmArguments options for every service's JVM
 * @param logDirectory where each service's {@code <module>.log} goes
 * @param secrets the secrets, or {@code null} to generate them when the suite is created
 * @param shutdownGrace how long a SIGTERM'd service may take before it is killed
 */
public record SuiteOptions(Map<Service, Path> jars, Map<Service, List<ServicePorts>> ports,
		Map<Service, String> databaseNames, DatabaseSource database, String redisUrl,
		Map<Service, Map<String, String>> extraEnvironment, Path javaCommand, List<String> jvmArguments,
		Path logDirectory, DevSecrets secrets, Duration shutdownGrace) {

	/**
	 * Replica {@code n} of a service in the local run listens on its ports + 10·(n−1).
	 */
	static final int REPLICA_PORT_STEP = 10;

	/** Ports 8080 + 10·(n−1) stay below the management ports 9080 and up. */
	public static final int MAX_REPLICAS = 50;

	public SuiteOptions {
		jars = copy(jars);
		Map<Service, List<ServicePorts>> replicaPorts = new EnumMap<>(Service.class);
		ports.forEach((service, list) -> replicaPorts.put(service, List.copyOf(list)));
		ports = Map.copyOf(replicaPorts);
		databaseNames = copy(databaseNames);
		Map<Service, Map<String, String>> extra = new EnumMap<>(Service.class);
		extraEnvironment.forEach((service, environment) -> extra.put(service, Map.copyOf(environment)));
		extraEnvironment = Map.copyOf(extra);
		jvmArguments = List.copyOf(jvmArguments);
		for (Service service : Service.values()) {
			if (!jars.containsKey(service) || !ports.containsKey(service) || ports.get(service).isEmpty()) {
				throw new IllegalArgumentException("No jar or ports for " + service);
			}
			if (ports.get(service).size() != ports.get(Service.GATEWAY).size()) {
				throw new IllegalArgumentException("Every service needs as many replicas as the gateway: " + ports);
			}
			if (service.defaultDatabase().isPresent() && !databaseNames.containsKey(service)) {
				throw new IllegalArgumentException("No database name for " + service);
			}
		}
	}

	/**
	 * The local run: the jars built under {@code projectRoot}, the ports of DESIGN.md, an
	 * embedded PostgreSQL in a temporary directory, no Redis, logs in {@code .run/logs}.
	 * @param projectRoot the repository's root directory
	 * @return the options
	 */
	public static SuiteOptions defaults(Path projectRoot) {
		Map<Service, Path> jars = new EnumMap<>(Service.class);
		Map<Service, List<ServicePorts>> ports = new EnumMap<>(Service.class);
		Map<Service, String> databases = new EnumMap<>(Service.class);
		for (Service service : Service.values()) {
			jars.put(service,
					projectRoot.resolve(service.module()).resolve("target").resolve(service.module() + ".jar"));
			ports.put(service, List.of(service.defaultPorts()));
			service.defaultDatabase().ifPresent((database) -> databases.put(service, database));
		}
		Path java = ProcessHandle.current().info().command().map(Path::of).orElse(Path.of("java"));
		return new SuiteOptions(jars, ports, databases, DatabaseSource.embedded(), null, Map.of(), java, List.of(),
				projectRoot.resolve(".run").resolve("logs"), null, Duration.ofSeconds(30));
	}

	/**
	 * The same options with free ports for every replica of every service, for tests.
	 * @return the options
	 */
	public SuiteOptions withFreePorts() {
		Map<Service, List<ServicePorts>> free = new EnumMap<>(Service.class);
		for (Service service : Service.values()) {
			free.put(service, IntStream.range(0, replicas()).mapToObj((replica) -> ServicePorts.free()).toList());
		}
		return withReplicaPorts(free);
	}

	/**
	 * The same options with one replica of each service, on these ports.
	 * @param ports each service's ports
	 * @return the options
	 */
	public SuiteOptions withPorts(Map<Service, ServicePorts> ports) {
		Map<Service, List<ServicePorts>> single = new EnumMap<>(Service.class);
		ports.forEach((service, pair) -> single.put(service, List.of(pair)));
		return withReplicaPorts(single);
	}

	public SuiteOptions withReplicaPorts(Map<Service, List<ServicePorts>> ports) {
		return new SuiteOptions(this.jars, ports, this.databaseNames, this.database, this.redisUrl,
				this.extraEnvironment, this.javaCommand, this.jvmArguments, this.logDirectory, this.secrets,
				this.shutdownGrace);
	}

	/**
	 * The same options with {@code count} replicas of every service: replica {@code n}
	 * listens on replica 1's ports + 10·(n−1) (gateways on 8080, 8090, 8100, ... in the
	 * local run). Tests follow with {@link #withFreePorts()}.
	 * @param count how many processes of each service, 1 to {@value #MAX_REPLICAS}
	 * @return the options
	 */
	public SuiteOptions withReplicas(int count) {
		if (count < 1 || count > MAX_REPLICAS) {
			throw new IllegalArgumentException("Replicas must be between 1 and " + MAX_REPLICAS + ", not " + count);
		}
		Map<Service, List<ServicePorts>> replicated = new EnumMap<>(Service.class);
		this.ports.forEach((service, list) -> {
			ServicePorts first = list.get(0);
			replicated.put(service,
					IntStream.range(0, count)
						.mapToObj((n) -> new ServicePorts(first.port() + REPLICA_PORT_STEP * n,
								first.managementPort() + REPLICA_PORT_STEP * n))
						.toList());
		});
		return withReplicaPorts(replicated);
	}

	public SuiteOptions withJar(Service service, Path jar) {
		Map<Service, Path> changed = new EnumMap<>(this.jars);
		changed.put(service, jar);
		return new SuiteOptions(changed, this.ports, this.databaseNames, this.database, this.redisUrl,
				this.extraEnvironment, this.javaCommand, this.jvmArguments, this.logDirectory, this.secrets,
				this.shutdownGrace);
	}

	/**
	 * The same options with every database name prefixed, so that tests sharing a server
	 * do not collide.
	 * @param prefix such as {@code test_1234_}
	 * @return the options
	 */
	public SuiteOptions withDatabasePrefix(String prefix) {
		Map<Service, String> prefixed = new EnumMap<>(Service.class);
		this.databaseNames.forEach((service, name) -> prefixed.put(service, prefix + name));
		return new SuiteOptions(this.jars, this.ports, prefixed, this.database, this.redisUrl, this.extraEnvironment,
				this.javaCommand, this.jvmArguments, this.logDirectory, this.secrets, this.shutdownGrace);
	}

	public SuiteOptions withDatabase(DatabaseSource database) {
		return new SuiteOptions(this.jars, this.ports, this.databaseNames, database, this.redisUrl,
				this.extraEnvironment, this.javaCommand, this.jvmArguments, this.logDirectory, this.secrets,
				this.shutdownGrace);
	}

	public SuiteOptions withRedisUrl(String redisUrl) {
		return new SuiteOptions(this.jars, this.ports, this.databaseNames, this.database, redisUrl,
				this.extraEnvironment, this.javaCommand, this.jvmArguments, this.logDirectory, this.secrets,
				this.shutdownGrace);
	}

	/**
	 * The same options with more environment for one service; later values win.
	 * @param service the service
	 * @param environment the variables
	 * @return the options
	 */
	public SuiteOptions withEnvironment(Service service, Map<String, String> environment) {
		Map<Service, Map<String, String>> changed = new EnumMap<>(Service.class);
		changed.putAll(this.extraEnvironment);
		Map<String, String> merged = new LinkedHashMap<>(this.extraEnvironment.getOrDefault(service, Map.of()));
		merged.putAll(environment);
		changed.put(service, merged);
		return new SuiteOptions(this.jars, this.ports, this.databaseNames, this.database, this.redisUrl, changed,
				this.javaCommand, this.jvmArguments, this.logDirectory, this.secrets, this.shutdownGrace);
	}

	public SuiteOptions withJvmArguments(List<String> jvmArguments) {
		return new SuiteOptions(this.jars, this.ports, this.databaseNames, this.database, this.redisUrl,
				this.extraEnvironment, this.javaCommand, jvmArguments, this.logDirectory, this.secrets,
				this.shutdownGrace);
	}

	public SuiteOptions withLogDirectory(Path logDirectory) {
		return new SuiteOptions(this.jars, this.ports, this.databaseNames, this.database, this.redisUrl,
				this.extraEnvironment, this.javaCommand, this.jvmArguments, logDirectory, this.secrets,
				this.shutdownGrace);
	}

	public SuiteOptions withSecrets(DevSecrets secrets) {
		return new SuiteOptions(this.jars, this.ports, this.databaseNames, this.database, this.redisUrl,
				this.extraEnvironment, this.javaCommand, this.jvmArguments, this.logDirectory, secrets,
				this.shutdownGrace);
	}

	public SuiteOptions withShutdownGrace(Duration shutdownGrace) {
		return new SuiteOptions(this.jars, this.ports, this.databaseNames, this.database, this.redisUrl,
				this.extraEnvironment, this.javaCommand, this.jvmArguments, this.logDirectory, this.secrets,
				shutdownGrace);
	}

	public Path jar(Service service) {
		return this.jars.get(service);
	}

	/** How many processes of each service run. */
	public int replicas() {
		return this.ports.get(Service.GATEWAY).size();
	}

	/** The ports of a service's first replica. */
	public ServicePorts ports(Service service) {
		return ports(service, 1);
	}

	/**
	 * The ports of one replica.
	 * @param service the service
	 * @param replica 1 to {@link #replicas()}
	 * @return its ports
	 */
	public ServicePorts ports(Service service, int replica) {
		if (replica < 1 || replica > replicas()) {
			throw new IllegalArgumentException(service + " has no replica " + replica + " (1 to " + replicas() + ")");
		}
		return this.ports.get(service).get(replica - 1);
	}

	private static <V> Map<Service, V> copy(Map<Service, V> map) {
		return Map.copyOf(map);
	}

}
