package io.edgepass.gateway;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Logger;
import io.edgepass.trust.ProblemTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Scopes, problem responses, browser headers, CORS, body limits and tracing at the edge.
 */
@ExtendWith(OutputCaptureExtension.class)
class EdgeResponseTests extends GatewayTestBase {

	private static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
			+ "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

	@Test
	void writingOrdersNeedsOrdersWriteAndTheRefusalNamesTheScope() {
		String readOnly = bearer(TestTokens.rs256().claim("scope", "orders:read profile:read").sign());
		this.client.get().uri("/orders").header(HttpHeaders.AUTHORIZATION, readOnly).exchange().expectStatus().isOk();
		this.client.head()
			.uri("/orders/1")
			.header(HttpHeaders.AUTHORIZATION, readOnly)
			.exchange()
			.expectStatus()
			.isOk();
		String path = "/orders/" + UUID.randomUUID() + "/cancel";
		this.client.post()
			.uri(path)
			.header(HttpHeaders.AUTHORIZATION, readOnly)
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectHeader()
			.valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"insufficient_scope\", scope=\"orders:write\"")
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo(ProblemTypes.INSUFFICIENT_SCOPE.toString())
			.jsonPath("$.status")
			.isEqualTo(403)
			.jsonPath("$.instance")
			.isEqualTo(path);
		assertThat(orders.count("POST", path)).isZero();
		this.client.put()
			.uri("/profiles/me")
			.header(HttpHeaders.AUTHORIZATION, readOnly)
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectHeader()
			.valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"insufficient_scope\", scope=\"profile:write\"");
		String noScopes = bearer(TestTokens.rs256().claim("scope", "profile:write").sign());
		this.client.get()
			.uri("/profiles/me")
			.header(HttpHeaders.AUTHORIZATION, noScopes)
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectHeader()
			.valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"insufficient_scope\", scope=\"profile:read\"");
	}

	@Test
	void sessionAndAdminCallsUnderAuthNeedOnlyAValidToken() {
		String noScopes = bearer(TestTokens.rs256().without("scope").sign());
		this.client.post()
			.uri("/auth/logout")
			.header(HttpHeaders.AUTHORIZATION, noScopes)
			.exchange()
			.expectStatus()
			.isOk();
		this.client.post()
			.uri("/auth/admin/keys/rotate")
			.header(HttpHeaders.AUTHORIZATION, noScopes)
			.exchange()
			.expectStatus()
			.isOk();
		this.client.post().uri("/auth/logout-all").exchange().expectStatus().isUnauthorized();
		this.client.get().uri("/auth/sessions").exchange().expectStatus().isUnauthorized();
	}

	@Test
	void publicEndpointsNeedNoToken() {
		this.client.get().uri("/.well-known/jwks.json").exchange().expectStatus().isOk();
		this.client.post().uri("/auth/register").bodyValue("{}").exchange().expectStatus().isOk();
		this.client.get().uri("/.well-known/oauth-authorization-server").exchange().expectStatus().isOk();
		for (String path : List.of("/", "/index.html", "/app/app.js", "/docs/swagger-ui/index.html",
				"/docs/openapi/swagger-config", "/docs/api/auth")) {
			this.client.get()
				.uri(path)
				.exchange()
				.expectStatus()
				.value((status) -> assertThat(status).as(path).isEqualTo(200));
		}
		this.client.get().uri("/favicon.ico").exchange().expectStatus().isNotFound();
	}

	@Test
	void unroutedPathsAndMethodsGetProblems() {
		String token = bearer(TestTokens.rs256().sign());
		this.client.get()
			.uri("/nowhere")
			.header(HttpHeaders.AUTHORIZATION, token)
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo(ProblemTypes.NOT_FOUND.toString())
			.jsonPath("$.instance")
			.isEqualTo("/nowhere");
		this.client.method(HttpMethod.DELETE)
			.uri("/favicon.ico")
			.header(HttpHeaders.AUTHORIZATION, token)
			.exchange()
			.expectStatus()
			.value((status) -> assertThat(status).isIn(404, 405))
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void bodiesOverTheLimitGet413WithoutReachingTheService() {
		String path = "/orders/" + UUID.randomUUID();
		this.client.post()
			.uri(path)
			.header(HttpHeaders.AUTHORIZATION, bearer(TestTokens.rs256().sign()))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"pad\":\"" + "x".repeat(100_000) + "\"}")
			.exchange()
			.expectStatus()
			.isEqualTo(413)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo(ProblemTypes.PAYLOAD_TOO_LARGE.toString());
		assertThat(orders.count("POST", path)).isZero();
	}

	@Test
	void everyResponseCarriesStrictBrowserHeaders() {
		this.client.get()
			.uri("/.well-known/jwks.json")
			.exchange()
			.expectHeader()
			.valueEquals("Content-Security-Policy", CSP)
			.expectHeader()
			.valueEquals("X-Content-Type-Options", "nosniff")
			.expectHeader()
			.valueEquals("Referrer-Policy", "no-referrer");
		this.client.get()
			.uri("/orders")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.valueEquals("Content-Security-Policy", CSP)
			.expectHeader()
			.valueEquals("X-Content-Type-Options", "nosniff")
			.expectHeader()
			.valueEquals("Referrer-Policy", "no-referrer");
	}

	@Test
	void corsPreflightFromAConfiguredOriginNeedsNoTokenOthersAreRefused() {
		this.client.options()
			.uri("/orders")
			.header(HttpHeaders.ORIGIN, CORS_ORIGIN)
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "authorization, content-type, idempotency-key")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, CORS_ORIGIN);
		this.client.options()
			.uri("/orders")
			.header(HttpHeaders.ORIGIN, "https://evil.example")
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectHeader()
			.doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
		assertThat(orders.count("OPTIONS", "/orders")).isZero();
	}

	@Test
	void everyRequestIsLoggedWithRouteStatusAndUserButNeverTheToken(CapturedOutput output) {
		TestTokens.Builder user = TestTokens.rs256();
		String token = user.sign();
		this.client.get()
			.uri("/orders/logged?access_token=" + token)
			.header(HttpHeaders.AUTHORIZATION, bearer(token))
			.exchange()
			.expectStatus()
			.isOk();
		await().atMost(Duration.ofSeconds(2))
			.untilAsserted(() -> assertThat(output.getOut())
				.contains("method=GET path=/orders/logged route=orders status=200", "user=" + user.subject()));
		assertThat(output.getOut()).doesNotContain(token, token.substring(0, token.indexOf('.')));
	}

	@Test
	void theAccessLogIsWrittenThroughABoundedQueueThatNeverBlocksTheEventLoop() {
		Logger access = (Logger) LoggerFactory.getLogger("io.edgepass.gateway.access");
		assertThat(access.isAdditive()).isFalse();
		assertThat(access.iteratorForAppenders()).toIterable()
			.singleElement()
			.isInstanceOfSatisfying(AsyncAppender.class, (async) -> {
				assertThat(async.isNeverBlock()).isTrue();
				assertThat(async.getAppender("CONSOLE")).isNotNull();
			});
	}

	@Test
	void rejectionsAreCountedByReasonInPrometheus() {
		this.client.get()
			.uri("/orders")
			.header(HttpHeaders.AUTHORIZATION, bearer(TestTokens.rs256().claim("aud", "other").sign()))
			.exchange()
			.expectStatus()
			.isUnauthorized();
		management().get()
			.uri("/actuator/prometheus")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.value((metrics) -> assertThat(metrics).contains(
					"edgepass_gateway_token_rejected_total{reason=\"audience\"}", "edgepass_gateway_jwks_age_seconds",
					"edgepass_gateway_jwks_fetch_failures_total", "edgepass_gateway_revocation_lag_seconds",
					"edgepass_gateway_revocation_size", "edgepass_gateway_ratelimit_backend{backend=\"redis\"} 1.0"));
	}

}
