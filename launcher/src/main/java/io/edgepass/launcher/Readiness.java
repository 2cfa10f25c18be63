package io.edgepass.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Polls URLs until each answers {@code 200}: the services' readiness probes, then the
 * gateway's JWKS. Gives up early when a failure is reported, late when time is up.
 */
final class Readiness {

	private static final Duration POLL_INTERVAL = Duration.ofMillis(250);

	private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(2);

	private final HttpClient client;

	Readiness() {
		this.client = HttpClient.newBuilder()
			.connectTimeout(REQUEST_TIMEOUT)
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

	/**
	 * Whether the URL answers {@code 200} now.
	 * @param url the URL
	 * @return {@code true} on a {@code 200}; {@code false} on any other answer or none
	 */
	boolean isOk(URI url) {
		HttpRequest request = HttpRequest.newBuilder(url).timeout(REQUEST_TIMEOUT).GET().build();
		try {
			return this.client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/**
	 * Waits until every URL answers {@code 200}, in order.
	 * @param urls what to wait for, by name
	 * @param timeout how long to wait in all
	 * @param failure a failure that ends the wait early, if one happened
	 * @throws SuiteNotReadyException when time is up or a failure is reported
	 */
	void awaitOk(Map<String, URI> urls, Duration timeout, Supplier<Optional<ServiceFailure>> failure) {
		Instant deadline = Instant.now().plus(timeout);
		Map<String, URI> waiting = new LinkedHashMap<>(urls);
		while (!waiting.isEmpty()) {
			Optional<ServiceFailure> failed = failure.get();
			if (failed.isPresent()) {
				throw new SuiteNotReadyException(failed.get().describe(), failed.get());
			}
			waiting.values().removeIf(this::isOk);
			if (waiting.isEmpty()) {
				return;
			}
			if (Instant.now().isAfter(deadline)) {
				throw new SuiteNotReadyException("Not ready after " + timeout.toSeconds() + "s: " + waiting, null);
			}
			try {
				Thread.sleep(POLL_INTERVAL);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new SuiteNotReadyException("Interrupted while waiting for " + waiting.keySet(), null);
			}
		}
	}

}
