package io.edgepass.deployment;

import java.io.InputStream;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker-compose.yml is valid Compose and starts the suite as the services expect it. The
 * schema is the Compose Specification's own ({@code compose-spec/compose-spec},
 * {@code schema/compose-spec.json}, Apache-2.0), kept in this module's test resources so
 * the check runs offline without Docker.
 */
class ComposeFileTests {

	private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z_][A-Z0-9_]*)");

	private static final JsonMapper json = JsonMapper.builder().build();

	private final String text = Repository.read("docker-compose.yml");

	private final Map<String, Object> compose = load(this.text);

	@Test
	void conformsToTheComposeSpecification() throws Exception {
		assertThat(composeSpecification().validate(json.valueToTree(this.compose)))
			.as("docker-compose.yml against the Compose Specification")
			.isEmpty();
	}

	@Test
	void theSpecificationCheckRejectsWhatComposeWould() throws Exception {
		Map<String, Object> invalid = load("""
				services:
				  gateway:
				    image: edgepass/gateway
				    restartt: always
				    depends_on:
				      auth-service:
				        condition: when_ready
				""");
		List<Error> errors = composeSpecification().validate(json.valueToTree(invalid));
		assertThat(errors).extracting(Error::toString)
			.anySatisfy((error) -> assertThat(error).contains("restartt"))
			.anySatisfy((error) -> assertThat(error).contains("/services/gateway/depends_on/auth-service/condition"));
	}

	private Schema composeSpecification() throws Exception {
		try (InputStream specification = getClass().getResourceAsStream("/compose-spec.json")) {
			ObjectNode node = (ObjectNode) json.readTree(specification);
			// Draft 7 is known; the relative $id and the $schema URL would send the
			// validator online.
			node.remove(List.of("$schema", "$id"));
			return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(node);
		}
	}

	@Test
	void onlyTheGatewayPublishesAPortAndOnlyItsApiPort() {
		Map<String, Object> services = map(this.compose, "services");
		services.forEach((name, definition) -> {
			Map<String, Object> service = map(services, name);
			assertThat(service).as("%s network_mode", name).doesNotContainKey("network_mode");
			if (name.equals("gateway")) {
				int port = ServiceContract.named("gateway").port();
				assertThat(service.get("ports")).isEqualTo(List.of(port + ":" + port));
			}
			else {
				assertThat(service).as("%s publishes ports", name).doesNotContainKey("ports");
			}
		});
	}

	@Test
	void theServicesBehindTheGatewayScaleWithComposeScale() {
		for (String name : List.of("auth-service", "orders-service", "profile-service")) {
			assertThat(map(map(this.compose, "services"), name)).as("%s, for docker compose up --scale", name)
				.doesNotContainKeys("container_name", "ports", "hostname");
		}
	}

	@Test
	void eachServiceIsBuiltFromSourceByTheDockerfileAsTheImageKubernetesRuns() {
		for (ServiceContract contract : ServiceContract.all()) {
			Map<String, Object> service = service(contract);
			assertThat(service.get("build")).as("%s build", contract.module())
				.isEqualTo(Map.of("context", ".", "args",
						Map.of("MODULE", contract.module(), "PORT", Integer.toString(contract.port()),
								"MANAGEMENT_PORT", Integer.toString(contract.managementPort()))));
			assertThat(service.get("image")).isEqualTo("edgepass/" + contract.module());
		}
		assertThat(Repository.path("Dockerfile")).isRegularFile();
	}

	@Test
	void everyContainerHasLongerToStopThanSpringsGracefulShutdown() {
		Duration longest = ServiceContract.all()
			.stream()
			.map(ServiceContract::shutdownTimeout)
			.max(Duration::compareTo)
			.orElseThrow();
		Map<String, Object> services = map(this.compose, "services");
		services.forEach((name, definition) -> {
			Object grace = map(services, name).get("stop_grace_period");
			assertThat(grace).as("%s stop_grace_period", name).isNotNull();
			assertThat(ServiceContract.duration(String.valueOf(grace))).as("%s stop_grace_period", name)
				.isGreaterThan(longest);
		});
	}

	@Test
	void everyEnvironmentVariableIsOneTheServiceReads() {
		for (ServiceContract contract : ServiceContract.all()) {
			Map<String, Object> environment = map(service(contract), "environment");
			assertThat(contract.environment()).as("variables %s reads (from %s)", contract.module(), contract.source())
				.containsAll(environment.keySet());
		}
	}

	@Test
	void healthChecksProbeReadinessOnTheManagementPortLikeTheImages() {
		for (ServiceContract contract : ServiceContract.all()) {
			List<String> test = new ArrayList<>(List.of("CMD"));
			test.addAll(DockerfileTests.readinessCheck(Integer.toString(contract.managementPort())));
			assertThat(map(service(contract), "healthcheck").get("test")).as("%s healthcheck", contract.module())
				.isEqualTo(test);
		}
	}

	@Test
	void everyServiceWaitsUntilWhatItNeedsIsHealthy() {
		Map<String, Object> services = map(this.compose, "services");
		services.forEach((name, definition) -> {
			Map<String, Object> service = map(services, name);
			if (!service.containsKey("depends_on")) {
				return;
			}
			map(service, "depends_on").forEach((dependency, condition) -> {
				assertThat(condition).as("%s depends_on %s", name, dependency)
					.isEqualTo(Map.of("condition", "service_healthy"));
				assertThat(map(services, dependency)).as("%s has a healthcheck", dependency).containsKey("healthcheck");
			});
		});
		for (ServiceContract contract : ServiceContract.all()) {
			if (contract.database().isPresent()) {
				assertThat(map(service(contract), "depends_on")).containsKey("postgres");
			}
		}
		assertThat(map(map(services, "gateway"), "depends_on")).containsOnlyKeys("auth-service", "orders-service",
				"profile-service", "redis");
	}

	@Test
	void everyContainerHasAMemoryLimitAndRestartsUnlessStopped() {
		Map<String, Object> services = map(this.compose, "services");
		services.forEach((name, definition) -> {
			Map<String, Object> service = map(services, name);
			Object limit = service.containsKey("mem_limit") ? service.get("mem_limit")
					: map(map(map(service, "deploy"), "resources"), "limits").get("memory");
			assertThat(limit).as("%s memory limit", name).isNotNull();
			assertThat(service.get("restart")).as("%s restart", name).isEqualTo("unless-stopped");
		});
	}

	@Test
	void eachServiceLogsInToItsOwnDatabaseAsItsOwnUserWhichTheInitScriptCreates() {
		Map<String, String> created = new TreeMap<>();
		Matcher create = Pattern.compile("(?m)^create (\\w+) \"\\$(\\w+)\"$")
			.matcher(Repository.read("deploy/postgres/init-databases.sh"));
		while (create.find()) {
			created.put(create.group(1), create.group(2));
		}
		Map<String, Object> postgres = map(map(this.compose, "services"), "postgres");
		Map<String, String> used = new TreeMap<>();
		for (ServiceContract contract : ServiceContract.all()) {
			contract.database().ifPresent((database) -> {
				Map<String, Object> environment = map(service(contract), "environment");
				assertThat(environment.get("SPRING_DATASOURCE_URL"))
					.isEqualTo("jdbc:postgresql://postgres:5432/" + database);
				assertThat(environment.get("SPRING_DATASOURCE_USERNAME")).as("%s user", contract.module())
					.isEqualTo(database);
				String password = String.valueOf(environment.get("SPRING_DATASOURCE_PASSWORD"));
				assertThat(password).as("%s password", contract.module())
					.isEqualTo(map(postgres, "environment").get(created.get(database)));
				used.put(database, created.get(database));
			});
		}
		assertThat(created).as("deploy/postgres/init-databases.sh").isEqualTo(used);
		assertThat(Set.copyOf(used.values())).as("one password per user").hasSameSizeAs(used.values());
		assertThat(postgres.get("volumes")).asString()
			.contains("./deploy/postgres/init-databases.sh:/docker-entrypoint-initdb.d/init-databases.sh:ro");
		assertThat(Files.isExecutable(Repository.path("deploy/postgres/init-databases.sh"))).isTrue();
	}

	@Test
	void postgresIsHealthyOnlyOnceItAnswersOverTcpWithEveryServicesDatabase() {
		List<?> test = (List<?>) map(map(map(this.compose, "services"), "postgres"), "healthcheck").get("test");
		assertThat(test).first().isEqualTo("CMD-SHELL");
		String command = String.valueOf(test.get(1));
		assertThat(command).startsWith("pg_isready -h 127.0.0.1 ");
		for (ServiceContract contract : ServiceContract.all()) {
			contract.database()
				.ifPresent((database) -> assertThat(command).as("the health check asks for database %s", database)
					.contains("('" + database + "', '" + database + "')"));
		}
	}

	@Test
	void secretsComeFromADotEnvThatIsNeverCommitted() {
		Set<String> used = new TreeSet<>();
		Matcher variables = VARIABLE.matcher(this.text);
		while (variables.find()) {
			used.add(variables.group(1));
		}
		Set<String> documented = new TreeSet<>();
		for (String line : Repository.read(".env.example").lines().toList()) {
			if (!line.isBlank() && !line.startsWith("#")) {
				documented.add(line.substring(0, line.indexOf('=')));
			}
		}
		assertThat(documented).as(".env.example").isEqualTo(used);
		assertThat(Repository.read(".gitignore").lines()).contains(".env");
		for (ServiceContract contract : ServiceContract.all()) {
			map(service(contract), "environment").forEach((name, value) -> {
				if (name.contains("SECRET") || name.contains("PASSWORD") || name.endsWith("_KEY")) {
					assertThat(String.valueOf(value)).as("%s of %s", name, contract.module())
						.matches("\\$\\{[A-Z_]+:\\?.+\\}");
				}
			});
		}
	}

	@Test
	void theTracingFileAddsJaegerAndPointsEveryServiceAtItsOtlpEndpoint() throws Exception {
		Map<String, Object> tracing = load(Repository.read("docker-compose.tracing.yml"));
		assertThat(composeSpecification().validate(json.valueToTree(tracing))).as("docker-compose.tracing.yml")
			.isEmpty();
		Map<String, Object> services = map(tracing, "services");
		Map<String, Object> jaeger = map(services, "jaeger");
		assertThat(jaeger.get("ports")).as("the UI on loopback only").isEqualTo(List.of("127.0.0.1:16686:16686"));
		assertThat(jaeger.get("restart")).isEqualTo("unless-stopped");
		assertThat(map(map(map(jaeger, "deploy"), "resources"), "limits")).containsKey("memory");
		assertThat(map(this.compose, "services")).doesNotContainKey("jaeger");
		for (ServiceContract contract : ServiceContract.all()) {
			assertThat(map(map(services, contract.module()), "environment")).as("%s tracing", contract.module())
				.isEqualTo(Map.of("MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT",
						"http://jaeger:4318/v1/traces", "MANAGEMENT_TRACING_SAMPLING_PROBABILITY", "1.0"));
			assertThat(map(service(contract), "environment")).as("%s without the tracing file", contract.module())
				.doesNotContainKeys("MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT");
		}
		Set<String> expected = new TreeSet<>(Set.of("jaeger"));
		ServiceContract.all().forEach((contract) -> expected.add(contract.module()));
		assertThat(services.keySet()).isEqualTo(expected);
	}

	@Test
	void isIndentedWithTwoSpaces() {
		int previous = 0;
		for (String line : this.text.lines().toList()) {
			if (line.isBlank() || line.stripLeading().startsWith("#")) {
				continue;
			}
			int indent = line.length() - line.stripLeading().length();
			assertThat(line).doesNotContain("\t");
			assertThat(indent % 2).as("indent of: %s", line).isZero();
			assertThat(indent - previous).as("indent step of: %s", line).isLessThanOrEqualTo(2);
			previous = indent;
		}
	}

	private Map<String, Object> service(ServiceContract contract) {
		return map(map(this.compose, "services"), contract.module());
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Map<String, Object> parent, String key) {
		Object value = parent.get(key);
		assertThat(value).as(key).isInstanceOf(Map.class);
		return (Map<String, Object>) value;
	}

	private static Map<String, Object> load(String yaml) {
		return new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
	}

}
