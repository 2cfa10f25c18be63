package io.edgepass.launcher;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class LauncherTests {

	@TempDir
	Path root;

	private final ByteArrayOutputStream output = new ByteArrayOutputStream();

	private final PrintStream out = new PrintStream(this.output, true, StandardCharsets.UTF_8);

	@Test
	void printsWhereEverythingIsAndHowToLogInThenStopsWithTheLogOfAServiceThatDied() throws IOException {
		Path jar = FakeServiceJar.create(this.root);
		SuiteOptions options = settings().options().withFreePorts().withShutdownGrace(Duration.ofSeconds(10));
		for (Service service : Service.values()) {
			options = options.withJar(service, jar);
		}
		LauncherSettings settings = new LauncherSettings(options, Duration.ofSeconds(60));

		CompletableFuture<Integer> exitCode = CompletableFuture.supplyAsync(() -> Launcher.run(settings, this.out));
		await().atMost(Duration.ofSeconds(60)).until(() -> printed().contains("Press Ctrl-C to stop."));
		String password = options.secrets().adminPassword();
		assertThat(printed()).contains("Edgepass is ready")
			.contains("API (gateway)    " + "http://localhost:" + options.ports(Service.GATEWAY).port())
			.contains("username admin, password " + password)
			.contains("curl -s -X POST http://localhost:" + options.ports(Service.GATEWAY).port() + "/auth/login")
			.contains("\"password\":\"" + password + "\"")
			.contains("Redis            none");
		List<ProcessHandle> children = ProcessHandle.current()
			.children()
			.filter((child) -> child.info().commandLine().orElse("").contains(jar.toString()))
			.toList();
		assertThat(children).hasSize(4);

		children.get(0).destroyForcibly();

		assertThat(exitCode.orTimeout(60, TimeUnit.SECONDS).join()).isEqualTo(1);
		assertThat(printed()).contains("Edgepass stopped because").contains("exited with code 137");
		assertThat(children).noneMatch(ProcessHandle::isAlive);
	}

	@Test
	void withReplicasTheBannerListsEveryProcess() throws IOException {
		Path jar = FakeServiceJar.create(this.root);
		SuiteOptions options = LauncherSettings.from(List.of("--replicas", "2"), Map.of(), this.root)
			.options()
			.withFreePorts()
			.withShutdownGrace(Duration.ofSeconds(10));
		for (Service service : Service.values()) {
			options = options.withJar(service, jar);
		}
		try (Suite suite = Suite.start(options)) {
			suite.awaitReady(Duration.ofSeconds(60));
			String banner = Launcher.readyBanner(suite);
			assertThat(banner).contains("API (gateway)       " + suite.baseUrl(Service.GATEWAY, 1) + ", "
					+ suite.baseUrl(Service.GATEWAY, 2));
			for (Service service : Service.values()) {
				for (int replica : List.of(1, 2)) {
					assertThat(banner)
						.containsPattern(service.module() + " " + replica + " +" + suite.baseUrl(service, replica)
								+ "   health " + suite.managementUrl(service, replica).resolve("/actuator/health"));
				}
			}
		}
	}

	@Test
	void saysWhatIsMissingAndFailsWhenTheJarsAreNotBuilt() {
		int exitCode = Launcher.run(settings(), this.out);
		assertThat(exitCode).isEqualTo(1);
		assertThat(printed())
			.contains("auth-service: no jar at " + this.root.resolve("auth-service/target/auth-service.jar"));
	}

	private LauncherSettings settings() {
		return LauncherSettings.from(List.of(), Map.of(), this.root);
	}

	private String printed() {
		return this.output.toString(StandardCharsets.UTF_8);
	}

}
