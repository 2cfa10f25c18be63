package io.edgepass.gateway;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.jwk.JWK;
import io.edgepass.trust.EdgeAssertionMinter;
import io.edgepass.trust.EdgeTrustProperties;
import io.edgepass.trust.ProblemTypes;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/** THREATS A (token attacks) and C 24–26 (hostile token input), through the gateway. */
class TokenAttackTests extends GatewayTestBase {

	@Test
	void validTokensOfEveryConfiguredAlgorithmAreAccepted() {
		assertAccepted(TestTokens.rs256().sign());
		assertAccepted(TestTokens.es256().sign());
		assertAccepted(TestTokens.eddsa().sign());
		assertAccepted(TestTokens.rs256().header("typ", "application/at+jwt").sign());
	}

	@Test
	void missingTokenEmptyBearerAndOtherSchemesGetAPlainBearerChallenge() {
		assertChallenged(null);
		assertChallenged("Bearer ");
		assertChallenged("Bearer");
		assertChallenged("Basic dXNlcjpwYXNzd29yZA==");
		assertChallenged("Token " + TestTokens.rs256().sign());
	}

	@Test
	void truncatedOrEmptySignatureIsRejected() {
		String token = TestTokens.rs256().sign();
		assertRejected(token.substring(0, token.length() - 10));
		assertRejected(token.substring(0, token.lastIndexOf('.') + 1));
		assertRejected(token.substring(0, token.lastIndexOf('.') + 1) + "AAAA");
	}

	@Test
	void algNoneInAnyCaseIsRejected() {
		for (String none : List.of("none", "None", "NONE", "nOnE")) {
			String unsigned = TestTokens.rs256().header("alg", none).signingInput();
			assertRejected(unsigned + ".");
			assertRejected(unsigned + "." + TestTokens.b64("x".getBytes(StandardCharsets.UTF_8)));
		}
	}

	@Test
	void hs256TokenKeyedWithOurRsaPublicKeyIsRejected() throws Exception {
		JWK rsa = TestTokens.RSA.publicJwk();
		byte[] der = rsa.toRSAKey().toPublicKey().getEncoded();
		String pem = "-----BEGIN PUBLIC KEY-----\n"
				+ java.util.Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
				+ "\n-----END PUBLIC KEY-----\n";
		for (byte[] secret : List.of(pem.getBytes(StandardCharsets.US_ASCII), der,
				rsa.toJSONString().getBytes(StandardCharsets.UTF_8))) {
			assertRejected(TestTokens.rs256().header("alg", "HS256").hmac(secret).sign());
		}
	}

	@Test
	void hs256WithEmptyOrCommonSecretIsRejected() {
		for (String secret : List.of("", "secret", "password", "changeit", "your-256-bit-secret")) {
			assertRejected(
					TestTokens.rs256().header("alg", "HS256").hmac(secret.getBytes(StandardCharsets.UTF_8)).sign());
		}
	}

	@Test
	void keyMaterialInTheHeaderIsRejectedAndNeverFetched() {
		TestTokens.SigningKey attacker = TestTokens.rsa("attacker");
		String jku = auth.url() + "/attacker/jwks.json";
		String x5u = auth.url() + "/attacker/cert.pem";
		assertRejected(TestTokens.rs256()
			.signedWith(attacker)
			.header("kid", "attacker")
			.header("jwk", attacker.publicJwk().toJSONObject())
			.sign());
		assertRejected(TestTokens.rs256().signedWith(attacker).header("kid", "attacker").header("jku", jku).sign());
		assertRejected(TestTokens.rs256().signedWith(attacker).header("kid", "attacker").header("x5u", x5u).sign());
		assertRejected(
				TestTokens.rs256().header("x5c", List.of("MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA")).sign());
		assertRejected(TestTokens.rs256().header("jwk", TestTokens.RSA.publicJwk().toJSONObject()).sign());
		assertRejected(TestTokens.rs256().header("crit", List.of("exp")).header("exp", now()).sign());
		assertThat(auth.count("GET", "/attacker/jwks.json")).isZero();
		assertThat(auth.count("GET", "/attacker/cert.pem")).isZero();
	}

	@Test
	void hostileKeyIdsAreRejectedQuicklyWithoutLeakingAnything() {
		for (String kid : List.of("", "../../../../dev/null", "/dev/null", "|sleep 10", "x' UNION SELECT '1';--")) {
			long start = System.nanoTime();
			String body = assertRejected(TestTokens.rs256().header("kid", kid).sign());
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
			assertThat(body).doesNotContain("dev/null", "sleep", "UNION", "Exception", "kid");
		}
		assertRejected(TestTokens.rs256().withoutHeader("kid").sign());
	}

	@Test
	void es256SignatureWithZeroRAndSIsRejected() {
		String input = TestTokens.es256().signingInput();
		assertRejected(input + ".MAYCAQACAQA");
		assertRejected(input + "." + TestTokens.b64(new byte[64]));
	}

	@Test
	void tamperedPayloadWithTheOriginalSignatureIsRejected() {
		TestTokens.Builder original = TestTokens.rs256().claim("scope", "orders:read");
		String token = original.sign();
		String signature = token.substring(token.lastIndexOf('.'));
		for (Map.Entry<String, Object> change : Map
			.<String, Object>of("sub", UUID.randomUUID().toString(), "roles", List.of("USER", "ADMIN"), "scope",
					TestTokens.ALL_SCOPES + " admin")
			.entrySet()) {
			String tampered = TestTokens.rs256().claim(change.getKey(), change.getValue()).signingInput();
			assertRejected(tampered + signature);
		}
	}

	@Test
	void expiredNotYetValidAndExpLessTokensAreRejected() {
		assertRejected(TestTokens.rs256().claim("exp", now() - 120).sign());
		assertRejected(TestTokens.rs256().claim("nbf", now() + 300).sign());
		assertRejected(TestTokens.rs256().claim("iat", now() + 300).sign());
		assertRejected(TestTokens.rs256().without("exp").sign());
		assertAccepted(TestTokens.rs256().claim("exp", now() - 5).sign());
	}

	@Test
	void wrongIssuerAndWrongOrMissingAudienceAreRejected() {
		assertRejected(TestTokens.rs256().claim("iss", "http://evil.test").sign());
		assertRejected(TestTokens.rs256().claim("iss", TestTokens.ISSUER + "/").sign());
		assertRejected(TestTokens.rs256().claim("aud", "other-api").sign());
		assertRejected(TestTokens.rs256().without("aud").sign());
		assertAccepted(TestTokens.rs256().claim("aud", List.of("other-api", TestTokens.AUDIENCE)).sign());
	}

	@Test
	void wrongTypeRefreshTokensAndEdgeAssertionsAreRejectedAsAccessTokens() {
		assertRejected(TestTokens.rs256().header("typ", "JWT").sign());
		assertRejected(TestTokens.rs256().withoutHeader("typ").sign());
		assertRejected("dGhpcyBpcyBhbiBvcGFxdWUgcmVmcmVzaCB0b2tlbiBvZiAyNTYgYml0cw");
		EdgeAssertionMinter minter = new EdgeAssertionMinter(
				EdgeTrustProperties.gateway(EDGE_SECRET, "edgepass-gateway", Duration.ofSeconds(30)));
		assertRejected(minter.mint(new io.edgepass.trust.EdgeIdentity(UUID.randomUUID(), "alice", List.of("ADMIN"),
				List.of("orders:read"), "sid", "jti"), "orders-service"));
	}

	@Test
	void claimsOfUnexpectedTypesAreRejectedNeverAServerError() {
		String valid = "\"iss\":\"" + TestTokens.ISSUER + "\",\"aud\":\"" + TestTokens.AUDIENCE + "\",\"exp\":"
				+ (now() + 300) + ",\"iat\":" + now() + ",\"jti\":\"j\",\"sid\":\"s\"";
		String sub = ",\"sub\":\"" + UUID.randomUUID() + "\"";
		for (String odd : List.of(",\"sub\":null", ",\"sub\":42", ",\"sub\":[\"a\"]", ",\"sub\":{\"id\":\"a\"}",
				sub + ",\"scope\":42", sub + ",\"scope\":{\"a\":1}", sub + ",\"scope\":null",
				sub + ",\"roles\":\"USER\"", sub + ",\"roles\":[1,2]", sub + ",\"roles\":[{\"a\":\"b\"}]",
				sub + ",\"preferred_username\":[\"a\"]", sub + ",\"client_id\":{}")) {
			assertRejected(TestTokens.rs256().rawPayload("{" + valid + odd + "}").sign());
		}
		for (String odd : List.of("\"iss\":[\"" + TestTokens.ISSUER + "\"]", "\"exp\":\"tomorrow\"", "\"exp\":null",
				"\"aud\":{\"a\":1}", "\"iat\":[1]")) {
			assertRejected(TestTokens.rs256().rawPayload("{" + valid + sub + "," + odd + "}").sign());
		}
		assertAccepted(TestTokens.rs256().rawPayload("{" + valid + sub + ",\"scope\":\"orders:read\"}").sign());
	}

	@Test
	void claimsNestedTenThousandLevelsDeepAreRejectedAndTheGatewayStaysUp() {
		String deep = "[".repeat(10_000) + "]".repeat(10_000);
		String payload = "{\"iss\":\"" + TestTokens.ISSUER + "\",\"sub\":\"" + UUID.randomUUID() + "\",\"aud\":\""
				+ TestTokens.AUDIENCE + "\",\"exp\":" + (now() + 300) + ",\"iat\":" + now()
				+ ",\"jti\":\"j\",\"sid\":\"s\",\"x\":" + deep + "}";
		TestTokens.Builder nested = TestTokens.rs256().rawPayload(payload);
		String token = nested.sign();
		this.client.get()
			.uri("/orders/deep")
			.header(HttpHeaders.AUTHORIZATION, bearer(token))
			.exchange()
			.expectStatus()
			.value((status) -> assertThat(status).isIn(401, 431));
		String shallow = "{\"a\":".repeat(500) + "1" + "}".repeat(500);
		assertRejected(TestTokens.rs256().rawPayload(payload.replace(deep, shallow)).sign());
		assertAccepted(TestTokens.rs256().sign());
	}

	@Test
	void fivePartJweTokensAreRejectedImmediately() {
		String header = TestTokens
			.b64("{\"alg\":\"PBES2-HS512+A256KW\",\"enc\":\"A256GCM\",\"p2c\":2147483647,\"zip\":\"DEF\","
					+ "\"p2s\":\"c2FsdHNhbHQ\",\"kid\":\"rsa-1\"}");
		long start = System.nanoTime();
		assertRejected(header + ".AAAA.AAAA.AAAA.AAAA");
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
	}

	@Test
	void wrongSegmentCountsBadBase64NonUtf8AndOversizedTokensAreRejected() {
		String token = TestTokens.rs256().sign();
		String[] parts = token.split("\\.");
		assertRejected(parts[0] + "." + parts[1]);
		assertRejected(token + ".AAAA");
		assertRejected(parts[0] + "." + parts[1] + "$." + parts[2]);
		assertRejected(parts[0] + "=." + parts[1] + "." + parts[2]);
		String nonUtf8 = TestTokens
			.b64(new byte[] { '{', '"', 'a', '"', ':', '"', (byte) 0xff, (byte) 0xfe, '"', '}' });
		assertRejected(nonUtf8 + "." + parts[1] + "." + parts[2]);
		assertRejected(parts[0] + "." + nonUtf8 + "." + parts[2]);
		String padded = TestTokens.rs256().claim("pad", "x".repeat(9_000)).sign();
		assertRejected(padded);
		this.client.get()
			.uri("/orders/huge")
			.header(HttpHeaders.AUTHORIZATION, bearer("a".repeat(100_000)))
			.exchange()
			.expectStatus()
			.value((status) -> assertThat(status).isIn(401, 431))
			.expectBody(String.class)
			.value((body) -> assertThat(body == null ? "" : body).doesNotContain("Exception", "\tat "));
	}

	@Test
	void requestHeadersOverTheEdgeLimitGetA431Problem() {
		this.client.get()
			.uri("/orders/headers")
			.header(HttpHeaders.AUTHORIZATION, bearer(TestTokens.rs256().sign()))
			.header("X-Padding-1", "p".repeat(9_000))
			.header("X-Padding-2", "p".repeat(9_000))
			.exchange()
			.expectStatus()
			.isEqualTo(431)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo(ProblemTypes.REQUEST_HEADERS_TOO_LARGE.toString());
	}

	@Test
	void requestHeadersOverNettysFormerLimitStillGetA431Problem() {
		this.client.get()
			.uri("/orders/headers")
			.header(HttpHeaders.AUTHORIZATION, bearer(TestTokens.rs256().sign()))
			.header("X-Padding", "p".repeat(70 * 1024))
			.exchange()
			.expectStatus()
			.isEqualTo(431)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo(ProblemTypes.REQUEST_HEADERS_TOO_LARGE.toString());
	}

	private static long now() {
		return Instant.now().getEpochSecond();
	}

	private void assertChallenged(String authorization) {
		String path = "/orders/" + UUID.randomUUID();
		this.client.get().uri(path).headers((headers) -> {
			if (authorization != null) {
				headers.set(HttpHeaders.AUTHORIZATION, authorization);
			}
		})
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo(ProblemTypes.UNAUTHORIZED.toString())
			.jsonPath("$.instance")
			.isEqualTo(path);
		assertThat(orders.count("GET", path)).isZero();
	}

	private String assertRejected(String token) {
		String path = "/orders/" + UUID.randomUUID();
		String body = new String(this.client.get()
			.uri(path)
			.header(HttpHeaders.AUTHORIZATION, bearer(token))
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"")
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo(ProblemTypes.UNAUTHORIZED.toString())
			.jsonPath("$.title")
			.isEqualTo("Unauthorized")
			.jsonPath("$.status")
			.isEqualTo(401)
			.jsonPath("$.detail")
			.isNotEmpty()
			.jsonPath("$.instance")
			.isEqualTo(path)
			.returnResult()
			.getResponseBody(), StandardCharsets.UTF_8);
		assertThat(orders.count("GET", path)).isZero();
		return body;
	}

	private void assertAccepted(String token) {
		String path = "/orders/" + UUID.randomUUID();
		this.client.get().uri(path).header(HttpHeaders.AUTHORIZATION, bearer(token)).exchange().expectStatus().isOk();
		assertThat(orders.count("GET", path)).isEqualTo(1);
	}

}
