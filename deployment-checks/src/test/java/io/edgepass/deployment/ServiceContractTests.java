package io.edgepass.deployment;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** The checks read a service's application.yml the way Spring Boot binds it. */
class ServiceContractTests {

	private static final String ACTUATOR = """
			management:
			  server:
			    port: ${MANAGEMENT_SERVER_PORT:9082}
			  endpoint:
			    health:
			      probes:
			        enabled: true
			  endpoints:
			    web:
			      exposure:
			        include: health,info,prometheus
			""";

	@Test
	void portsAreTheDefaultsOfTheirPlaceholdersOrTheirValues() {
		ServiceContract contract = ServiceContract.fromApplicationYml("orders-service", """
				server:
				  port: 8082
				""" + ACTUATOR, Optional.of("orders"));
		assertThat(contract.port()).isEqualTo(8082);
		assertThat(contract.managementPort()).isEqualTo(9082);
	}

	@Test
	void theServiceReadsItsPlaceholdersItsPropertiesByRelaxedBindingAndTheStandardVariables() {
		ServiceContract contract = ServiceContract.fromApplicationYml("orders-service", """
				server:
				  port: ${SERVER_PORT:8082}
				spring:
				  lifecycle:
				    timeout-per-shutdown-phase: 20s
				edgepass:
				  idempotency:
				    key-ttl: ${EDGEPASS_IDEMPOTENCY_TTL:24h}
				""" + ACTUATOR, Optional.of("orders"));
		assertThat(contract.environment())
			.contains("EDGEPASS_IDEMPOTENCY_TTL", "EDGEPASS_IDEMPOTENCY_KEYTTL",
					"SPRING_LIFECYCLE_TIMEOUTPERSHUTDOWNPHASE", "SPRING_DATASOURCE_URL", "EDGEPASS_EDGE_SECRET",
					"JAVA_TOOL_OPTIONS", "MANAGEMENT_SERVER_PORT")
			.doesNotContain("EDGEPASS_KEY_ENCRYPTION_KEY");
		assertThat(contract.shutdownTimeout()).isEqualTo(Duration.ofSeconds(20));
	}

	@Test
	void aServiceWithoutADatabaseDoesNotReadDatasourceVariables() {
		ServiceContract contract = ServiceContract.fromApplicationYml("gateway", """
				server:
				  port: 8080
				""" + ACTUATOR, Optional.empty());
		assertThat(contract.environment()).doesNotContain("SPRING_DATASOURCE_URL");
		assertThat(contract.shutdownTimeout()).as("Spring's default").isEqualTo(Duration.ofSeconds(30));
	}

	@Test
	void aPortLeftToSpringsDefaultIsRefused() {
		assertThatIllegalStateException()
			.isThrownBy(() -> ServiceContract.fromApplicationYml("gateway", ACTUATOR, Optional.empty()))
			.withMessageContaining("does not set server.port");
	}

	@Test
	void probesThatAreOnlyOnInKubernetesAreRefused() {
		String yml = """
				server:
				  port: 8080
				management:
				  server:
				    port: 9080
				  endpoints:
				    web:
				      exposure:
				        include: health,prometheus
				""";
		assertThatIllegalStateException()
			.isThrownBy(() -> ServiceContract.fromApplicationYml("gateway", yml, Optional.empty()))
			.withMessageContaining("management.endpoint.health.probes.enabled");
	}

	@Test
	void anUnexposedPrometheusEndpointIsRefused() {
		String yml = ("server:\n  port: 8080\n" + ACTUATOR).replace("health,info,prometheus", "health");
		assertThatIllegalStateException()
			.isThrownBy(() -> ServiceContract.fromApplicationYml("gateway", yml, Optional.empty()))
			.withMessageContaining("must expose prometheus");
	}

}
