package io.edgepass.launcher;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * What the local run reads from its command line and environment.
 *
 * @param options the suite's options
 * @param readyTimeout how long to wait for the suite to be ready
 */
record LauncherSettings(SuiteOptions options, Duration readyTimeout) {

	static final String USAGE = """
			Usage: ./edgepass run [--keep-data] [--timeout <seconds>] [--replicas <n>]
			  --keep-data   keep the embedded database (and its secrets) in .run/ between runs
			  --timeout     how long to wait for the suite to be ready (default 180)
			  --replicas    processes of each service (default 1); replica n listens on the
			                ports of replica 1 + 10(n-1): gateways on 8080, 8090, ...
			Environment:
			  EDGEPASS_DB_URL, EDGEPASS_DB_USERNAME, EDGEPASS_DB_PASSWORD
			                an external PostgreSQL (jdbc:postgresql://host:5432) instead of the embedded one
			  EDGEPASS_REDIS_URL      Redis to share the gateway's rate limits (redis://host:6379); none by default:
			                          they are counted in the gateway's memory
			  EDGEPASS_ADMIN_PASSWORD the admin's password instead of a random one
			  EDGEPASS_JAVA_OPTS      JVM options for every service
			""";

	static LauncherSettings from(List<String> arguments, Map<String, String> environment, Path root) {
		boolean keepData = false;
		Duration timeout = Duration.ofSeconds(180);
		int replicas = 1;
		for (int i = 0; i < arguments.size(); i++) {
			switch (arguments.get(i)) {
				case "--keep-data" -> keepData = true;
				case "--timeout" -> {
					if (i + 1 == arguments.size()) {
						throw new IllegalArgumentException("--timeout needs a number of seconds\n" + USAGE);
					}
					timeout = Duration.ofSeconds(Long.parseLong(arguments.get(++i)));
				}
				case "--replicas" -> replicas = replicas(arguments, ++i);
				default -> throw new IllegalArgumentException("Unknown argument: " + arguments.get(i) + "\n" + USAGE);
			}
		}
		Path runDirectory = root.resolve(".run");
		SuiteOptions options = SuiteOptions.defaults(root).withReplicas(replicas);
		String databaseUrl = environment.get("EDGEPASS_DB_URL");
		if (databaseUrl != null && !databaseUrl.isBlank()) {
			options = options.withDatabase(
					DatabaseSource.external(databaseUrl, environment.getOrDefault("EDGEPASS_DB_USERNAME", "postgres"),
							environment.getOrDefault("EDGEPASS_DB_PASSWORD", "")));
		}
		else if (keepData) {
			options = options.withDatabase(DatabaseSource.embedded(runDirectory.resolve("postgres")));
		}
		DevSecrets secrets = keepData ? DevSecrets.loadOrCreate(runDirectory.resolve("dev-secrets.properties"))
				: DevSecrets.generate();
		String adminPassword = environment.get("EDGEPASS_ADMIN_PASSWORD");
		if (adminPassword != null && !adminPassword.isBlank()) {
			secrets = secrets.withAdminPassword(adminPassword);
		}
		String javaOptions = environment.get("EDGEPASS_JAVA_OPTS");
		if (javaOptions != null && !javaOptions.isBlank()) {
			options = options.withJvmArguments(Arrays.asList(javaOptions.trim().split("\\s+")));
		}
		return new LauncherSettings(options.withSecrets(secrets)
			.withRedisUrl(environment.get("EDGEPASS_REDIS_URL"))
			.withLogDirectory(runDirectory.resolve("logs")), timeout);
	}

	private static int replicas(List<String> arguments, int index) {
		String problem = "--replicas needs a number from 1 to " + SuiteOptions.MAX_REPLICAS + "\n" + USAGE;
		if (index == arguments.size()) {
			throw new IllegalArgumentException(problem);
		}
		try {
			int replicas = Integer.parseInt(arguments.get(index));
			if (replicas >= 1 && replicas <= SuiteOptions.MAX_REPLICAS) {
				return replicas;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		throw new IllegalArgumentException(problem);
	}

}
