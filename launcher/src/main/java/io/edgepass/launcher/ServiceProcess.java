package io.edgepass.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

/**
 * One service running as {@code java -jar}, its output appended to its log file. Knows
 * whether its end was asked for, so that only unexpected deaths count as failures.
 */
final class ServiceProcess {

	/**
	 * Variables the suite sets itself: never inherited from the launcher's own
	 * environment, so that a service only sees the values meant for it.
	 */
	static final Set<String> MANAGED = Set.of("SERVER_PORT", "MANAGEMENT_SERVER_PORT", "EDGEPASS_EDGE_SECRET",
			"EDGEPASS_EDGE_MASTER_SECRET", "EDGEPASS_EDGE_NEXT_SECRET", "SPRING_DATASOURCE_URL",
			"SPRING_DATASOURCE_USERNAME", "SPRING_DATASOURCE_PASSWORD", "EDGEPASS_ISSUER",
			"EDGEPASS_KEY_ENCRYPTION_KEY", "EDGEPASS_ADMIN_USERNAME", "EDGEPASS_ADMIN_PASSWORD", "EDGEPASS_AUTH_URL",
			"EDGEPASS_ORDERS_URL", "EDGEPASS_PROFILE_URL", "EDGEPASS_AUTH_URLS", "EDGEPASS_ORDERS_URLS",
			"EDGEPASS_PROFILE_URLS", "EDGEPASS_REDIS_URL", "EDGEPASS_DB_URL", "EDGEPASS_DB_USERNAME",
			"EDGEPASS_DB_PASSWORD");

	private final Service service;

	private final int replica;

	private final List<String> command;

	private final Map<String, String> environment;

	private final Path logFile;

	private volatile Process process;

	/**
	 * Whether the current process's end was asked for: one flag per process, because the
	 * exit callback of a terminated process may run after a restart has begun.
	 */
	private volatile AtomicBoolean exitExpected = new AtomicBoolean();

	ServiceProcess(Service service, int replica, List<String> command, Map<String, String> environment, Path logFile) {
		this.service = service;
		this.replica = replica;
		this.command = List.copyOf(command);
		this.environment = Map.copyOf(environment);
		this.logFile = logFile;
	}

	/**
	 * Starts the process.
	 * @param onUnexpectedExit told when the process ends without {@link #terminate} or
	 * {@link #kill} having been called
	 */
	synchronized void start(BiConsumer<ServiceProcess, Integer> onUnexpectedExit) {
		if (isAlive()) {
			throw new IllegalStateException(this.service + " is already running");
		}
		try {
			Files.createDirectories(this.logFile.getParent());
			ProcessBuilder builder = new ProcessBuilder(this.command).redirectErrorStream(true)
				.redirectOutput(Redirect.appendTo(this.logFile.toFile()))
				.redirectInput(Redirect.from(Path.of("/dev/null").toFile()));
			builder.environment().keySet().removeAll(MANAGED);
			builder.environment().putAll(this.environment);
			AtomicBoolean expected = new AtomicBoolean();
			this.exitExpected = expected;
			Process started = builder.start();
			this.process = started;
			started.onExit().thenAccept((ended) -> {
				if (!expected.get()) {
					onUnexpectedExit.accept(this, ended.exitValue());
				}
			});
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start " + this.service + " with " + this.command, ex);
		}
	}

	/**
	 * SIGTERM, then SIGKILL if the process is still alive after the grace period.
	 * @param grace how long a graceful shutdown may take
	 */
	void terminate(Duration grace) {
		Process current = this.process;
		if (current == null) {
			return;
		}
		this.exitExpected.set(true);
		List<ProcessHandle> descendants = descendants(current);
		current.destroy();
		try {
			if (!current.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
				current.destroyForcibly().waitFor();
			}
		}
		catch (InterruptedException ex) {
			current.destroyForcibly();
			Thread.currentThread().interrupt();
		}
		descendants.forEach(ProcessHandle::destroyForcibly);
	}

	/** SIGKILL, and wait until the process is gone. */
	void kill() {
		Process current = this.process;
		if (current == null) {
			return;
		}
		this.exitExpected.set(true);
		List<ProcessHandle> descendants = descendants(current);
		current.destroyForcibly();
		descendants.forEach(ProcessHandle::destroyForcibly);
		try {
			current.waitFor();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	boolean isAlive() {
		Process current = this.process;
		return current != null && current.isAlive();
	}

	/** The process handle, while it has been started at least once. */
	ProcessHandle handle() {
		Process current = this.process;
		if (current == null) {
			throw new IllegalStateException(this.service + " was never started");
		}
		return current.toHandle();
	}

	Service service() {
		return this.service;
	}

	/** Which of the service's processes this is, from 1. */
	int replica() {
		return this.replica;
	}

	Path logFile() {
		return this.logFile;
	}

	/**
	 * The last lines of the log.
	 * @param lines how many
	 * @return the lines, fewer if the log is shorter
	 */
	List<String> logTail(int lines) {
		if (!Files.exists(this.logFile)) {
			return List.of();
		}
		Deque<String> tail = new ArrayDeque<>(lines);
		try (Stream<String> all = Files.lines(this.logFile, StandardCharsets.UTF_8)) {
			all.forEach((line) -> {
				if (tail.size() == lines) {
					tail.removeFirst();
				}
				tail.addLast(line);
			});
		}
		catch (IOException | UncheckedIOException ex) {
			return List.of("(log unreadable: " + ex.getMessage() + ")");
		}
		return new ArrayList<>(tail);
	}

	private static List<ProcessHandle> descendants(Process process) {
		try (Stream<ProcessHandle> handles = process.descendants()) {
			return handles.toList();
		}
	}

}
