package io.edgepass.launcher;

import java.util.List;

/**
 * A service that died while nobody asked it to.
 *
 * @param service the service
 * @param exitCode its exit code
 * @param logTail the last lines of its log
 */
public record ServiceFailure(Service service, int exitCode, List<String> logTail) {

	public ServiceFailure {
		logTail = List.copyOf(logTail);
	}

	/** A report for people: what died and the end of its log. */
	public String describe() {
		StringBuilder text = new StringBuilder(
				this.service + " exited with code " + this.exitCode + "; the last lines of its log:\n");
		this.logTail.forEach((line) -> text.append("  | ").append(line).append('\n'));
		return text.toString();
	}

}
