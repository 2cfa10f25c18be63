package io.edgepass.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's walkthrough against the four real jars, started exactly like the local run
 * (embedded PostgreSQL), on free ports: register, log in, place an order, read the
 * profile, all through the gateway. Fails when the jars have not been built. The journey
 * runs first, right when the suite is ready as the launcher's banner says: the ready
 * signal of the README is true for every route.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalRunWalkthroughIT {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private static Suite suite;

	@BeforeAll
	static void startTheSuite() {
		Path root = projectRoot();
		suite = Suite.start(SuiteOptions.defaults(root)
			.withFreePorts()
			.withLogDirectory(root.resolve("launcher/target/walkthrough-logs")));
		suite.awaitReady(Duration.ofMinutes(4));
	}

	@AfterAll
	static void stopTheSuite() {
		if (suite != null) {
			suite.stop();
		}
	}

	@Test
	@Order(1)
	void rightWhenTheSuiteIsReadyANewUserRegistersLogsInPlacesAnOrderAndReadsTheirProfile() throws Exception {
		String username = "walker-" + UUID.randomUUID().toString().substring(0, 8);

		HttpResponse<String> registered = post("/auth/register",
				"{\"username\":\"" + username + "\",\"password\":\"a long enough password\"}", null);
		assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
		String userId = json.readTree(registered.body()).path("id").asString();

		HttpResponse<String> loggedIn = post("/auth/login",
				"{\"username\":\"" + username + "\",\"password\":\"a long enough password\"}", null);
		assertThat(loggedIn.statusCode()).as(loggedIn.body()).isEqualTo(200);
		JsonNode tokens = json.readTree(loggedIn.body());
		assertThat(tokens.path("token_type").asString()).isEqualTo("Bearer");
		String accessToken = tokens.path("access_token").asString();

		HttpResponse<String> ordered = post("/orders",
				"{\"items\":[{\"sku\":\"BOOK-1\",\"quantity\":2,\"unitPrice\":\"9.99\"}],\"currency\":\"EUR\"}",
				accessToken);
		assertThat(ordered.statusCode()).as(ordered.body()).isEqualTo(201);
		JsonNode order = json.readTree(ordered.body());
		assertThat(order.path("ownerId").asString()).isEqualTo(userId);
		assertThat(order.path("total").asString()).isEqualTo("19.98");
		assertThat(ordered.headers().firstValue("Location")).contains("/orders/" + order.path("id").asString());

		HttpResponse<String> profile = get("/profiles/me", accessToken);
		assertThat(profile.statusCode()).as(profile.body()).isEqualTo(200);
		assertThat(json.readTree(profile.body()).path("username").asString()).isEqualTo(username);
		assertThat(profile.headers().firstValue("ETag")).isPresent();
	}

	@Test
	void theBootstrapAdminCanLogInWithThePrintedPassword() throws Exception {
		DevSecrets secrets = suite.secrets();
		HttpResponse<String> loggedIn = post("/auth/login",
				"{\"username\":\"" + secrets.adminUsername() + "\",\"password\":\"" + secrets.adminPassword() + "\"}",
				null);
		assertThat(loggedIn.statusCode()).as(loggedIn.body()).isEqualTo(200);
		assertThat(json.readTree(loggedIn.body()).path("scope").asString()).contains("admin");
	}

	@Test
	void managementEndpointsAreNotReachableThroughTheGateway() throws Exception {
		assertThat(get("/actuator/health", null).statusCode()).isNotEqualTo(200);
		assertThat(get("/actuator/prometheus", null).statusCode()).isNotEqualTo(200);
	}

	private static HttpResponse<String> post(String path, String body, String accessToken)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(url(path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (accessToken != null) {
			request.header("Authorization", "Bearer " + accessToken);
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static HttpResponse<String> get(String path, String accessToken) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(url(path)).GET();
		if (accessToken != null) {
			request.header("Authorization", "Bearer " + accessToken);
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static URI url(String path) {
		return suite.baseUrl().resolve(path);
	}

	private static Path projectRoot() {
		Path directory = Path.of("").toAbsolutePath();
		while (directory != null && !Files.exists(directory.resolve("mvnw"))) {
			directory = directory.getParent();
		}
		if (directory == null) {
			throw new IllegalStateException("Run from inside the Edgepass repository (no mvnw found above "
					+ Path.of("").toAbsolutePath() + ")");
		}
		return directory;
	}

}
