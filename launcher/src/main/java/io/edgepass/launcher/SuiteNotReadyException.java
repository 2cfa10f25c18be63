package io.edgepass.launcher;

import java.util.Optional;

/** The suite did not become ready: a service died, or time ran out. */
public class SuiteNotReadyException extends RuntimeException {

	private final transient ServiceFailure failure;

	SuiteNotReadyException(String message, ServiceFailure failure) {
		super(message);
		this.failure = failure;
	}

	/** The service that died, when that is why. */
	public Optional<ServiceFailure> failure() {
		return Optional.ofNullable(this.failure);
	}

}
