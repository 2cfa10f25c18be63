package io.edgepass.trust;

/**
 * An {@code X-Edge-Assertion} that must not be trusted. The message is for logs, never
 * for clients.
 */
public class InvalidEdgeAssertionException extends Exception {

	public InvalidEdgeAssertionException(String message) {
		super(message);
	}

	public InvalidEdgeAssertionException(String message, Throwable cause) {
		super(message, cause);
	}

}
