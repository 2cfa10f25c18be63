package io.edgepass.deployment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * What a service exposes and reads, as its deployment descriptors must see it: its ports,
 * the environment variables it reads and how long its graceful shutdown may take. Read
 * from the service's own {@code application.yml}; while a service has no code yet, from
 * {@code docs/DESIGN.md}'s table below.
 *
 * @param module the Maven module, image and Kubernetes name
 * @param port the main port
 * @param managementPort the actuator port
 * @param database the database it owns, if any
 * @param environment every environment variable the service reads
 * @param shutdownTimeout Spring's {@code timeout-per-shutdown-phase}
 * @param source where this was read from, for messages
 */
record ServiceContract(String module, int port, int managementPort, Optional<String> database, Set<String> environment,
		Duration shutdownTimeout, String source) {

	static final String READINESS = "/actuator/health/readiness";

	static final String LIVENESS = "/actuator/health/liveness";

	private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)");

	private static final Pattern PORT = Pattern.compile("^(?:\\$\\{[A-Za-z0-9_]+:)?(\\d+)\\}?$");

	/** Read by every service through Spring Boot, the JVM or edge-trust's properties. */
	private static final Set<String> STANDARD = Set.of("SERVER_PORT", "MANAGEMENT_SERVER_PORT",
			"SPRING_PROFILES_ACTIVE", "JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "EDGEPASS_EDGE_SECRET",
			"EDGEPASS_EDGE_ISSUER", "EDGEPASS_EDGE_AUDIENCE", "EDGEPASS_EDGE_TTL", "EDGEPASS_EDGE_CLOCKSKEW");

	private static final Set<String> DATASOURCE = Set.of("SPRING_DATASOURCE_URL", "SPRING_DATASOURCE_USERNAME",
			"SPRING_DATASOURCE_PASSWORD");

	/** docs/DESIGN.md, for a service whose application.yml does not exist yet. */
	private static final Map<String, ServiceContract> DESIGN = design();

	static List<ServiceContract> all() {
		return DESIGN.keySet().stream().map(ServiceContract::of).toList();
	}

	static ServiceContract named(String module) {
		return all().stream()
			.filter((service) -> service.module().equals(module))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("No service " + module));
	}

	private static ServiceContract of(String module) {
		Path yml = Repository.path(module).resolve("src/main/resources/application.yml");
		if (Files.exists(yml)) {
			return fromApplicationYml(module, Repository.read(module + "/src/main/resources/application.yml"),
					DESIGN.get(module).database());
		}
		if (Repository.servicesRequired() || Repository.hasSources(module)) {
			throw new IllegalStateException(module + " has no src/main/resources/application.yml: "
					+ "the deployment checks read its ports and environment variables from there");
		}
		return DESIGN.get(module);
	}

	/**
	 * Reads a service's contract from its {@code application.yml}.
	 * @param module the service
	 * @param yml the file's text
	 * @param database the database it owns
	 * @return the contract
	 * @throws IllegalStateException when the file leaves a port to Spring's default, or
	 * does not enable the probes and the prometheus endpoint the descriptors rely on
	 */
	static ServiceContract fromApplicationYml(String module, String yml, Optional<String> database) {
		Map<String, Object> properties = new LinkedHashMap<>();
		Yaml parser = new Yaml(new SafeConstructor(new LoaderOptions()));
		for (Object document : parser.loadAll(yml)) {
			if (document instanceof Map<?, ?> map) {
				flatten("", map, properties);
			}
		}
		Set<String> environment = new TreeSet<>(STANDARD);
		if (database.isPresent()) {
			environment.addAll(DATASOURCE);
		}
		Matcher placeholders = PLACEHOLDER.matcher(yml);
		while (placeholders.find()) {
			environment.add(placeholders.group(1));
		}
		properties.keySet().forEach((key) -> environment.add(environmentName(key)));
		String source = module + "/src/main/resources/application.yml";
		int port = port(properties, "server.port", source);
		int managementPort = port(properties, "management.server.port", source);
		require(properties, "management.endpoint.health.probes.enabled", "true", source,
				"the liveness and readiness probes only exist outside Kubernetes when enabled");
		String exposed = String.valueOf(properties.get("management.endpoints.web.exposure.include"));
		for (String endpoint : List.of("health", "prometheus")) {
			if (!exposed.contains(endpoint) && !exposed.contains("*")) {
				throw new IllegalStateException(source + ": management.endpoints.web.exposure.include must expose "
						+ endpoint + " (it is " + exposed + ")");
			}
		}
		Object basePath = properties.get("management.endpoints.web.base-path");
		if (basePath != null && !"/actuator".equals(basePath)) {
			throw new IllegalStateException(source + ": the probes are expected under /actuator, not " + basePath);
		}
		Duration shutdown = Optional.ofNullable(properties.get("spring.lifecycle.timeout-per-shutdown-phase"))
			.map((value) -> duration(String.valueOf(value)))
			.orElse(Duration.ofSeconds(30));
		return new ServiceContract(module, port, managementPort, database, environment, shutdown, source);
	}

	/**
	 * The environment variable Spring Boot binds to a property (dots to underscores, no
	 * dashes, upper case).
	 * @param property such as {@code spring.datasource.url}
	 * @return such as {@code SPRING_DATASOURCE_URL}
	 */
	static String environmentName(String property) {
		return property.replace('.', '_').replace("-", "").toUpperCase(Locale.ROOT);
	}

	private static void flatten(String prefix, Map<?, ?> map, Map<String, Object> into) {
		map.forEach((key, value) -> {
			String name = prefix.isEmpty() ? String.valueOf(key) : prefix + "." + key;
			if (value instanceof Map<?, ?> nested) {
				into.putIfAbsent(name, nested);
				flatten(name, nested, into);
			}
			else {
				into.putIfAbsent(name, value);
			}
		});
	}

	private static int port(Map<String, Object> properties, String property, String source) {
		Object value = properties.get(property);
		if (value == null) {
			throw new IllegalStateException(source + " does not set " + property
					+ ": Spring's default would not match docs/DESIGN.md and the descriptors");
		}
		Matcher port = PORT.matcher(String.valueOf(value).trim());
		if (!port.matches()) {
			throw new IllegalStateException(source + ": " + property + " must be a port or ${VAR:port}, is " + value);
		}
		return Integer.parseInt(port.group(1));
	}

	private static void require(Map<String, Object> properties, String property, String expected, String source,
			String why) {
		Object value = properties.get(property);
		if (value == null || !expected.equals(String.valueOf(value))) {
			throw new IllegalStateException(source + " must set " + property + ": " + expected + " (" + why + ")");
		}
	}

	static Duration duration(String text) {
		Matcher matcher = Pattern.compile("^(\\d+)(ms|s|m)?$").matcher(text.trim());
		if (!matcher.matches()) {
			return Duration.parse(text.trim());
		}
		long amount = Long.parseLong(matcher.group(1));
		return switch (String.valueOf(matcher.group(2))) {
			case "ms" -> Duration.ofMillis(amount);
			case "m" -> Duration.ofMinutes(amount);
			default -> Duration.ofSeconds(amount);
		};
	}

	private static Map<String, ServiceContract> design() {
		String table = "docs/DESIGN.md (application.yml not written yet)";
		Duration shutdown = Duration.ofSeconds(20);
		Set<String> servlet = new TreeSet<>(STANDARD);
		servlet.addAll(DATASOURCE);
		Set<String> auth = new TreeSet<>(servlet);
		auth.addAll(Set.of("EDGEPASS_ISSUER", "EDGEPASS_AUDIENCE", "EDGEPASS_TOKEN_ALGORITHM",
				"EDGEPASS_TOKEN_HS256_SECRET", "EDGEPASS_ACCESS_TOKEN_TTL", "EDGEPASS_KEY_ENCRYPTION_KEY",
				"EDGEPASS_ADMIN_USERNAME", "EDGEPASS_ADMIN_PASSWORD"));
		Set<String> gateway = new TreeSet<>(STANDARD);
		gateway.addAll(Set.of("EDGEPASS_AUTH_URL", "EDGEPASS_ORDERS_URL", "EDGEPASS_PROFILE_URL", "EDGEPASS_JWKS_URL",
				"EDGEPASS_ISSUER", "EDGEPASS_AUDIENCE", "EDGEPASS_TOKEN_ALGORITHMS", "EDGEPASS_TOKEN_HS256_SECRET",
				"EDGEPASS_REDIS_URL", "EDGEPASS_CORS_ORIGINS", "EDGEPASS_TRUSTED_PROXIES"));
		Map<String, ServiceContract> design = new LinkedHashMap<>();
		design.put("gateway", new ServiceContract("gateway", 8080, 9080, Optional.empty(), gateway, shutdown, table));
		design.put("auth-service",
				new ServiceContract("auth-service", 8081, 9081, Optional.of("auth"), auth, shutdown, table));
		design.put("orders-service",
				new ServiceContract("orders-service", 8082, 9082, Optional.of("orders"), servlet, shutdown, table));
		design.put("profile-service",
				new ServiceContract("profile-service", 8083, 9083, Optional.of("profiles"), servlet, shutdown, table));
		return design;
	}

}
