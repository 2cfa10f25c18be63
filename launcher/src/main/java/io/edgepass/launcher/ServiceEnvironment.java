package io.edgepass.launcher;

import java.util.LinkedHashMap;
import java.util.Map;

/** The environment variables of DESIGN.md that each service gets in a local run. */
final class ServiceEnvironment {

	private ServiceEnvironment() {
	}

	static Map<String, String> of(Service service, SuiteOptions options, DevSecrets secrets, DatabaseServer database) {
		Map<String, String> environment = new LinkedHashMap<>();
		ServicePorts ports = options.ports(service);
		environment.put("SERVER_PORT", Integer.toString(ports.port()));
		environment.put("MANAGEMENT_SERVER_PORT", Integer.toString(ports.managementPort()));
		if (service == Service.GATEWAY) {
			environment.put("EDGEPASS_EDGE_MASTER_SECRET", secrets.edgeMasterSecret());
		}
		else {
			environment.put("EDGEPASS_EDGE_SECRET", secrets.edgeKey(service));
		}
		String issuer = localUrl(options.ports(Service.GATEWAY).port());
		if (service.defaultDatabase().isPresent()) {
			environment.put("SPRING_DATASOURCE_URL", database.jdbcUrl(options.databaseNames().get(service)));
			environment.put("SPRING_DATASOURCE_USERNAME", database.username());
			environment.put("SPRING_DATASOURCE_PASSWORD", database.password());
		}
		switch (service) {
			case AUTH -> {
				environment.put("EDGEPASS_ISSUER", issuer);
				environment.put("EDGEPASS_KEY_ENCRYPTION_KEY", secrets.keyEncryptionKey());
				environment.put("EDGEPASS_ADMIN_USERNAME", secrets.adminUsername());
				environment.put("EDGEPASS_ADMIN_PASSWORD", secrets.adminPassword());
			}
			case GATEWAY -> {
				environment.put("EDGEPASS_ISSUER", issuer);
				environment.put("EDGEPASS_AUTH_URL", localUrl(options.ports(Service.AUTH).port()));
				environment.put("EDGEPASS_ORDERS_URL", localUrl(options.ports(Service.ORDERS).port()));
				environment.put("EDGEPASS_PROFILE_URL", localUrl(options.ports(Service.PROFILE).port()));
				if (options.redisUrl() != null && !options.redisUrl().isBlank()) {
					environment.put("EDGEPASS_REDIS_URL", options.redisUrl());
				}
			}
			default -> {
			}
		}
		environment.putAll(options.extraEnvironment().getOrDefault(service, Map.of()));
		return environment;
	}

	static String localUrl(int port) {
		return "http://localhost:" + port;
	}

}
