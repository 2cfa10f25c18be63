package io.edgepass.launcher;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The environment variables of DESIGN.md that each service gets in a local run. With
 * replicas, each gateway gets every replica of each service:
 * {@code EDGEPASS_<SERVICE>_URLS}.
 */
final class ServiceEnvironment {

	private ServiceEnvironment() {
	}

	static Map<String, String> of(Service service, SuiteOptions options, DevSecrets secrets, DatabaseServer database) {
		return of(service, 1, options, secrets, database);
	}

	static Map<String, String> of(Service service, int replica, SuiteOptions options, DevSecrets secrets,
			DatabaseServer database) {
		Map<String, String> environment = new LinkedHashMap<>();
		ServicePorts ports = options.ports(service, replica);
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
				upstream(environment, "EDGEPASS_AUTH_URL", Service.AUTH, options);
				upstream(environment, "EDGEPASS_ORDERS_URL", Service.ORDERS, options);
				upstream(environment, "EDGEPASS_PROFILE_URL", Service.PROFILE, options);
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

	/**
	 * One replica: {@code EDGEPASS_ORDERS_URL}; more: all in
	 * {@code EDGEPASS_ORDERS_URLS}.
	 */
	private static void upstream(Map<String, String> environment, String variable, Service service,
			SuiteOptions options) {
		if (options.replicas() == 1) {
			environment.put(variable, localUrl(options.ports(service).port()));
			return;
		}
		List<String> urls = new ArrayList<>();
		for (int replica = 1; replica <= options.replicas(); replica++) {
			urls.add(localUrl(options.ports(service, replica).port()));
		}
		environment.put(variable + "S", String.join(",", urls));
	}

	static String localUrl(int port) {
		return "http://localhost:" + port;
	}

}
