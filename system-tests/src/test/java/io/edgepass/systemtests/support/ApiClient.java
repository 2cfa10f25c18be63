package io.edgepass.systemtests.support;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;

/**
 * A client of the suite over plain HTTP, as an app would be. Each client has its own
 * loopback source address (127.x.y.z), so the gateway sees separate clients: rate limits
 * per client address then behave as they would for separate machines.
 */
public final class ApiClient implements AutoCloseable {

	private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);

	private final URI base;

	private final InetAddress address;

	private final HttpClient http;

	ApiClient(URI base, InetAddress address) {
		this.base = base;
		this.address = address;
		this.http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.localAddress(address)
			.connectTimeout(Duration.ofSeconds(3))
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

	/** The source address the suite sees for this client. */
	public InetAddress address() {
		return this.address;
	}

	public URI base() {
		return this.base;
	}

	/**
	 * @param path the path and query
	 * @param bearer an access token, or {@code null}
	 * @param headers more headers as name, value, name, value...
	 */
	public Reply get(String path, String bearer, String... headers) {
		return send("GET", path, bearer, null, headers);
	}

	public Reply post(String path, String bearer, String jsonBody, String... headers) {
		return send("POST", path, bearer, jsonBody, headers);
	}

	public Reply put(String path, String bearer, String jsonBody, String... headers) {
		return send("PUT", path, bearer, jsonBody, headers);
	}

	public Reply delete(String path, String bearer, String... headers) {
		return send("DELETE", path, bearer, null, headers);
	}

	/**
	 * One request; a JSON body gets {@code Content-Type: application/json} unless the
	 * headers name another.
	 */
	public Reply send(String method, String path, String bearer, String jsonBody, String... headers) {
		HttpRequest.Builder request = request(path);
		if (bearer != null) {
			request.header("Authorization", "Bearer " + bearer);
		}
		boolean typed = false;
		for (int i = 0; i < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
			typed |= headers[i].equalsIgnoreCase("Content-Type");
		}
		if (jsonBody != null && !typed) {
			request.header("Content-Type", "application/json");
		}
		BodyPublisher body = (jsonBody != null) ? BodyPublishers.ofString(jsonBody) : BodyPublishers.noBody();
		return exchange(request.method(method, body).build());
	}

	/**
	 * A request builder for this client's base URL, for requests the helpers cannot say.
	 */
	public HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(this.base.resolve(path)).timeout(REQUEST_TIMEOUT);
	}

	public Reply exchange(HttpRequest request) {
		long start = System.nanoTime();
		try {
			var response = this.http.send(request, BodyHandlers.ofString());
			return new Reply(request.method(), request.uri(), response.statusCode(), response.headers(),
					response.body(), Duration.ofNanos(System.nanoTime() - start));
		}
		catch (IOException ex) {
			return Reply.none(request.method(), request.uri(), ex, Duration.ofNanos(System.nanoTime() - start));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Reply.none(request.method(), request.uri(), ex, Duration.ofNanos(System.nanoTime() - start));
		}
	}

	@Override
	public void close() {
		this.http.close();
	}

	@Override
	public String toString() {
		return "ApiClient[" + this.address.getHostAddress() + " -> " + this.base + "]";
	}

}
