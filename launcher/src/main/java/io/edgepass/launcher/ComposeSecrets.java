package io.edgepass.launcher;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code ./edgepass secrets > .env}: fresh values for every secret
 * {@code docker-compose.yml} reads, the gateway's master secret with each service's own
 * key derived from it.
 */
public final class ComposeSecrets {

	private ComposeSecrets() {
	}

	public static void main(String[] args) {
		print(DevSecrets.generate(), DevSecrets.randomPassword(), System.out);
	}

	/**
	 * The variables, in the order they are printed.
	 * @param secrets the suite's secrets
	 * @param postgresPassword the database password
	 * @return each variable's name and value
	 */
	static Map<String, String> variables(DevSecrets secrets, String postgresPassword) {
		Map<String, String> variables = new LinkedHashMap<>();
		variables.put("POSTGRES_PASSWORD", postgresPassword);
		variables.put("AUTH_DB_PASSWORD", DevSecrets.randomPassword());
		variables.put("ORDERS_DB_PASSWORD", DevSecrets.randomPassword());
		variables.put("PROFILES_DB_PASSWORD", DevSecrets.randomPassword());
		variables.put("EDGEPASS_EDGE_MASTER_SECRET", secrets.edgeMasterSecret());
		variables.put("EDGEPASS_AUTH_EDGE_SECRET", secrets.edgeKey(Service.AUTH));
		variables.put("EDGEPASS_ORDERS_EDGE_SECRET", secrets.edgeKey(Service.ORDERS));
		variables.put("EDGEPASS_PROFILE_EDGE_SECRET", secrets.edgeKey(Service.PROFILE));
		variables.put("EDGEPASS_KEY_ENCRYPTION_KEY", secrets.keyEncryptionKey());
		variables.put("EDGEPASS_ADMIN_USERNAME", secrets.adminUsername());
		variables.put("EDGEPASS_ADMIN_PASSWORD", secrets.adminPassword());
		variables.put("EDGEPASS_ISSUER", "http://localhost:8080");
		return variables;
	}

	static void print(DevSecrets secrets, String postgresPassword, PrintStream out) {
		out.println("# Edgepass secrets for docker compose, made by ./edgepass secrets. Never commit this file.");
		out.println("# The gateway holds EDGEPASS_EDGE_MASTER_SECRET; each service only its own key derived from it.");
		variables(secrets, postgresPassword).forEach((name, value) -> out.println(name + "=" + value));
	}

}
