package io.edgepass.profile;

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
 * The one application context every profile-service test shares: the whole service on
 * random ports against its own PostgreSQL database, called over real HTTP.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = { "management.server.port=0" })
public abstract class ProfileServiceTest {

	public static final String AUDIENCE = "profile-service";

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
		TestPostgres.register(registry, "profiles");
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

	protected Response putJson(String path, EdgeIdentity as, String json, String... headers) {
		HttpRequest.Builder builder = request(path, as).header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString(json));
		if (headers.length > 0) {
			builder.headers(headers);
		}
		return send(builder);
	}

	protected Response management(String path) {
		return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.managementPort + path))
			.timeout(Duration.ofSeconds(20))
			.GET());
	}

	/** A {@code PUT /profiles/me} body; {@code null} leaves a field out. */
	protected static String profile(String displayName, String email, String bio) {
		java.util.List<String> fields = new java.util.ArrayList<>();
		if (displayName != null) {
			fields.add("\"displayName\":" + quote(displayName));
		}
		if (email != null) {
			fields.add("\"email\":" + quote(email));
		}
		if (bio != null) {
			fields.add("\"bio\":" + quote(bio));
		}
		return "{" + String.join(",", fields) + "}";
	}

	/** A JSON string literal: quotes, backslashes and control characters escaped. */
	protected static String quote(String value) {
		StringBuilder out = new StringBuilder("\"");
		for (char c : value.toCharArray()) {
			if (c == '"' || c == '\\') {
				out.append('\\').append(c);
			}
			else if (c < 0x20 || Character.isSurrogate(c)) {
				out.append(String.format("\\u%04x", (int) c));
			}
			else {
				out.append(c);
			}
		}
		return out.append('"').toString();
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
