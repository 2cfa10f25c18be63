package io.edgepass.systemtests.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A command run to its end or a time limit, its output (stdout and stderr) in a log file.
 *
 * @param name names the command in failure messages
 * @param finished whether it ended within the limit (else it and its children were
 * killed)
 * @param exitValue its exit code
 * @param log its whole output
 */
public record CommandRun(String name, boolean finished, int exitValue, String log) {

	/**
	 * Runs a command.
	 * @param name names the command in failure messages
	 * @param command what to run, with its directory and environment
	 * @param log where its output goes
	 * @param limit how long it may take
	 * @return how it ended
	 * @throws IOException when it cannot start or its log cannot be read
	 * @throws InterruptedException when interrupted while waiting
	 */
	public static CommandRun of(String name, ProcessBuilder command, Path log, Duration limit)
			throws IOException, InterruptedException {
		Files.createDirectories(log.getParent());
		Process process = command.redirectErrorStream(true).redirectOutput(log.toFile()).start();
		boolean finished = process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
		if (!finished) {
			process.descendants().forEach(ProcessHandle::destroyForcibly);
			process.destroyForcibly().waitFor();
		}
		return new CommandRun(name, finished, process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
	}

	/**
	 * Asserts that the command ended in time with exit code 0.
	 * @return this run
	 */
	public CommandRun assertSucceeded() {
		assertThat(this.finished).as("%s finished within its time limit; its output:\n%s", this.name, this.log)
			.isTrue();
		assertThat(this.exitValue).as("%s's exit code; its output:\n%s", this.name, this.log).isZero();
		return this;
	}

}
