package io.edgepass.systemtests.support;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

import tools.jackson.databind.JsonNode;

/**
 * One answer of the suite, or the lack of one ({@link #status()} {@code 0}), kept with
 * its request so that a failed assertion says what was sent and what came back.
 *
 * @param method the request's method
 * @param uri the request's URI
 * @param status the HTTP status, {@code 0} when no answer came
 * @param headers the response headers
 * @param body the response body, or why there was no answer
 * @param took how long the exchange took
 */
public record Reply(String method, URI uri, int status, HttpHeaders headers, String body, Duration took) {

	private static final int BODY_SHOWN = 2000;

	static Reply none(String method, URI uri, Exception failure, Duration took) {
		return new Reply(method, uri, 0, HttpHeaders.of(Map.of(), (name, value) -> true),
				"no answer: " + failure.getClass().getSimpleName() + ": " + failure.getMessage(), took);
	}

	public JsonNode json() {
		try {
			return Json.read(this.body);
		}
		catch (RuntimeException ex) {
			throw new AssertionError("Expected a JSON body: " + this, ex);
		}
	}

	/** A top-level text field of the JSON body, {@code ""} when absent. */
	public String field(String name) {
		return json().path(name).asString("");
	}

	public Optional<String> header(String name) {
		return this.headers.firstValue(name);
	}

	public boolean is2xx() {
		return this.status >= 200 && this.status < 300;
	}

	public boolean is5xx() {
		return this.status >= 500;
	}

	/**
	 * Fails unless the status is one of those given.
	 * @param expected the acceptable statuses
	 * @return this reply
	 */
	public Reply expect(int... expected) {
		for (int status : expected) {
			if (this.status == status) {
				return this;
			}
		}
		throw new AssertionError("Expected HTTP " + Arrays.toString(expected) + " but got " + this);
	}

	/**
	 * Fails unless the answer is an RFC 9457 problem with this status.
	 * @param status the expected status
	 * @return this reply
	 */
	public Reply expectProblem(int status) {
		expect(status);
		String type = header("Content-Type").orElse("");
		if (!type.startsWith("application/problem+json")) {
			throw new AssertionError("Expected an application/problem+json body but got " + type + ": " + this);
		}
		JsonNode problem = json();
		if (problem.path("status").asInt() != status || problem.path("title").asString("").isEmpty()) {
			throw new AssertionError("Expected a problem with status " + status + " and a title: " + this);
		}
		return this;
	}

	/** Fails unless this is the contract's 401: a problem and a Bearer challenge. */
	public Reply expectUnauthorized() {
		expectProblem(401);
		String challenge = header("WWW-Authenticate").orElse("");
		if (!challenge.regionMatches(true, 0, "Bearer", 0, 6)) {
			throw new AssertionError("A 401 without WWW-Authenticate: Bearer (got '" + challenge + "'): " + this);
		}
		return this;
	}

	@Override
	public String toString() {
		String shown = (this.body.length() > BODY_SHOWN) ? this.body.substring(0, BODY_SHOWN) + "..." : this.body;
		return this.method + " " + this.uri.getRawPath()
				+ ((this.uri.getRawQuery() != null) ? "?" + this.uri.getRawQuery() : "") + " -> "
				+ ((this.status == 0) ? "(none)" : this.status) + " in " + this.took.toMillis() + " ms, headers "
				+ this.headers.map() + ", body: " + shown;
	}

}
