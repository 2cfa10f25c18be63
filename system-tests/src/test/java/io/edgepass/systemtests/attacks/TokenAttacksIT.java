package io.edgepass.systemtests.attacks;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import com.sun.net.httpserver.HttpServer;
import io.edgepass.launcher.Service;
import io.edgepass.systemtests.support.ApiClient;
import io.edgepass.systemtests.support.EdgeAssertions;
import io.edgepass.systemtests.support.Json;
import io.edgepass.systemtests.support.Person;
import io.edgepass.systemtests.support.Person.Login;
import io.edgepass.systemtests.support.Reply;
import io.edgepass.systemtests.support.SharedSuite;
import io.edgepass.systemtests.support.SystemSuite;
import io.edgepass.systemtests.support.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import static io.edgepass.systemtests.support.Tokens.map;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Forged, broken and misused tokens sent through the gateway to every protected route
 * (THREATS A1-A16, C24-C26): each gets the contract's 401, quickly, without a leak, and
 * the gateway stays up. The tokens are crafted here byte by byte from a real one.
 */
@SharedSuite
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TokenAttacksIT {

	private static final List<String> PROTECTED = List.of("/orders?size=1", "/profiles/me", "/auth/sessions");

	/** No attack may make the gateway wait: a {@code |sleep 10} kid must not sleep. */
	private static final Duration QUICK = Duration.ofSeconds(2);

	/** Within the gateway's own upstream timeout, on a busy 2-core machine. */
	private static final Duration RESPONSIVE = Duration.ofSeconds(5);

	/**
	 * The gateway's default limit on request headers: above it, 431 is as good as 401.
	 */
	private static final int HEADER_LIMIT = 16 * 1024;

	private static SystemSuite edgepass;

	private static ApiClient attacker;

	private static Person victim;

	private static String token;

	private static String refreshToken;

	private static JsonNode signingKey;

	private static HttpServer keyServer;

	private static final AtomicInteger keyServerHits = new AtomicInteger();

	private static KeyPair attackerKeys;

	@BeforeAll
	static void obtainARealTokenAndTheJwks(SystemSuite suite) throws IOException {
		edgepass = suite;
		victim = suite.register();
		Login login = victim.login();
		token = login.accessToken();
		refreshToken = login.refreshToken();
		attacker = suite.client();
		String kid = Tokens.header(token).path("kid").asString();
		Reply jwks = attacker.get("/.well-known/jwks.json", null).expect(200);
		signingKey = jwks.json()
			.path("keys")
			.valueStream()
			.filter((key) -> kid.equals(key.path("kid").asString()))
			.findFirst()
			.orElseThrow(() -> new AssertionError("The token's kid " + kid + " is not in " + jwks));
		attackerKeys = Tokens.attackerRsaKeys();
		keyServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		keyServer.createContext("/", (exchange) -> {
			keyServerHits.incrementAndGet();
			byte[] body = Json.write(Map.of("keys", List.of(attackerJwk()))).getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(200, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		keyServer.start();
	}

	@AfterAll
	static void stopTheKeyServer() {
		if (keyServer != null) {
			keyServer.stop(0);
		}
	}

	@ParameterizedTest(name = "A1 Authorization: {0}")
	@ValueSource(strings = { "", "Bearer", "Bearer ", "Basic dXNlcjpwYXNzd29yZA==", "Token @token",
			"Bearer @token @token", "@token" })
	void aMissingEmptyOrOtherSchemeCredentialIsRejected(String authorization) {
		String value = authorization.replace("@token", token);
		for (String path : PROTECTED) {
			Reply reply = value.isEmpty() ? attacker.get(path, null) : attacker.get(path, null, "Authorization", value);
			reply.expectUnauthorized();
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("forgedTokens")
	void aForgedOrMisusedTokenIsRejectedQuicklyOnEveryProtectedRoute(String forged) {
		for (String path : PROTECTED) {
			Reply reply = attacker.get(path, forged);
			if (forged.length() > HEADER_LIMIT && reply.status() == 431) {
				reply.expectProblem(431);
			}
			else {
				reply.expectUnauthorized();
				assertThat(reply.header("WWW-Authenticate")).as(reply.toString())
					.hasValueSatisfying((challenge) -> assertThat(challenge).contains("invalid_token"));
			}
			assertThat(reply.took()).as("answered without delay: %s", reply).isLessThan(QUICK);
			assertThat(reply.body()).as("no leak: %s", reply)
				.doesNotContain("Exception", "at io.", "at org.", "SQL", forged);
		}
	}

	static Stream<Arguments> forgedTokens() throws Exception {
		Map<String, Object> header = Tokens.headerMap(token);
		Map<String, Object> claims = Tokens.claimsMap(token);
		String[] parts = token.split("\\.");
		String kid = (String) header.get("kid");
		List<Arguments> forged = new ArrayList<>();

		forged.add(named("A2 truncated signature", token.substring(0, token.length() - 6)));
		forged.add(named("A2 empty signature", parts[0] + "." + parts[1] + "."));
		for (String none : List.of("none", "None", "NONE", "nOnE")) {
			forged.add(named("A3 alg " + none, Tokens.compact(with(header, "alg", none), claims, new byte[0])));
			forged.add(named("A3 alg " + none + " keeping the signature",
					Tokens.signingInput(with(header, "alg", none), claims) + "." + parts[2]));
		}

		RSAPublicKey publicKey = rsaPublicKey(signingKey);
		String pem = "-----BEGIN PUBLIC KEY-----\n"
				+ Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
					.encodeToString(publicKey.getEncoded())
				+ "\n-----END PUBLIC KEY-----\n";
		Map<String, Object> hs256 = with(header, "alg", "HS256");
		forged.add(named("A4 HS256 keyed with the RSA public key as PEM",
				Tokens.hs256(hs256, claims, pem.getBytes(StandardCharsets.US_ASCII))));
		forged.add(named("A4 HS256 keyed with the RSA public key as PEM without the last newline",
				Tokens.hs256(hs256, claims, pem.strip().getBytes(StandardCharsets.US_ASCII))));
		forged.add(named("A4 HS256 keyed with the RSA public key as DER",
				Tokens.hs256(hs256, claims, publicKey.getEncoded())));
		forged.add(named("A4 HS256 keyed with the RSA public key as JWK",
				Tokens.hs256(hs256, claims, Json.write(signingKey).getBytes(StandardCharsets.UTF_8))));
		for (String secret : List.of("", "secret", "your-256-bit-secret", "edgepass", "changeit")) {
			forged.add(named("A5 HS256 with the common secret '" + secret + "'",
					Tokens.hs256(hs256, claims, secret.getBytes(StandardCharsets.UTF_8))));
		}
		forged.add(named("A5 HS256 with the gateway's edge-assertion master secret", Tokens.hs256(hs256, claims,
				Base64.getDecoder().decode(edgepass.suite().secrets().edgeMasterSecret()))));
		forged.add(named("A5 HS256 with orders-service's edge-assertion key", Tokens.hs256(hs256, claims,
				Base64.getDecoder().decode(edgepass.suite().secrets().edgeKey(Service.ORDERS)))));

		Map<String, Object> rs256 = with(header, "alg", "RS256");
		forged.add(named("A6 embedded jwk of the attacker's key",
				Tokens.rs256(with(rs256, "jwk", attackerJwk()), claims, attackerKeys.getPrivate())));
		forged.add(named("A6 jku pointing at the attacker's JWKS",
				Tokens.rs256(with(rs256, "jku", keyServerUrl("/jwks.json")), claims, attackerKeys.getPrivate())));
		forged.add(named("A6 x5u pointing at the attacker's certificate",
				Tokens.rs256(with(rs256, "x5u", keyServerUrl("/cert.pem")), claims, attackerKeys.getPrivate())));
		forged.add(named("A6 jku and a kid the JWKS does not know",
				Tokens.rs256(with(with(rs256, "jku", keyServerUrl("/jwks.json")), "kid", "attacker"), claims,
						attackerKeys.getPrivate())));

		for (String oddKid : List.of("", "../../../../dev/null", "/dev/null", "|sleep 10", "x' UNION SELECT '1';--")) {
			forged.add(named("A7 kid '" + oddKid + "' with HS256 and an empty key",
					Tokens.hs256(with(hs256, "kid", oddKid), claims, new byte[0])));
			forged.add(named("A7 kid '" + oddKid + "' with RS256",
					Tokens.rs256(with(rs256, "kid", oddKid), claims, attackerKeys.getPrivate())));
		}

		Map<String, Object> es256 = with(header, "alg", "ES256");
		forged.add(named("A8 ES256 with r = s = 0 (64 zero bytes)", Tokens.compact(es256, claims, new byte[64])));
		forged.add(named("A8 ES256 with r = s = 0 (DER MAYCAQACAQA)",
				Tokens.signingInput(es256, claims) + ".MAYCAQACAQA"));

		forged.add(named("A9 tampered sub",
				Tokens.signingInput(header, with(claims, "sub", UUID.randomUUID().toString())) + "." + parts[2]));
		forged.add(named("A9 tampered roles",
				Tokens.signingInput(header, with(claims, "roles", List.of("USER", "ADMIN"))) + "." + parts[2]));
		forged.add(named("A9 tampered scope",
				Tokens.signingInput(header, with(claims, "scope", claims.get("scope") + " admin")) + "." + parts[2]));
		forged.add(named("A9 tampered exp",
				Tokens.signingInput(header, with(claims, "exp", ((Number) claims.get("exp")).longValue() + 86400)) + "."
						+ parts[2]));

		forged.add(named("A12 a refresh token as an access token", refreshToken));
		forged.add(named("A12 an edge assertion (orders-service's real key) as an access token", EdgeAssertions
			.mint(edgepass.suite().secrets().edgeKey(Service.ORDERS), "orders-service", victim.id())));
		forged.add(named("A12 typ JWT instead of at+jwt keeping the signature",
				Tokens.signingInput(with(header, "typ", "JWT"), claims) + "." + parts[2]));

		String claimsJson = Json.write(claims);
		String deep = claimsJson.substring(0, claimsJson.length() - 1) + ",\"nested\":" + "[".repeat(10_000)
				+ "]".repeat(10_000) + "}";
		forged.add(named("C24 claims nested 10000 levels deep",
				Tokens.rs256(Json.write(rs256), deep, attackerKeys.getPrivate())));
		forged.add(named("C24 a payload of raw brackets 10000 deep", parts[0] + "."
				+ Tokens.base64url("{\"a\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}") + "." + parts[2]));
		forged.add(named("C25 five-part JWE with a huge PBES2 p2c",
				Tokens
					.base64url(Json.write(map("alg", "PBES2-HS512+A256KW", "enc", "A256GCM", "p2c", 2_000_000_000,
							"p2s", "c2FsdHNhbHQ", "kid", kid)))
						+ ".AAAA.AAAAAAAAAAAAAAAA.AAAA.AAAAAAAAAAAAAAAAAAAAAA"));
		forged.add(named("C25 five-part JWE with a DEFLATE payload",
				Tokens.base64url(Json.write(map("alg", "dir", "enc", "A128GCM", "zip", "DEF", "kid", kid))) + "." + "."
						+ Tokens.base64url(new byte[12]) + "." + Tokens.base64url(new byte[4096]) + "."
						+ Tokens.base64url(new byte[16])));
		forged.add(named("C26 two segments", parts[0] + "." + parts[1]));
		forged.add(named("C26 four segments", token + "." + parts[2]));
		forged.add(named("C26 bad base64url", parts[0] + ".%%%***." + parts[2]));
		forged.add(
				named("C26 a header that is not JSON", Tokens.base64url("not json") + "." + parts[1] + "." + parts[2]));
		forged.add(named("C26 a non-UTF-8 payload",
				parts[0] + "." + Tokens.base64url(new byte[] { (byte) 0xC3, (byte) 0x28, (byte) 0xFF, (byte) 0xFE })
						+ "." + parts[2]));
		forged.add(named("C26 a header that is a JSON array",
				Tokens.base64url("[1,2]") + "." + parts[1] + "." + parts[2]));
		return forged.stream();
	}

	@Test
	@Order(Integer.MAX_VALUE)
	void noAttackMadeTheGatewayFetchKeysFromAnAddressInAToken() {
		assertThat(keyServerHits.get()).as("requests the suite made to the attacker's jku/x5u server").isZero();
	}

	@ParameterizedTest(name = "C26 a token of {0} bytes")
	@ValueSource(ints = { 9_000, 20_000, 100_000 })
	void aHugeTokenIsRefusedWithoutAStackTrace(int size) {
		String huge = token.split("\\.")[0] + "." + "A".repeat(size) + "." + token.split("\\.")[2];
		Reply reply = attacker.get("/orders?size=1", huge);
		assertThat(reply.status()).as(reply.toString()).isIn(401, 431);
		assertThat(reply.body()).as(reply.toString()).doesNotContain("Exception", "at io.", "at org.");
		attacker.get("/orders?size=1", token).expect(200);
	}

	@Test
	void aFloodOfTokensWithRandomKidsKeepsJwksFetchesBoundedAndTheGatewayResponsive() throws Exception {
		double fetchesBefore = jwksFetches();
		assertThat(fetchesBefore).as("auth-service counts the gateway's JWKS fetches").isPositive();
		Map<String, Object> header = Tokens.headerMap(token);
		Map<String, Object> claims = Tokens.claimsMap(token);
		List<String> floodTokens = IntStream.range(0, 400)
			.mapToObj((i) -> Tokens.rs256(with(header, "kid", UUID.randomUUID().toString()), claims,
					attackerKeys.getPrivate()))
			.toList();
		try (ExecutorService flood = Executors.newFixedThreadPool(8)) {
			List<Future<Reply>> answers = floodTokens.stream()
				.map((forged) -> flood.submit(() -> attacker.get("/orders?size=1", forged)))
				.toList();
			Reply during = victim.client().get("/orders?size=1", token).expect(200);
			assertThat(during.took()).as("a valid request during the flood: %s", during).isLessThan(RESPONSIVE);
			for (Future<Reply> answer : answers) {
				answer.get().expectUnauthorized();
			}
		}
		assertThat(jwksFetches() - fetchesBefore).as("JWKS fetches caused by 400 unknown kids").isLessThanOrEqualTo(3);
	}

	private static double jwksFetches() {
		return edgepass.metric(Service.AUTH, "http_server_requests_seconds_count", "uri=\"/.well-known/jwks.json\"");
	}

	private static Arguments named(String name, String forged) {
		return Arguments.of(Named.of(name, forged));
	}

	private static Map<String, Object> with(Map<String, Object> original, String name, Object value) {
		Map<String, Object> changed = new LinkedHashMap<>(original);
		changed.put(name, value);
		return changed;
	}

	private static Map<String, Object> attackerJwk() {
		RSAPublicKey key = (RSAPublicKey) attackerKeys.getPublic();
		return map("kty", "RSA", "kid", "attacker", "alg", "RS256", "use", "sig", "n",
				Tokens.base64url(unsigned(key.getModulus())), "e", Tokens.base64url(unsigned(key.getPublicExponent())));
	}

	private static String keyServerUrl(String path) {
		return "http://127.0.0.1:" + keyServer.getAddress().getPort() + path;
	}

	private static RSAPublicKey rsaPublicKey(JsonNode jwk) throws Exception {
		BigInteger modulus = new BigInteger(1, Base64.getUrlDecoder().decode(jwk.path("n").asString()));
		BigInteger exponent = new BigInteger(1, Base64.getUrlDecoder().decode(jwk.path("e").asString()));
		return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(modulus, exponent));
	}

	private static byte[] unsigned(BigInteger value) {
		byte[] bytes = value.toByteArray();
		return (bytes[0] == 0) ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
	}

}
