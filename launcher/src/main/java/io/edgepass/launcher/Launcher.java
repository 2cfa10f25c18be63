package io.edgepass.launcher;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * {@code java -jar launcher/target/launcher.jar}: starts the suite, prints where it is
 * and how to log in, and keeps it running until Ctrl-C or until a service dies.
 */
public final class Launcher {

	private Launcher() {
	}

	public static void main(String[] args) {
		System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
		Path root = Path.of(System.getProperty("edgepass.root", "")).toAbsolutePath();
		LauncherSettings settings;
		try {
			settings = LauncherSettings.from(Arrays.asList(args), System.getenv(), root);
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			System.exit(2);
			return;
		}
		System.exit(run(settings, System.out));
	}

	static int run(LauncherSettings settings, PrintStream out) {
		int replicas = settings.options().replicas();
		out.println("Starting Edgepass: PostgreSQL, then auth-service, orders-service, profile-service and gateway"
				+ ((replicas == 1) ? "" : ", " + replicas + " processes of each,") + " (logs in "
				+ settings.options().logDirectory() + ")");
		Suite suite;
		try {
			suite = Suite.start(settings.options());
		}
		catch (RuntimeException ex) {
			out.println(ex.getMessage());
			return 1;
		}
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			out.println("Stopping Edgepass...");
			suite.stop();
			out.println("Stopped.");
		}, "edgepass-shutdown"));
		try {
			suite.awaitReady(settings.readyTimeout());
		}
		catch (SuiteNotReadyException ex) {
			out.println("Edgepass did not become ready. " + ex.getMessage());
			suite.stop();
			return 1;
		}
		out.print(readyBanner(suite));
		ServiceFailure failure = suite.failure().join();
		// CAUTION: Ctrl-C reaches the services too (same process group), and a service
		// that
		// exits on SIGINT (130) is our own shutdown, not a failure.
		if (failure.exitCode() == 130) {
			return 130;
		}
		out.println("Edgepass stopped because " + failure.describe());
		suite.stop();
		return 1;
	}

	static String readyBanner(Suite suite) {
		DevSecrets secrets = suite.secrets();
		StringBuilder text = new StringBuilder();
		text.append("\nEdgepass is ready: every readiness probe is UP and ")
			.append(suite.jwksUrl())
			.append(" answers 200.\n\n");
		// Each name padded to one width: "profile-service 2" is longer than the names
		// alone.
		String line = (suite.replicas().size() == 1) ? "  %-16s %s%n" : "  %-19s %s%n";
		String gateways = suite.replicas()
			.stream()
			.map((replica) -> suite.baseUrl(Service.GATEWAY, replica).toString())
			.collect(Collectors.joining(", "));
		text.append(String.format(line, "API (gateway)", gateways));
		for (Service service : Service.values()) {
			for (int replica : suite.replicas()) {
				text.append(String.format(line, suite.name(service, replica), suite.baseUrl(service, replica)
						+ "   health " + suite.managementUrl(service, replica).resolve("/actuator/health")));
			}
		}
		text.append(String.format(line, "PostgreSQL", suite.postgres().description()));
		String redis = suite.options().redisUrl();
		text.append(String.format(line, "Redis", (redis == null || redis.isBlank())
				? "none (rate limits in the gateway's memory; EDGEPASS_REDIS_URL shares them)" : redis));
		text.append(String.format(line, "Logs", suite.options().logDirectory()));
		text.append("\nLog in as the admin (username ")
			.append(secrets.adminUsername())
			.append(", password ")
			.append(secrets.adminPassword())
			.append("):\n\n");
		text.append("  curl -s -X POST ")
			.append(suite.baseUrl().resolve("/auth/login"))
			.append(" -H 'Content-Type: application/json' \\\n    -d '{\"username\":\"")
			.append(secrets.adminUsername())
			.append("\",\"password\":\"")
			.append(secrets.adminPassword())
			.append("\"}'\n\nPress Ctrl-C to stop.\n");
		return text.toString();
	}

}
