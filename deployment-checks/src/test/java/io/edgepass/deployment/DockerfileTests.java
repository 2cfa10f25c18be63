package io.edgepass.deployment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Dockerfile builds a service from source in a Maven stage whose dependency layer
 * depends on the poms alone, and copies the jar's layers into a JRE-only image that runs
 * as a non-root user, exposes the service's ports and probes its readiness.
 */
class DockerfileTests {

	static final List<String> LAYERS = List.of("dependencies", "spring-boot-loader", "snapshot-dependencies",
			"application");

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
	};

	private final Dockerfile dockerfile = Dockerfile.read();

	@Test
	void theBuilderIsTheWrappersMavenOnAJdk() {
		Matcher version = Pattern.compile("apache-maven-([\\d.]+)-bin")
			.matcher(Repository.read(".mvn/wrapper/maven-wrapper.properties"));
		assertThat(version.find()).as("the wrapper's Maven version").isTrue();
		assertThat(this.dockerfile.stage("build").get(0).arguments())
			.isEqualTo("maven:" + version.group(1) + "-eclipse-temurin-21 AS build");
	}

	@Test
	void dependenciesAreResolvedFromThePomsAloneBeforeTheSourcesAreCopied() {
		List<Dockerfile.Instruction> build = this.dockerfile.stage("build");
		int goOffline = indexOf(build, "RUN", "dependency:go-offline");
		int sources = indexOf(build, "COPY", ". .");
		int packaging = indexOf(build, "RUN", "package");
		assertThat(goOffline).as("dependency:go-offline before the sources are copied").isLessThan(sources);
		assertThat(sources).isLessThan(packaging);
		Set<String> poms = new TreeSet<>();
		for (Dockerfile.Instruction copy : this.dockerfile.all(build.subList(0, goOffline), "COPY")) {
			String[] arguments = copy.arguments().split("\\s+");
			assertThat(arguments).as("COPY %s", copy.arguments()).hasSize(2);
			assertThat(arguments[0]).as("what the dependency layer copies").matches("([\\w-]+/)?pom\\.xml");
			poms.add(arguments[0]);
		}
		assertThat(poms).as("every pom Maven reads (the root's and each module's)").isEqualTo(reactorPoms());
		assertThat(build.get(packaging).arguments()).contains("-pl \"$MODULE\" -am")
			.contains("-DskipTests package")
			.contains("java -Djarmode=tools -jar \"$MODULE/target/$MODULE.jar\" extract --layers --launcher "
					+ "--destination /layers");
	}

	@Test
	void theBuildContextLeavesOutBuildOutputHistoryAndSecrets() {
		List<String> ignored = Repository.read(".dockerignore")
			.lines()
			.map(String::strip)
			.filter((line) -> !line.isEmpty() && !line.startsWith("#"))
			.toList();
		assertThat(ignored).contains("**/target", ".git", ".env").noneMatch((line) -> line.startsWith("!"));
	}

	@Test
	void theImageIsAJreWithTheJarsLayersOnlyRunAsANonRootUser() {
		List<Dockerfile.Instruction> runtime = this.dockerfile.finalStage();
		assertThat(runtime.get(0).arguments()).matches("eclipse-temurin:(21|25)-jre");
		List<String> copiedLayers = new ArrayList<>();
		for (Dockerfile.Instruction copy : this.dockerfile.all(runtime, "COPY")) {
			Matcher layer = Pattern.compile("--from=build /layers/([\\w-]+)/ \\./").matcher(copy.arguments());
			assertThat(layer.matches()).as("the image copies a layer of the jar only: COPY %s", copy.arguments())
				.isTrue();
			copiedLayers.add(layer.group(1));
		}
		assertThat(copiedLayers).containsExactlyElementsOf(LAYERS);
		assertThat(this.dockerfile.all(runtime, "RUN")).noneMatch((run) -> run.arguments().contains("mvn"));
		assertThat(this.dockerfile.single("USER").arguments()).matches("\\d+(:\\d+)?")
			.satisfies((user) -> assertThat(Integer.parseInt(user.split(":")[0])).isGreaterThanOrEqualTo(10000));
		List<String> entrypoint = json.readValue(this.dockerfile.single("ENTRYPOINT").arguments(), STRINGS);
		assertThat(entrypoint).first().isEqualTo("java");
		assertThat(entrypoint).last().isEqualTo("org.springframework.boot.loader.launch.JarLauncher");
		assertThat(entrypoint).contains("-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError");
	}

	@Test
	void theImageExposesTheServicePortsAndProbesReadinessOnTheManagementPortItSets() {
		assertThat(this.dockerfile.single("EXPOSE").arguments()).isEqualTo("${PORT} ${MANAGEMENT_PORT}");
		assertThat(this.dockerfile.single("ENV").arguments()).isEqualTo("MANAGEMENT_SERVER_PORT=${MANAGEMENT_PORT}");
		String healthcheck = this.dockerfile.single("HEALTHCHECK").arguments();
		List<String> command = json.readValue(healthcheck.substring(healthcheck.indexOf("CMD ") + 4), STRINGS);
		assertThat(command).isEqualTo(readinessCheck("$MANAGEMENT_SERVER_PORT"));
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

	/**
	 * The health check of the image and of each compose service: bash's /dev/tcp, no
	 * curl.
	 * @param port the management port, or the variable holding it
	 * @return the command
	 */
	static List<String> readinessCheck(String port) {
		return List.of("bash", "-c",
				"exec 3<>/dev/tcp/127.0.0.1/" + port + " && printf 'GET " + ServiceContract.READINESS
						+ " HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && head -n 1 <&3 | "
						+ "grep -q '^HTTP/1\\.[01] 200'");
	}

	/** The root pom and the pom of every module it lists. */
	static Set<String> reactorPoms() {
		Set<String> poms = new TreeSet<>(Set.of("pom.xml"));
		Matcher module = Pattern.compile("<module>([^<]+)</module>").matcher(Repository.read("pom.xml"));
		while (module.find()) {
			poms.add(module.group(1) + "/pom.xml");
		}
		return poms;
	}

	private static int indexOf(List<Dockerfile.Instruction> stage, String keyword, String containing) {
		for (int i = 0; i < stage.size(); i++) {
			if (stage.get(i).keyword().equals(keyword) && stage.get(i).arguments().contains(containing)) {
				return i;
			}
		}
		throw new AssertionError("Dockerfile: no " + keyword + " with " + containing + " in the build stage");
	}

}
