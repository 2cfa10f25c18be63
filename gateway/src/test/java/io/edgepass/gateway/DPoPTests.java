package io.edgepass.gateway;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import io.edgepass.testsupport.DPoPKey;
import io.edgepass.trust.EdgeIdentity;
import io.edgepass.trust.ProblemTypes;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * DPoP (RFC 9449) at the edge: a token bound to a key passes only as {@code DPoP} with a
 * fresh proof by that key for this very request, checked on every request; the proof
 * never reaches a service but auth-service where it issues tokens.
 */
class DPoPTests extends GatewayTestBase {

	static final String INVALID_PROOF = "DPoP error=\"invalid_dpop_proof\", algs=\"ES256 EdDSA\"";

	static final String INVALID_TOKEN = "DPoP error=\"invalid_token\", algs=\"ES256 EdDSA\"";

	private final DPoPKey es256 = DPoPKey.es256();

	@Test
	void theKeysOwnerWithAnEs256ProofGetsThroughAndTheServiceSeesWhatABearerTokenWouldGive() throws Exception {
		TestTokens.Builder bound = TestTokens.rs256().boundTo(this.es256);
		String token = bound.sign();
		String path = "/orders/" + UUID.randomUUID();
		Map<String, List<String>> received = receivedHeaders(
				get(path, dpop(token), (headers) -> headers.set("DPoP", this.es256.proof("GET", url(path), token)))
					.expectStatus()
					.isOk()
					.expectBody()
					.returnResult()
					.getResponseBody());
		TestTokens.Builder unbound = TestTokens.rs256();
		Map<String, List<String>> asBearer = receivedHeaders(
				get("/orders/" + UUID.randomUUID(), bearer(unbound.sign()), (headers) -> {
				}).expectStatus().isOk().expectBody().returnResult().getResponseBody());
		assertThat(received).doesNotContainKeys("dpop", "authorization");
		assertThat(received.keySet()).isEqualTo(asBearer.keySet());
		assertThat(received.get("x-user-id")).containsExactly(bound.subject());
		assertThat(received.get("x-user-scopes")).isEqualTo(asBearer.get("x-user-scopes"));
		EdgeIdentity identity = verifierFor("orders-service").verify(received.get("x-edge-assertion").get(0));
		assertThat(identity.userId()).hasToString(bound.subject());
		assertThat(identity.roles()).containsExactly("USER");
		assertThat(identity.sessionId()).isEqualTo(bound.claimValue("sid"));
		assertThat(identity.tokenId()).isEqualTo(bound.claimValue("jti"));
	}

	@Test
	void theKeysOwnerWithAnEdDsaProofGetsThroughInAnyCaseOfTheScheme() {
		DPoPKey ed25519 = DPoPKey.ed25519();
		String token = TestTokens.eddsa().boundTo(ed25519).sign();
		for (String scheme : List.of("DPoP ", "dpop ", "DPOP ")) {
			String path = "/profiles/me";
			get(path, scheme + token, (headers) -> headers.set("DPoP", ed25519.proof("GET", url(path), token)))
				.expectStatus()
				.isOk();
		}
	}

	@Test
	void aStolenBoundTokenSentAsBearerIsRefusedWithABearerChallenge() {
		String token = TestTokens.rs256().boundTo(this.es256).sign();
		String path = "/orders/" + UUID.randomUUID();
		assertRefused(get(path, bearer(token), (headers) -> {
		}), "Bearer error=\"invalid_token\"", path);
		assertRefused(
				get(path, bearer(token), (headers) -> headers.set("DPoP", this.es256.proof("GET", url(path), token))),
				"Bearer error=\"invalid_token\"", path);
	}

	@Test
	void aBoundTokenWithoutAProofOrWithAProofByAnotherKeyIsRefused() {
		String token = TestTokens.rs256().boundTo(this.es256).sign();
		String path = "/orders/" + UUID.randomUUID();
		assertRefused(get(path, dpop(token), (headers) -> {
		}), INVALID_PROOF, path);
		assertRefused(get(path, dpop(token), (headers) -> headers.set("DPoP", "")), INVALID_PROOF, path);
		assertRefused(get(path, dpop(token), (headers) -> headers.set("DPoP", "not.a.proof")), INVALID_PROOF, path);
		DPoPKey thief = DPoPKey.es256();
		assertRefused(get(path, dpop(token), (headers) -> headers.set("DPoP", thief.proof("GET", url(path), token))),
				INVALID_PROOF, path);
		DPoPKey otherAlgorithm = DPoPKey.ed25519();
		assertRefused(
				get(path, dpop(token), (headers) -> headers.set("DPoP", otherAlgorithm.proof("GET", url(path), token))),
				INVALID_PROOF, path);
	}

	@Test
	void aProofIsGoodForOneRequestOnly() {
		String token = TestTokens.rs256().boundTo(this.es256).sign();
		String path = "/orders/" + UUID.randomUUID();
		String proof = this.es256.proof("GET", url(path), token);
		get(path, dpop(token), (headers) -> headers.set("DPoP", proof)).expectStatus().isOk();
		assertRefused(get(path, dpop(token), (headers) -> headers.set("DPoP", proof)), INVALID_PROOF, path, 1);
	}

	@Test
	void aProofForAnotherUrlOrMethodIsRefusedAndTheUrlIsTheIssuersNotTheHostHeaders() {
		String token = TestTokens.rs256().boundTo(this.es256).sign();
		String path = "/orders/" + UUID.randomUUID();
		for (String other : List.of(url("/orders/other"), url(path + "/more"), gatewayUrl() + path,
				"https://issuer.test" + path, "http://issuer.test:8080" + path, "http://other.test" + path)) {
			assertRefused(
					get(path, dpop(token), (headers) -> headers.set("DPoP", this.es256.proof("GET", other, token))),
					INVALID_PROOF, path);
		}
		assertRefused(get(path, dpop(token), (headers) -> {
			headers.set("DPoP", this.es256.proof("GET", gatewayUrl() + path, token));
			headers.set("X-Forwarded-Host", "127.0.0.1:" + this.port);
			headers.set("X-Forwarded-Proto", "http");
		}), INVALID_PROOF, path);
		assertRefused(
				get(path, dpop(token), (headers) -> headers.set("DPoP", this.es256.proof("POST", url(path), token))),
				INVALID_PROOF, path);
		assertRefused(
				get(path, dpop(token), (headers) -> headers.set("DPoP", this.es256.proof("get", url(path), token))),
				INVALID_PROOF, path);
		// query and fragment are not compared
		get(path + "?page=2", dpop(token), (headers) -> headers.set("DPoP", this.es256.proof("GET", url(path), token)))
			.expectStatus()
			.isOk();
		// scheme and host in any case, the default port written
		get(path, dpop(token),
				(headers) -> headers.set("DPoP", this.es256.proof("GET", "HTTP://Issuer.Test:80" + path, token)))
			.expectStatus()
			.isOk();
	}

	@Test
	void aProofTooOldOrFromTooFarInTheFutureIsRefused() {
		String token = TestTokens.rs256().boundTo(this.es256).sign();
		String path = "/orders/" + UUID.randomUUID();
		for (Duration offset : List.of(Duration.ofSeconds(-120), Duration.ofSeconds(120))) {
			JWTClaimsSet claims = this.es256.claims("GET", url(path), token)
				.issueTime(Date.from(Instant.now().plus(offset)))
				.build();
			assertRefused(get(path, dpop(token), (headers) -> headers.set("DPoP", this.es256.proof(claims))),
					INVALID_PROOF, path);
		}
		JWTClaimsSet recent = this.es256.claims("GET", url(path), token)
			.issueTime(Date.from(Instant.now().minusSeconds(30)))
			.build();
		get(path, dpop(token), (headers) -> headers.set("DPoP", this.es256.proof(recent))).expectStatus().isOk();
	}

	@Test
	void aProofWithoutTheTokensHashOrWithAnotherTokensIsRefused() {
		String token = TestTokens.rs256().boundTo(this.es256).sign();
		String path = "/orders/" + UUID.randomUUID();
		assertRefused(get(path, dpop(token), (headers) -> headers.set("DPoP", this.es256.proof("GET", url(path)))),
				INVALID_PROOF, path);
		String other = TestTokens.rs256().boundTo(this.es256).sign();
		assertRefused(
				get(path, dpop(token), (headers) -> headers.set("DPoP", this.es256.proof("GET", url(path), other))),
				INVALID_PROOF, path);
	}

	@Test
	void aProofNotTypedDPoPOrCarryingAPrivateKeyIsRefused() throws Exception {
		String token = TestTokens.rs256().boundTo(this.es256).sign();
		String path = "/orders/" + UUID.randomUUID();
		JWTClaimsSet claims = this.es256.claims("GET", url(path), token).build();
		JWSHeader jwt = new JWSHeader.Builder(JWSAlgorithm.ES256).type(JOSEObjectType.JWT)
			.jwk(this.es256.publicJwk())
			.build();
		assertRefused(get(path, dpop(token), (headers) -> headers.set("DPoP", this.es256.proof(jwt, claims))),
				INVALID_PROOF, path);
		JWSHeader noKey = new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType("dpop+jwt")).build();
		assertRefused(get(path, dpop(token), (headers) -> headers.set("DPoP", this.es256.proof(noKey, claims))),
				INVALID_PROOF, path);
	}

	@Test
	void twoDPoPHeadersAreRefusedEvenWhenOneIsValid() {
		String token = TestTokens.rs256().boundTo(this.es256).sign();
		String path = "/orders/" + UUID.randomUUID();
		assertRefused(get(path, dpop(token), (headers) -> {
			headers.add("DPoP", this.es256.proof("GET", url(path), token));
			headers.add("DPoP", this.es256.proof("GET", url(path), token));
		}), INVALID_PROOF, path);
	}

	@Test
	void aRememberedTokenStillNeedsAValidProofOnEveryRequest() {
		String token = TestTokens.rs256().boundTo(this.es256).sign();
		String path = "/orders/" + UUID.randomUUID();
		get(path, dpop(token), (headers) -> headers.set("DPoP", this.es256.proof("GET", url(path), token)))
			.expectStatus()
			.isOk();
		assertRefused(
				get(path, dpop(token),
						(headers) -> headers.set("DPoP", DPoPKey.es256().proof("GET", url(path), token))),
				INVALID_PROOF, path, 1);
		assertRefused(get(path, dpop(token), (headers) -> {
		}), INVALID_PROOF, path, 1);
		assertRefused(get(path, bearer(token), (headers) -> {
		}), "Bearer error=\"invalid_token\"", path, 1);
		get(path, dpop(token), (headers) -> headers.set("DPoP", this.es256.proof("GET", url(path), token)))
			.expectStatus()
			.isOk();
	}

	@Test
	void theDPoPSchemeWithATokenNotBoundToAKeyOrWithABadTokenIsRefusedAsAnInvalidToken() {
		String path = "/orders/" + UUID.randomUUID();
		String unbound = TestTokens.rs256().sign();
		assertRefused(
				get(path, dpop(unbound), (headers) -> headers.set("DPoP", this.es256.proof("GET", url(path), unbound))),
				INVALID_TOKEN, path);
		String bound = TestTokens.rs256().boundTo(this.es256).sign();
		String forged = bound.substring(0, bound.length() - 8) + "AAAAAAAA";
		assertRefused(
				get(path, dpop(forged), (headers) -> headers.set("DPoP", this.es256.proof("GET", url(path), forged))),
				INVALID_TOKEN, path);
		String expired = TestTokens.rs256()
			.boundTo(this.es256)
			.claim("exp", Instant.now().minusSeconds(120).getEpochSecond())
			.sign();
		assertRefused(
				get(path, dpop(expired), (headers) -> headers.set("DPoP", this.es256.proof("GET", url(path), expired))),
				INVALID_TOKEN, path);
	}

	@Test
	void aCnfTheEdgeCannotCheckIsRefused() {
		String path = "/orders/" + UUID.randomUUID();
		for (Object cnf : List.<Object>of(Map.of("x5t#S256", "bwcK0esc3ACC3DB2Y5_lESsXE8o9ltc05O89jdN-dg2"),
				Map.of("jkt", "short"), Map.of("jkt", 42), "jkt")) {
			String token = TestTokens.rs256().claim("cnf", cnf).sign();
			assertRefused(get(path, bearer(token), (headers) -> {
			}), "Bearer error=\"invalid_token\"", path);
			assertRefused(
					get(path, dpop(token), (headers) -> headers.set("DPoP", this.es256.proof("GET", url(path), token))),
					INVALID_TOKEN, path);
		}
	}

	@Test
	void aBearerTokenNotBoundToAKeyIgnoresADPoPHeaderWhichNeverReachesTheService() {
		String token = TestTokens.rs256().sign();
		String path = "/orders/" + UUID.randomUUID();
		Map<String, List<String>> received = receivedHeaders(get(path, bearer(token), (headers) -> {
			headers.add("DPoP", "not.a.proof");
			headers.add("dpop", this.es256.proof("GET", url(path), token));
		}).expectStatus().isOk().expectBody().returnResult().getResponseBody());
		assertThat(received).doesNotContainKey("dpop");
	}

	@Test
	void theProofReachesAuthServiceOnlyWhereItIssuesTokens() {
		for (String path : List.of("/auth/login", "/auth/refresh", "/auth/token")) {
			String proof = this.es256.proof("POST", url(path));
			Map<String, List<String>> received = post(path, proof);
			assertThat(received.get("dpop")).as(path).containsExactly(proof);
		}
		assertThat(post("/auth/register", this.es256.proof("POST", url("/auth/register")))).doesNotContainKey("dpop");
		String token = TestTokens.rs256().boundTo(this.es256).sign();
		for (String path : List.of("/auth/sessions", "/auth/login/other")) {
			Map<String, List<String>> received = receivedHeaders(
					get(path, dpop(token), (headers) -> headers.set("DPoP", this.es256.proof("GET", url(path), token)))
						.expectStatus()
						.isOk()
						.expectBody()
						.returnResult()
						.getResponseBody());
			assertThat(received).as(path).doesNotContainKeys("dpop", "authorization");
		}
	}

	@Test
	void noCredentialsGetTheBearerChallengeAndAnEmptyDPoPSchemeTheDPoPOne() {
		String path = "/orders/" + UUID.randomUUID();
		assertRefused(get(path, null, (headers) -> {
		}), "Bearer", path);
		assertRefused(get(path, "DPoP ", (headers) -> {
		}), "DPoP algs=\"ES256 EdDSA\"", path);
	}

	@Test
	void aMissingScopeIsChallengedInTheSchemeTheClientUsed() {
		String token = TestTokens.rs256().boundTo(this.es256).claim("scope", "profile:read").sign();
		String path = "/orders/" + UUID.randomUUID();
		get(path, dpop(token), (headers) -> headers.set("DPoP", this.es256.proof("GET", url(path), token)))
			.expectStatus()
			.isForbidden()
			.expectHeader()
			.valueEquals(HttpHeaders.WWW_AUTHENTICATE, "DPoP error=\"insufficient_scope\", scope=\"orders:read\"");
	}

	@Test
	void browsersMaySendTheDPoPHeaderCrossOrigin() {
		this.client.options()
			.uri("/orders")
			.header(HttpHeaders.ORIGIN, CORS_ORIGIN)
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "GET")
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "authorization, dpop")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.value(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS,
					(allowed) -> assertThat(allowed).containsIgnoringCase("dpop"));
	}

	@Test
	void proofFailuresAreCountedAndTheReplayCacheIsMeasured() {
		String token = TestTokens.rs256().boundTo(this.es256).sign();
		String path = "/orders/" + UUID.randomUUID();
		double before = metric("edgepass_gateway_token_rejected_total", "reason=\"dpop\"");
		get(path, dpop(token), (headers) -> headers.set("DPoP", this.es256.proof("GET", url(path), token)))
			.expectStatus()
			.isOk();
		assertRefused(get(path, dpop(token), (headers) -> {
		}), INVALID_PROOF, path, 1);
		assertRefused(get(path, bearer(token), (headers) -> {
		}), "Bearer error=\"invalid_token\"", path, 1);
		assertThat(metric("edgepass_gateway_token_rejected_total", "reason=\"dpop\"")).isEqualTo(before + 2);
		assertThat(metric("edgepass_gateway_dpop_replay_cache_entries", "")).isGreaterThanOrEqualTo(1);
	}

	private double metric(String name, String tag) {
		String scrape = management().get()
			.uri("/actuator/prometheus")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		return scrape.lines()
			.filter((line) -> (line.startsWith(name + "{") || line.startsWith(name + " ")) && line.contains(tag))
			.mapToDouble((line) -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no " + name + " " + tag + " in the scrape"));
	}

	/** The URL as the client addressed it: the issuer's, whatever the socket's. */
	static String url(String path) {
		return TestTokens.ISSUER + path;
	}

	static String dpop(String token) {
		return "DPoP " + token;
	}

	private WebTestClient.ResponseSpec get(String path, String authorization, Consumer<HttpHeaders> headers) {
		return this.client.method(HttpMethod.GET).uri(path).headers((all) -> {
			if (authorization != null) {
				all.set(HttpHeaders.AUTHORIZATION, authorization);
			}
			headers.accept(all);
		}).exchange();
	}

	/**
	 * A public POST to auth-service with a proof, again after a 429: other tests of this
	 * context share the per-client limit on the credential endpoints.
	 */
	private Map<String, List<String>> post(String path, String proof) {
		byte[][] body = new byte[1][];
		await().atMost(Duration.ofSeconds(15)).until(() -> {
			var result = this.client.post()
				.uri(path)
				.header("DPoP", proof)
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue("{}")
				.exchange()
				.expectBody()
				.returnResult();
			body[0] = result.getResponseBody();
			return result.getStatus().value() != 429;
		});
		return receivedHeaders(body[0]);
	}

	private void assertRefused(WebTestClient.ResponseSpec response, String challenge, String path) {
		assertRefused(response, challenge, path, 0);
	}

	private void assertRefused(WebTestClient.ResponseSpec response, String challenge, String path, int reachedBefore) {
		response.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.valueEquals(HttpHeaders.WWW_AUTHENTICATE, challenge)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo(ProblemTypes.UNAUTHORIZED.toString())
			.jsonPath("$.status")
			.isEqualTo(401)
			.jsonPath("$.instance")
			.isEqualTo(path);
		assertThat(orders.count("GET", path)).isEqualTo(reachedBefore);
	}

}
