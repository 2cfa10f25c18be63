package io.edgepass.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import io.edgepass.trust.EdgeHeaders;
import io.edgepass.trust.EdgeIdentity;

import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every test of a service behind the gateway does over real HTTP: requests to the
 * service's random port carrying an edge assertion minted for its audience, the
 * management port, and the checks every problem response must pass. The service's own
 * base class adds {@code @SpringBootTest} and its database.
 */
public abstract class ServiceHttpTest {

	private static final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final String audience;

	@LocalServerPort
	protected int port;

	@LocalManagementPort
	protected int managementPort;

	protected ServiceHttpTest(String audience) {
		this.audience = audience;
	}

	String audience() {
		return this.audience;
	}

	protected static EdgeIdentity newUser() {
		return TestEdgeAssertions.user(UUID.randomUUID(), "user-" + UUID.randomUUID().toString().substring(0, 8));
	}

	protected static EdgeIdentity newAdmin() {
		return TestEdgeAssertions.admin(UUID.randomUUID(), "admin-" + UUID.randomUUID().toString().substring(0, 8));
	}

	protected HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.timeout(Duration.ofSeconds(20));
	}

	protected HttpRequest.Builder request(String path, EdgeIdentity as) {
		return request(path).header(EdgeHeaders.ASSERTION, TestEdgeAssertions.mint(as, this.audience));
	}

	protected Response get(String path, EdgeIdentity as) {
		return send(request(path, as).GET());
	}

	protected Response post(String path, EdgeIdentity as) {
		return send(request(path, as).POST(HttpRequest.BodyPublishers.noBody()));
	}

	protected Response postJson(String path, EdgeIdentity as, String json, String... headers) {
		return sendJson(request(path, as).POST(HttpRequest.BodyPublishers.ofString(json)), headers);
	}

	protected Response putJson(String path, EdgeIdentity as, String json, String... headers) {
		return sendJson(request(path, as).PUT(HttpRequest.BodyPublishers.ofString(json)), headers);
	}

	private static Response sendJson(HttpRequest.Builder request, String... headers) {
		request.header("Content-Type", "application/json");
		if (headers.length > 0) {
			request.headers(headers);
		}
		return send(request);
	}

	protected Response management(String path) {
		return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.managementPort + path))
			.timeout(Duration.ofSeconds(20))
			.GET());
	}

	protected static Response send(HttpRequest.Builder request) {
		try {
			HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			return new Response(response.statusCode(), response.headers(), response.body());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** An RFC 9457 problem with this status and every member the contract requires. */
	protected static void assertProblem(Response response, int status) {
		assertThat(response.status()).as(response.body()).isEqualTo(status);
		assertThat(response.contentType()).isEqualTo("application/problem+json");
		assertThat((Integer) response.json("$.status")).isEqualTo(status);
		assertThat((String) response.json("$.type")).startsWith("https://edgepass.dev/problems/");
		assertThat((String) response.json("$.title")).isNotBlank();
		assertThat((String) response.json("$.detail")).isNotBlank();
		assertThat((String) response.json("$.instance")).startsWith("/");
	}

	/**
	 * Liveness, readiness and Prometheus answer on the management port, the service UP.
	 */
	protected void assertProbesAndMetricsOnManagementPort() {
		assertThat(management("/actuator/health/liveness").status()).isEqualTo(200);
		Response readiness = management("/actuator/health/readiness");
		assertThat(readiness.status()).isEqualTo(200);
		assertThat((String) readiness.json("$.status")).isEqualTo("UP");
		Response prometheus = management("/actuator/prometheus");
		assertThat(prometheus.status()).isEqualTo(200);
		assertThat(prometheus.body()).contains("hikaricp_connections", "http_server_requests");
	}

	/** Readiness DOWN while liveness stays UP: taken out of rotation, not restarted. */
	protected void assertNotReadyButAlive() {
		Response readiness = management("/actuator/health/readiness");
		assertThat(readiness.status()).isEqualTo(503);
		assertThat((String) readiness.json("$.status")).isEqualTo("DOWN");
		assertThat(management("/actuator/health/liveness").status()).isEqualTo(200);
	}

	/**
	 * The answer while the database is unreachable: a 503 problem that leaks nothing of
	 * it.
	 */
	protected static void assertDatabaseUnavailable(Response response) {
		assertProblem(response, 503);
		assertThat((String) response.json("$.type")).isEqualTo("https://edgepass.dev/problems/service-unavailable");
		assertThat(response.body()).doesNotContainIgnoringCase("sql").doesNotContain("Exception", "jdbc", "Hikari");
	}

	/**
	 * A 401 problem with this {@code WWW-Authenticate} challenge that says nothing about
	 * why.
	 */
	protected static void assertUnauthorized(Response response, String challenge) {
		assertProblem(response, 401);
		assertThat(response.header("WWW-Authenticate")).isEqualTo(challenge);
		assertThat(response.body()).doesNotContain("Exception", "expired", "signature");
	}

	/** A 400 problem that names {@code field} among its {@code errors}. */
	protected static void assertInvalid(Response response, String field) {
		assertProblem(response, 400);
		assertThat((String) response.json("$.type")).isEqualTo("https://edgepass.dev/problems/invalid-request");
		assertThat((List<String>) response.json("$.errors[*].field")).contains(field);
	}

	public record Response(int status, HttpHeaders headers, String body) {

		public <T> T json(String path) {
			return JsonPath.read(this.body, path);
		}

		public String header(String name) {
			return this.headers.firstValue(name).orElse(null);
		}

		public String contentType() {
			return header("Content-Type");
		}

	}

}
