package io.edgepass.deployment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each service's Dockerfile copies the jar Maven builds, layered, into a JRE-only image
 * that runs as a non-root user, exposes the service's ports and probes its readiness.
 */
class DockerfileTests {

	static final List<String> LAYERS = List.of("dependencies", "spring-boot-loader", "snapshot-dependencies",
			"application");

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
	};

	@ParameterizedTest
	@ValueSource(strings = { "gateway", "auth-service", "orders-service", "profile-service" })
	void theImageCopiesTheJarMavenBuildsAndExtractsItsLayers(String module) {
		Dockerfile dockerfile = Dockerfile.of(module);
		List<String> sources = dockerfile.all("COPY")
			.stream()
			.map(Dockerfile.Instruction::arguments)
			.filter((arguments) -> !arguments.startsWith("--from"))
			.map((arguments) -> arguments.split("\\s+")[0])
			.toList();
		assertThat(sources).containsExactly("target/" + module + ".jar");
		assertThat(dockerfile.all("RUN")).anySatisfy((run) -> assertThat(run.arguments())
			.contains("java -Djarmode=tools -jar app.jar extract --layers --launcher"));
		List<String> copiedLayers = new ArrayList<>();
		for (Dockerfile.Instruction copy : dockerfile.finalStage()) {
			Matcher layer = Pattern.compile("--from=extract /extract/layers/([\\w-]+)/ \\./").matcher(copy.arguments());
			if (copy.keyword().equals("COPY") && layer.find()) {
				copiedLayers.add(layer.group(1));
			}
		}
		assertThat(copiedLayers).containsExactlyElementsOf(LAYERS);
	}

	@ParameterizedTest
	@ValueSource(strings = { "gateway", "auth-service", "orders-service", "profile-service" })
	void theBuiltJarHasTheLayersTheDockerfileCopies(String module) {
		Path jar = Repository.path(module).resolve("target").resolve(module + ".jar");
		if (!Files.exists(jar)) {
			assertThat(Repository.servicesRequired() || Repository.hasSources(module))
				.as("%s exists (a jar may only be missing while %s has no code and "
						+ "edgepass.checks.require-services=false)", jar, module)
				.isFalse();
			return;
		}
		String layers = Repository
			.run(List.of(Repository.java(), "-Djarmode=tools", "-jar", jar.toString(), "list-layers"));
		assertThat(layers.lines().map(String::strip).filter((line) -> !line.isEmpty()).toList())
			.containsExactlyElementsOf(LAYERS);
	}

	@ParameterizedTest
	@ValueSource(strings = { "gateway", "auth-service", "orders-service", "profile-service" })
	void theImageRunsAsANonRootUserOnAJreWithContainerFlags(String module) {
		Dockerfile dockerfile = Dockerfile.of(module);
		assertThat(dockerfile.single("FROM").arguments()).matches("eclipse-temurin:(21|25)-jre");
		assertThat(dockerfile.single("USER").arguments()).matches("\\d+(:\\d+)?")
			.satisfies((user) -> assertThat(Integer.parseInt(user.split(":")[0])).isGreaterThanOrEqualTo(10000));
		List<String> entrypoint = json.readValue(dockerfile.single("ENTRYPOINT").arguments(), STRINGS);
		assertThat(entrypoint).first().isEqualTo("java");
		assertThat(entrypoint).last().isEqualTo("org.springframework.boot.loader.launch.JarLauncher");
		assertThat(entrypoint).contains("-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError");
	}

	@ParameterizedTest
	@ValueSource(strings = { "gateway", "auth-service", "orders-service", "profile-service" })
	void theImageExposesTheServicePortsAndProbesReadinessOnTheManagementPort(String module) {
		ServiceContract service = ServiceContract.named(module);
		Dockerfile dockerfile = Dockerfile.of(module);
		assertThat(dockerfile.single("EXPOSE").arguments().split("\\s+"))
			.containsExactlyInAnyOrder(Integer.toString(service.port()), Integer.toString(service.managementPort()));
		String healthcheck = dockerfile.single("HEALTHCHECK").arguments();
		List<String> command = json.readValue(healthcheck.substring(healthcheck.indexOf("CMD ") + 4), STRINGS);
		assertThat(command).isEqualTo(readinessCheck(service));
	}

	/**
	 * The health check of an image and of its compose service: bash's /dev/tcp, no curl.
	 */
	static List<String> readinessCheck(ServiceContract service) {
		return List.of("bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/" + service.managementPort() + " && printf 'GET "
				+ ServiceContract.READINESS + " HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && head -n 1 <&3 | "
				+ "grep -q '^HTTP/1\\.[01] 200'");
	}

}
