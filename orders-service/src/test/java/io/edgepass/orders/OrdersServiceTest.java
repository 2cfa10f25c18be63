package io.edgepass.orders;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import io.edgepass.testsupport.TestEdgeAssertions;
import io.edgepass.testsupport.TestPostgres;
import io.edgepass.trust.EdgeHeaders;
import io.edgepass.trust.EdgeIdentity;

import static org.assertj.core.api.Assertions.assertThat;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The one application context every orders-service test shares: the whole service on
 * random ports against its own PostgreSQL database, called over real HTTP.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0", "edgepass.orders.idempotency.in-flight-wait=PT1S" })
public abstract class OrdersServiceTest {

	public static final String AUDIENCE = "orders-service";

	private static final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	@LocalServerPort
	protected int port;

	@LocalManagementPort
	protected int managementPort;

	@DynamicPropertySource
	static void services(DynamicPropertyRegistry registry) {
		TestPostgres.register(registry, "orders");
		TestEdgeAssertions.register(registry, AUDIENCE);
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
		return request(path).header(EdgeHeaders.ASSERTION, TestEdgeAssertions.mint(as, AUDIENCE));
	}

	protected Response get(String path, EdgeIdentity as) {
		return send(request(path, as).GET());
	}

	protected Response postJson(String path, EdgeIdentity as, String json, String... headers) {
		HttpRequest.Builder builder = request(path, as).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json));
		if (headers.length > 0) {
			builder.headers(headers);
		}
		return send(builder);
	}

	protected Response post(String path, EdgeIdentity as) {
		return send(request(path, as).POST(HttpRequest.BodyPublishers.noBody()));
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

	/**
	 * An order body with one line per {@code sku:quantity:unitPrice} (unitPrice as JSON).
	 */
	protected static String order(String currency, String... lines) {
		StringBuilder items = new StringBuilder();
		for (String line : lines) {
			String[] parts = line.split(":", 3);
			items.append(items.isEmpty() ? "" : ",")
				.append("{\"sku\":\"")
				.append(parts[0])
				.append("\",\"quantity\":")
				.append(parts[1])
				.append(",\"unitPrice\":")
				.append(parts[2])
				.append("}");
		}
		return "{\"items\":[" + items + "],\"currency\":\"" + currency + "\"}";
	}

	protected static void assertProblem(Response response, int status) {
		assertThat(response.status()).as(response.body()).isEqualTo(status);
		assertThat(response.contentType()).isEqualTo("application/problem+json");
		assertThat((Integer) response.json("$.status")).isEqualTo(status);
		assertThat((String) response.json("$.type")).startsWith("https://edgepass.dev/problems/");
		assertThat((String) response.json("$.title")).isNotBlank();
		assertThat((String) response.json("$.detail")).isNotBlank();
		assertThat((String) response.json("$.instance")).startsWith("/");
	}

	protected static void assertInvalid(Response response, String field) {
		assertProblem(response, 400);
		assertThat((String) response.json("$.type")).isEqualTo("https://edgepass.dev/problems/invalid-request");
		assertThat((List<String>) response.json("$.errors[*].field")).contains(field);
	}

	public record Response(int status, java.net.http.HttpHeaders headers, String body) {

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
