package io.edgepass.gateway;

import java.util.List;
import java.util.Map;

import io.edgepass.gateway.StubUpstream.Answer;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The browser's refresh cookie at the edge: passed unchanged to auth-service under
 * {@code /auth} only, never to another service, never a credential at the edge; a foreign
 * {@code Origin} refused on {@code /auth/**}.
 */
class RefreshCookieTests extends GatewayTestBase {

	private static final String COOKIES = "edgepass_refresh=rt-Abc_123-xyz; theme=dark";

	private static final String SET_COOKIE = "edgepass_refresh=rt-new; Path=/auth; Max-Age=2592000; "
			+ "Expires=Sat, 02 Jan 2027 00:00:00 GMT; Secure; HttpOnly; SameSite=Strict";

	@Test
	void theCookieAndTheDeliveryHeaderReachAuthServiceUnchangedAndItsSetCookieReachesTheBrowser() {
		auth.route("/auth/refresh-cookie-check",
				(request) -> Mono.just(new Answer(200,
						"{\"cookie\":\"" + request.requestHeaders().get(HttpHeaders.COOKIE) + "\",\"delivery\":\""
								+ request.requestHeaders().get("X-Refresh-Token-Delivery") + "\"}",
						Map.of(HttpHeaders.SET_COOKIE, SET_COOKIE))));
		this.client.post()
			.uri("/auth/refresh-cookie-check")
			.header(HttpHeaders.AUTHORIZATION, bearer(TestTokens.rs256().sign()))
			.header(HttpHeaders.COOKIE, COOKIES)
			.header("X-Refresh-Token-Delivery", "cookie")
			.header(HttpHeaders.ORIGIN, TestTokens.ISSUER)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(HttpHeaders.SET_COOKIE, SET_COOKIE)
			.expectBody()
			.jsonPath("$.cookie")
			.isEqualTo(COOKIES)
			.jsonPath("$.delivery")
			.isEqualTo("cookie");
		for (String path : List.of("/auth/refresh", "/auth/login")) {
			Map<String, List<String>> received = receivedHeaders(this.client.post()
				.uri(path)
				.header(HttpHeaders.COOKIE, COOKIES)
				.header("X-Refresh-Token-Delivery", "cookie")
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue("{}")
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.returnResult()
				.getResponseBody());
			assertThat(received.get("cookie")).as(path).containsExactly(COOKIES);
			assertThat(received.get("x-refresh-token-delivery")).as(path).containsExactly("cookie");
		}
	}

	@Test
	void theCookieNeverReachesOrdersProfileOrAnyOtherPath() {
		String token = bearer(TestTokens.rs256().sign());
		for (String path : List.of("/orders/mine", "/profiles/me", "/.well-known/other", "/docs/api/orders")) {
			Map<String, List<String>> received = receivedHeaders(this.client.get()
				.uri(path)
				.header(HttpHeaders.AUTHORIZATION, token)
				.header(HttpHeaders.COOKIE, COOKIES)
				.header("cookie", "edgepass_refresh=second")
				.header("Cookie2", "$Version=1")
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.returnResult()
				.getResponseBody());
			assertThat(received).as(path).doesNotContainKeys("cookie", "cookie2");
			assertThat(received.toString()).as(path).doesNotContain("rt-Abc", "edgepass_refresh");
		}
		Map<String, List<String>> posted = receivedHeaders(this.client.post()
			.uri("/orders")
			.header(HttpHeaders.AUTHORIZATION, token)
			.header(HttpHeaders.COOKIE, COOKIES)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{}")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.returnResult()
			.getResponseBody());
		assertThat(posted).doesNotContainKey("cookie");
	}

	@Test
	void theCookieIsNoCredentialAtTheEdge() {
		int sessions = auth.count("GET", "/auth/sessions");
		int logouts = auth.count("POST", "/auth/logout");
		for (String path : List.of("/orders/with-cookie-only", "/profiles/me", "/auth/sessions")) {
			this.client.get()
				.uri(path)
				.header(HttpHeaders.COOKIE, COOKIES)
				.exchange()
				.expectStatus()
				.isUnauthorized()
				.expectHeader()
				.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		}
		this.client.post()
			.uri("/auth/logout")
			.header(HttpHeaders.COOKIE, COOKIES)
			.header("X-Refresh-Token-Delivery", "cookie")
			.exchange()
			.expectStatus()
			.isUnauthorized();
		assertThat(orders.count("GET", "/orders/with-cookie-only")).isZero();
		assertThat(auth.count("GET", "/auth/sessions")).isEqualTo(sessions);
		assertThat(auth.count("POST", "/auth/logout")).isEqualTo(logouts);
	}

	@Test
	void aForeignOriginOnAuthIsRefusedWith403ProblemBeforeAuthServiceSeesIt() {
		int before = auth.count("POST", "/auth/refresh");
		for (String origin : List.of("https://evil.example", "null", "http://issuer.test.evil.example",
				"https://issuer.test", "http://issuer.test:8080", "not a url")) {
			this.client.post()
				.uri("/auth/refresh")
				.header(HttpHeaders.ORIGIN, origin)
				.header(HttpHeaders.COOKIE, COOKIES)
				.header("X-Refresh-Token-Delivery", "cookie")
				.exchange()
				.expectStatus()
				.isForbidden()
				.expectHeader()
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.expectHeader()
				.doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN)
				.expectBody()
				.jsonPath("$.status")
				.isEqualTo(403)
				.jsonPath("$.type")
				.isEqualTo("https://edgepass.dev/problems/forbidden");
		}
		for (String path : List.of("/auth/login", "/auth/logout", "/auth/logout-all")) {
			int calls = auth.count("POST", path);
			this.client.post()
				.uri(path)
				.header(HttpHeaders.ORIGIN, "https://evil.example")
				.header(HttpHeaders.AUTHORIZATION, bearer(TestTokens.rs256().sign()))
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue("{}")
				.exchange()
				.expectStatus()
				.isForbidden();
			assertThat(auth.count("POST", path)).as(path).isEqualTo(calls);
		}
		this.client.post()
			.uri("/auth/refresh")
			.header(HttpHeaders.ORIGIN, TestTokens.ISSUER)
			.header(HttpHeaders.ORIGIN, "https://evil.example")
			.exchange()
			.expectStatus()
			.isForbidden();
		assertThat(auth.count("POST", "/auth/refresh")).isEqualTo(before);
	}

	@Test
	void theGatewaysOwnOriginAConfiguredOriginAndNoOriginAreAccepted() {
		for (String origin : List.of(TestTokens.ISSUER, "HTTP://ISSUER.TEST", CORS_ORIGIN)) {
			Map<String, List<String>> received = receivedHeaders(this.client.post()
				.uri("/auth/refresh")
				.header(HttpHeaders.ORIGIN, origin)
				.header(HttpHeaders.COOKIE, COOKIES)
				.header("X-Refresh-Token-Delivery", "cookie")
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.returnResult()
				.getResponseBody());
			assertThat(received.get("cookie")).as(origin).containsExactly(COOKIES);
		}
		this.client.post()
			.uri("/auth/refresh")
			.header(HttpHeaders.ORIGIN, CORS_ORIGIN)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, CORS_ORIGIN)
			.expectHeader()
			.valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_CREDENTIALS, "true");
		this.client.post().uri("/auth/refresh").header(HttpHeaders.COOKIE, COOKIES).exchange().expectStatus().isOk();
	}

	@Test
	void aConfiguredOriginMayPreflightTheDeliveryHeaderAForeignOneMayNot() {
		this.client.options()
			.uri("/auth/refresh")
			.header(HttpHeaders.ORIGIN, CORS_ORIGIN)
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "x-refresh-token-delivery")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, CORS_ORIGIN)
			.expectHeader()
			.valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_CREDENTIALS, "true");
		this.client.options()
			.uri("/auth/refresh")
			.header(HttpHeaders.ORIGIN, "https://evil.example")
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "x-refresh-token-delivery")
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectHeader()
			.doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
		assertThat(auth.count("OPTIONS", "/auth/refresh")).isZero();
	}

}
