package io.edgepass.launcher;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class LauncherSettingsTests {

	@TempDir
	Path root;

	@Test
	void byDefaultTheJarsOfTheBuildRunOnTheDesignPortsWithATemporaryEmbeddedDatabase() {
		LauncherSettings settings = LauncherSettings.from(List.of(), Map.of(), this.root);
		SuiteOptions options = settings.options();
		assertThat(options.jar(Service.AUTH)).isEqualTo(this.root.resolve("auth-service/target/auth-service.jar"));
		assertThat(options.jar(Service.GATEWAY)).isEqualTo(this.root.resolve("gateway/target/gateway.jar"));
		assertThat(options.ports(Service.GATEWAY)).isEqualTo(new ServicePorts(8080, 9080));
		assertThat(options.ports(Service.AUTH)).isEqualTo(new ServicePorts(8081, 9081));
		assertThat(options.ports(Service.ORDERS)).isEqualTo(new ServicePorts(8082, 9082));
		assertThat(options.ports(Service.PROFILE)).isEqualTo(new ServicePorts(8083, 9083));
		assertThat(options.databaseNames()).containsEntry(Service.AUTH, "auth")
			.containsEntry(Service.ORDERS, "orders")
			.containsEntry(Service.PROFILE, "profiles")
			.doesNotContainKey(Service.GATEWAY);
		assertThat(options.database()).isEqualTo(DatabaseSource.embedded());
		assertThat(options.redisUrl()).isNull();
		assertThat(options.logDirectory()).isEqualTo(this.root.resolve(".run/logs"));
		assertThat(settings.readyTimeout()).isEqualTo(Duration.ofSeconds(180));
		assertThat(this.root.resolve(".run/dev-secrets.properties")).doesNotExist();
	}

	@Test
	void keepDataPutsTheDatabaseAndItsSecretsUnderDotRun() {
		LauncherSettings first = LauncherSettings.from(List.of("--keep-data"), Map.of(), this.root);
		LauncherSettings second = LauncherSettings.from(List.of("--keep-data"), Map.of(), this.root);
		assertThat(first.options().database()).isEqualTo(DatabaseSource.embedded(this.root.resolve(".run/postgres")));
		assertThat(this.root.resolve(".run/dev-secrets.properties")).exists();
		assertThat(second.options().secrets()).isEqualTo(first.options().secrets());
	}

	@Test
	void anExternalDatabaseAndRedisComeFromTheEnvironment() {
		LauncherSettings settings = LauncherSettings.from(List.of(),
				Map.of("EDGEPASS_DB_URL", "jdbc:postgresql://db:5432", "EDGEPASS_DB_USERNAME", "edgepass",
						"EDGEPASS_DB_PASSWORD", "secret", "EDGEPASS_REDIS_URL", "redis://cache:6379"),
				this.root);
		assertThat(settings.options().database())
			.isEqualTo(DatabaseSource.external("jdbc:postgresql://db:5432", "edgepass", "secret"));
		assertThat(settings.options().redisUrl()).isEqualTo("redis://cache:6379");
	}

	@Test
	void theAdminPasswordJavaOptionsAndTimeoutCanBeChosen() {
		LauncherSettings settings = LauncherSettings.from(List.of("--timeout", "60"), Map.of("EDGEPASS_ADMIN_PASSWORD",
				"correct horse battery", "EDGEPASS_JAVA_OPTS", " -Xmx256m  -Xss512k "), this.root);
		assertThat(settings.options().secrets().adminPassword()).isEqualTo("correct horse battery");
		assertThat(settings.options().jvmArguments()).containsExactly("-Xmx256m", "-Xss512k");
		assertThat(settings.readyTimeout()).isEqualTo(Duration.ofSeconds(60));
	}

	@Test
	void replicasGetTheDesignPortsPlusTenPerReplica() {
		SuiteOptions options = LauncherSettings.from(List.of("--replicas", "3"), Map.of(), this.root).options();
		assertThat(options.replicas()).isEqualTo(3);
		assertThat(options.ports(Service.GATEWAY, 1)).isEqualTo(new ServicePorts(8080, 9080));
		assertThat(options.ports(Service.GATEWAY, 2)).isEqualTo(new ServicePorts(8090, 9090));
		assertThat(options.ports(Service.GATEWAY, 3)).isEqualTo(new ServicePorts(8100, 9100));
		assertThat(options.ports(Service.PROFILE, 3)).isEqualTo(new ServicePorts(8103, 9103));
		assertThat(LauncherSettings.from(List.of(), Map.of(), this.root).options().replicas()).isEqualTo(1);
	}

	@Test
	void replicasMustBeAReasonableNumber() {
		for (List<String> arguments : List.of(List.of("--replicas"), List.of("--replicas", "0"),
				List.of("--replicas", "two"), List.of("--replicas", "51"))) {
			assertThatIllegalArgumentException().isThrownBy(() -> LauncherSettings.from(arguments, Map.of(), this.root))
				.withMessageContaining("--replicas needs a number from 1 to 50");
		}
	}

	@Test
	void anUnknownArgumentIsRefusedWithTheUsage() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> LauncherSettings.from(List.of("--fast"), Map.of(), this.root))
			.withMessageContaining("Unknown argument: --fast")
			.withMessageContaining("Usage: ./edgepass run");
	}

	@Test
	void anExternalDatabaseUrlMustBePostgres() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> LauncherSettings.from(List.of(), Map.of("EDGEPASS_DB_URL", "postgres://db"), this.root))
			.withMessageContaining("jdbc:postgresql://host:5432");
	}

}
