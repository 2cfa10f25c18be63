package io.edgepass.gateway;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.edgepass.trust.EdgeIdentity;
import io.edgepass.trust.InvalidEdgeAssertionException;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** THREATS B 17–23: what crosses the trust boundary, and what never does. */
class TrustBoundaryTests extends GatewayTestBase {

	private static final List<String> SPOOFED = List.of("X-User-Id", "x-user-id", "X-USER-ID", "X_User_Id",
			"X-User-Name", "X-User-Roles", "X-User-Scopes", "X-Edge-Assertion", "x_edge_assertion", "X-Forwarded-User",
			"X-Auth-Request-User", "X-Auth-Request-Email", "X-Remote-User", "Remote-User", "X-Authenticated-User",
			"X-Authenticated-Userid");

	@Test
	void validTokenForAPlusSpoofedIdentityHeadersReachesTheServiceAsExactlyA() throws Exception {
		TestTokens.Builder token = TestTokens.rs256();
		String mallory = UUID.randomUUID().toString();
		Map<String, List<String>> received = receivedHeaders(this.client.get()
			.uri("/orders/mine")
			.header(HttpHeaders.AUTHORIZATION, bearer(token.sign()))
			.header("X-User-Id", mallory)
			.header("X-User-Roles", "ADMIN")
			.header("X-User-Scopes", "admin")
			.header("X-Edge-Assertion", "forged")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.returnResult()
			.getResponseBody());
		assertThat(received.get("x-user-id")).containsExactly(token.subject());
		assertThat(received.get("x-user-name")).containsExactly("alice");
		assertThat(received.get("x-user-roles")).containsExactly("USER");
		assertThat(received.get("x-user-scopes")).containsExactly(TestTokens.ALL_SCOPES);
		assertThat(received.get("x-edge-assertion")).hasSize(1);
		EdgeIdentity identity = verifierFor("orders-service").verify(received.get("x-edge-assertion").get(0));
		assertThat(identity.userId()).hasToString(token.subject());
		assertThat(identity.roles()).containsExactly("USER");
		assertThat(identity.sessionId()).isEqualTo(token.claimValue("sid"));
		assertThat(identity.tokenId()).isEqualTo(token.claimValue("jti"));
	}

	@Test
	void anHs256GatewayPublishesNoEdgeKeys() {
		management().get().uri("/actuator/edgejwks").exchange().expectStatus().isNotFound();
	}

	@Test
	void identityHeadersInAnyCaseRepetitionOrSpellingNeverSurviveOnProtectedOrPublicRoutes() {
		Map<String, List<String>> onProtected = receivedHeaders(this.client.get()
			.uri("/profiles/me")
			.header(HttpHeaders.AUTHORIZATION, bearer(TestTokens.rs256().sign()))
			.headers(TrustBoundaryTests::spoof)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.returnResult()
			.getResponseBody());
		assertThat(onProtected.get("x-user-id")).hasSize(1).doesNotContain("B");
		assertThat(onProtected.get("x-edge-assertion")).hasSize(1).doesNotContain("B");
		assertThat(onProtected).doesNotContainKeys("x_user_id", "x_edge_assertion", "x-forwarded-user",
				"x-auth-request-user", "x-auth-request-email", "x-remote-user", "remote-user", "x-authenticated-user",
				"x-authenticated-userid");
		for (String path : List.of("/auth/login", "/auth/token", "/auth/refresh")) {
			Map<String, List<String>> onPublic = receivedHeaders(this.client.post()
				.uri(path)
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue("{}")
				.headers(TrustBoundaryTests::spoof)
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.returnResult()
				.getResponseBody());
			assertThat(onPublic.keySet()).noneMatch((name) -> name.replace('_', '-').startsWith("x-user")
					|| name.replace('_', '-').startsWith("x-edge") || name.contains("remote-user")
					|| name.startsWith("x-auth") || name.equals("x-forwarded-user"));
		}
	}

	private static void spoof(HttpHeaders headers) {
		for (String name : SPOOFED) {
			headers.add(name, "B");
		}
		headers.add("X-User-Id", "C");
		headers.add("X-User-Id", "B, C");
	}

	@Test
	void connectionHeaderListingIdentityHeadersCannotStripTheGatewaysIdentity() throws Exception {
		TestTokens.Builder token = TestTokens.rs256();
		Map<String, List<String>> received = receivedHeaders(this.client.get()
			.uri("/orders/hop")
			.header(HttpHeaders.AUTHORIZATION, bearer(token.sign()))
			.header(HttpHeaders.CONNECTION, "keep-alive, X-User-Id, X-Edge-Assertion, X-User-Roles")
			.header("X-User-Id", "B")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.returnResult()
			.getResponseBody());
		assertThat(received.get("x-user-id")).containsExactly(token.subject());
		assertThat(received.get("x-user-roles")).containsExactly("USER");
		EdgeIdentity identity = verifierFor("orders-service").verify(received.get("x-edge-assertion").get(0));
		assertThat(identity.userId()).hasToString(token.subject());
	}

	@Test
	void clientForwardedHeadersAreDroppedWithoutATrustedProxy() {
		Map<String, List<String>> received = receivedHeaders(this.client.get()
			.uri("/orders/forwarded")
			.header(HttpHeaders.AUTHORIZATION, bearer(TestTokens.rs256().sign()))
			.header("X-Forwarded-For", "203.0.113.7")
			.header("X-Forwarded-Host", "evil.example")
			.header("X-Forwarded-Proto", "https")
			.header("X_Forwarded_For", "203.0.113.8")
			.header("Forwarded", "for=203.0.113.9")
			.header("X-Real-IP", "203.0.113.10")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.returnResult()
			.getResponseBody());
		assertThat(received.toString()).doesNotContain("203.0.113", "evil.example");
	}

	@Test
	void forwardedAssertionIsShortLivedAndValidOnlyForTheRoutesService() throws Exception {
		Map<String, List<String>> received = receivedHeaders(this.client.get()
			.uri("/profiles/me")
			.header(HttpHeaders.AUTHORIZATION, bearer(TestTokens.rs256().sign()))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.returnResult()
			.getResponseBody());
		String assertion = received.get("x-edge-assertion").get(0);
		verifierFor("profile-service").verify(assertion);
		assertThatExceptionOfType(InvalidEdgeAssertionException.class)
			.isThrownBy(() -> verifierFor("orders-service").verify(assertion));
		assertThatExceptionOfType(InvalidEdgeAssertionException.class)
			.isThrownBy(() -> verifierFor("auth-service").verify(assertion));
		Map<String, Object> claims = com.nimbusds.jwt.SignedJWT.parse(assertion).getJWTClaimsSet().getClaims();
		long lifetime = ((java.util.Date) claims.get("exp")).getTime() - ((java.util.Date) claims.get("iat")).getTime();
		assertThat(lifetime).isLessThanOrEqualTo(60_000);
		Map<String, List<String>> toAuth = receivedHeaders(this.client.get()
			.uri("/auth/sessions")
			.header(HttpHeaders.AUTHORIZATION, bearer(TestTokens.rs256().sign()))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.returnResult()
			.getResponseBody());
		verifierFor("auth-service").verify(toAuth.get("x-edge-assertion").get(0));
	}

	@Test
	void actuatorInternalAndGatewayEndpointsAreNotReachableFromOutside() {
		String token = bearer(TestTokens.rs256().sign());
		for (String path : List.of("/actuator", "/actuator/health", "/actuator/gateway/routes",
				"/actuator/gateway/refresh", "/actuator/prometheus", "/internal/revocations",
				"/internal/revocations?after=0")) {
			this.client.get()
				.uri(path)
				.exchange()
				.expectStatus()
				.isNotFound()
				.expectHeader()
				.contentType(MediaType.APPLICATION_PROBLEM_JSON);
			this.client.post()
				.uri(path)
				.header(HttpHeaders.AUTHORIZATION, token)
				.exchange()
				.expectStatus()
				.isNotFound();
		}
		for (String path : List.of("/auth/../internal/revocations", "/orders/%2e%2e/internal/revocations",
				"/auth/%2Finternal/revocations", "/auth;x=y/../internal/revocations")) {
			this.client.get()
				.uri((builder) -> builder.path(path).build())
				.header(HttpHeaders.AUTHORIZATION, token)
				.exchange()
				.expectStatus()
				.value((status) -> assertThat(status).isIn(400, 401, 404));
		}
		assertThat(auth.count("GET", "/internal/revocations")).isZero();
		assertThat(auth.count("POST", "/internal/revocations")).isZero();
		management().get().uri("/actuator/gateway/routes").exchange().expectStatus().isNotFound();
		management().get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
	}

	@Test
	void clientAuthorizationHeaderIsNeverForwarded() {
		Map<String, List<String>> onProtected = receivedHeaders(this.client.get()
			.uri("/orders/auth-header")
			.header(HttpHeaders.AUTHORIZATION, bearer(TestTokens.rs256().sign()))
			.header("Proxy-Authorization", "Basic Zm9vOmJhcg==")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.returnResult()
			.getResponseBody());
		assertThat(onProtected).doesNotContainKeys("authorization", "proxy-authorization");
		Map<String, List<String>> onPublic = receivedHeaders(this.client.post()
			.uri("/auth/refresh")
			.header(HttpHeaders.AUTHORIZATION, bearer(TestTokens.rs256().sign()))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{}")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.returnResult()
			.getResponseBody());
		assertThat(onPublic).doesNotContainKeys("authorization", "x-edge-assertion");
	}

}
