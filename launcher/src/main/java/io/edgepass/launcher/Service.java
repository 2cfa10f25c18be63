package io.edgepass.launcher;

import java.util.Optional;

/**
 * The four processes of the suite, with their default ports and database as in
 * {@code docs/DESIGN.md}.
 */
public enum Service {

	AUTH("auth-service", new ServicePorts(8081, 9081), "auth"),

	ORDERS("orders-service", new ServicePorts(8082, 9082), "orders"),

	PROFILE("profile-service", new ServicePorts(8083, 9083), "profiles"),

	GATEWAY("gateway", new ServicePorts(8080, 9080), null);

	private final String module;

	private final ServicePorts defaultPorts;

	private final String defaultDatabase;

	Service(String module, ServicePorts defaultPorts, String defaultDatabase) {
		this.module = module;
		this.defaultPorts = defaultPorts;
		this.defaultDatabase = defaultDatabase;
	}

	/** The Maven module, which is also the jar's name and the log file's name. */
	public String module() {
		return this.module;
	}

	public ServicePorts defaultPorts() {
		return this.defaultPorts;
	}

	/** The database this service owns, if any. */
	public Optional<String> defaultDatabase() {
		return Optional.ofNullable(this.defaultDatabase);
	}

	@Override
	public String toString() {
		return this.module;
	}

}
