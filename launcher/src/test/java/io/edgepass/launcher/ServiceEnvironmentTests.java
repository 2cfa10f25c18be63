package io.edgepass.launcher;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceEnvironmentTests {

	private final DevSecrets secrets = DevSecrets.generate();

	private final DatabaseServer database = new ExternalDatabaseServer(
			new DatabaseSource.External("jdbc:postgresql://db.local:6543/ignored?sslmode=require", "edgepass", "pw"));

	private final SuiteOptions options = SuiteOptions.defaults(Path.of("/repo")).withPorts(ports());

	@Test
	void everyServiceGetsItsPortsAndOnlyItsOwnEdgeKey() {
		for (Service service : Service.values()) {
			Map<String, String> environment = ServiceEnvironment.of(service, this.options, this.secrets, this.database);
			assertThat(environment).containsEntry("SERVER_PORT", Integer.toString(this.options.ports(service).port()))
				.containsEntry("MANAGEMENT_SERVER_PORT",
						Integer.toString(this.options.ports(service).managementPort()));
			if (service == Service.GATEWAY) {
				assertThat(environment).containsEntry("EDGEPASS_EDGE_MASTER_SECRET", this.secrets.edgeMasterSecret())
					.doesNotContainKey("EDGEPASS_EDGE_SECRET");
			}
			else {
				assertThat(environment).containsEntry("EDGEPASS_EDGE_SECRET", this.secrets.edgeKey(service))
					.doesNotContainKey("EDGEPASS_EDGE_MASTER_SECRET")
					.doesNotContainValue(this.secrets.edgeMasterSecret());
			}
		}
	}

	@Test
	void servicesWithADatabaseGetTheirOwnDatabaseOnTheServer() {
		assertThat(ServiceEnvironment.of(Service.AUTH, this.options, this.secrets, this.database))
			.containsEntry("SPRING_DATASOURCE_URL", "jdbc:postgresql://db.local:6543/auth?sslmode=require")
			.containsEntry("SPRING_DATASOURCE_USERNAME", "edgepass")
			.containsEntry("SPRING_DATASOURCE_PASSWORD", "pw");
		assertThat(ServiceEnvironment.of(Service.ORDERS, this.options, this.secrets, this.database))
			.containsEntry("SPRING_DATASOURCE_URL", "jdbc:postgresql://db.local:6543/orders?sslmode=require");
		assertThat(ServiceEnvironment.of(Service.PROFILE, this.options, this.secrets, this.database))
			.containsEntry("SPRING_DATASOURCE_URL", "jdbc:postgresql://db.local:6543/profiles?sslmode=require");
		assertThat(ServiceEnvironment.of(Service.GATEWAY, this.options, this.secrets, this.database))
			.doesNotContainKeys("SPRING_DATASOURCE_URL", "SPRING_DATASOURCE_PASSWORD");
	}

	@Test
	void authServiceGetsTheKeyEncryptionKeyTheAdminAndTheGatewayAsIssuer() {
		assertThat(ServiceEnvironment.of(Service.AUTH, this.options, this.secrets, this.database))
			.containsEntry("EDGEPASS_ISSUER", "http://localhost:18080")
			.containsEntry("EDGEPASS_KEY_ENCRYPTION_KEY", this.secrets.keyEncryptionKey())
			.containsEntry("EDGEPASS_ADMIN_USERNAME", "admin")
			.containsEntry("EDGEPASS_ADMIN_PASSWORD", this.secrets.adminPassword());
	}

	@Test
	void theGatewayFindsTheServicesOnTheirConfiguredPortsAndNoOtherServiceGetsTheirSecrets() {
		assertThat(ServiceEnvironment.of(Service.GATEWAY, this.options, this.secrets, this.database))
			.containsEntry("EDGEPASS_AUTH_URL", "http://localhost:18081")
			.containsEntry("EDGEPASS_ORDERS_URL", "http://localhost:18082")
			.containsEntry("EDGEPASS_PROFILE_URL", "http://localhost:18083")
			.containsEntry("EDGEPASS_ISSUER", "http://localhost:18080")
			.doesNotContainKeys("EDGEPASS_KEY_ENCRYPTION_KEY", "EDGEPASS_ADMIN_PASSWORD", "EDGEPASS_REDIS_URL");
		assertThat(ServiceEnvironment.of(Service.ORDERS, this.options, this.secrets, this.database))
			.doesNotContainKeys("EDGEPASS_KEY_ENCRYPTION_KEY", "EDGEPASS_ADMIN_PASSWORD", "EDGEPASS_AUTH_URL");
	}

	@Test
	void withReplicasEachGatewayGetsEveryReplicaOfEachServiceAndTheFirstGatewayAsIssuer() {
		SuiteOptions replicated = this.options.withReplicas(2);
		for (int gateway : new int[] { 1, 2 }) {
			assertThat(ServiceEnvironment.of(Service.GATEWAY, gateway, replicated, this.secrets, this.database))
				.containsEntry("SERVER_PORT", Integer.toString(18080 + 10 * (gateway - 1)))
				.containsEntry("EDGEPASS_AUTH_URLS", "http://localhost:18081,http://localhost:18091")
				.containsEntry("EDGEPASS_ORDERS_URLS", "http://localhost:18082,http://localhost:18092")
				.containsEntry("EDGEPASS_PROFILE_URLS", "http://localhost:18083,http://localhost:18093")
				.containsEntry("EDGEPASS_ISSUER", "http://localhost:18080")
				.doesNotContainKeys("EDGEPASS_AUTH_URL", "EDGEPASS_ORDERS_URL");
		}
		assertThat(ServiceEnvironment.of(Service.AUTH, 2, replicated, this.secrets, this.database))
			.containsEntry("SERVER_PORT", "18091")
			.containsEntry("MANAGEMENT_SERVER_PORT", "19091")
			.containsEntry("EDGEPASS_ISSUER", "http://localhost:18080");
	}

	@Test
	void onlyTheGatewayGetsRedisAndOnlyWhenOneIsConfigured() {
		SuiteOptions withRedis = this.options.withRedisUrl("redis://cache:6379");
		assertThat(ServiceEnvironment.of(Service.GATEWAY, withRedis, this.secrets, this.database))
			.containsEntry("EDGEPASS_REDIS_URL", "redis://cache:6379");
		assertThat(ServiceEnvironment.of(Service.AUTH, withRedis, this.secrets, this.database))
			.doesNotContainKey("EDGEPASS_REDIS_URL");
	}

	@Test
	void extraEnvironmentIsAddedAndWinsOverTheDefaults() {
		SuiteOptions tuned = this.options.withEnvironment(Service.AUTH,
				Map.of("EDGEPASS_TOKEN_ALGORITHM", "ES256", "EDGEPASS_ISSUER", "https://x"));
		assertThat(ServiceEnvironment.of(Service.AUTH, tuned, this.secrets, this.database))
			.containsEntry("EDGEPASS_TOKEN_ALGORITHM", "ES256")
			.containsEntry("EDGEPASS_ISSUER", "https://x");
		assertThat(ServiceEnvironment.of(Service.GATEWAY, tuned, this.secrets, this.database))
			.doesNotContainKey("EDGEPASS_TOKEN_ALGORITHM");
	}

	private static Map<Service, ServicePorts> ports() {
		Map<Service, ServicePorts> ports = new EnumMap<>(Service.class);
		for (Service service : Service.values()) {
			ServicePorts defaults = service.defaultPorts();
			ports.put(service, new ServicePorts(defaults.port() + 10000, defaults.managementPort() + 10000));
		}
		return ports;
	}

}
