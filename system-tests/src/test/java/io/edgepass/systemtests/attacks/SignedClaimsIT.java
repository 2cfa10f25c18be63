package io.edgepass.systemtests.attacks;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import io.edgepass.systemtests.support.Person;
import io.edgepass.systemtests.support.Reply;
import io.edgepass.systemtests.support.SharedSuite;
import io.edgepass.systemtests.support.SystemSuite;
import io.edgepass.systemtests.support.Tokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static io.edgepass.systemtests.support.Tokens.map;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tokens with a valid signature but wrong claims (THREATS A10-A13). The shared suite's
 * gateway also accepts HS256 with a secret the tests know (an operator's option, see
 * {@link SystemSuite#SHARED_HS256_SECRET}), so each token here is signed correctly and is
 * refused only for the one claim changed: the first test shows the unchanged token
 * passes.
 */
@SharedSuite
class SignedClaimsIT {

	private static SystemSuite edgepass;

	private static Person me;

	@BeforeAll
	static void aUser(SystemSuite suite) {
		edgepass = suite;
		me = suite.register();
	}

	@Test
	void aCorrectlySignedTokenWithTheContractsClaimsIsAccepted() {
		Reply reply = me.client().get("/orders?size=1", sign(header(), claims())).expect(200);
		assertThat(reply.json().path("content").isArray()).as(reply.toString()).isTrue();
	}

	static Stream<Arguments> wrongClaims() {
		long now = Instant.now().getEpochSecond();
		List<Arguments> cases = new ArrayList<>();
		cases.add(claims("A10 exp 10 minutes ago", (c) -> put(c, "exp", now - 600)));
		cases.add(claims("A10 nbf 10 minutes ahead", (c) -> put(c, "nbf", now + 600)));
		cases.add(claims("A10 no exp", (c) -> remove(c, "exp")));
		cases.add(claims("A11 another issuer", (c) -> put(c, "iss", "https://issuer.example")));
		cases.add(claims("A11 no issuer", (c) -> remove(c, "iss")));
		cases.add(claims("A11 another audience", (c) -> put(c, "aud", "another-api")));
		cases.add(claims("A11 no audience", (c) -> remove(c, "aud")));
		cases.add(claims("A11 the edge assertion's audience", (c) -> put(c, "aud", "orders-service")));
		cases.add(header("A12 typ JWT", (h) -> put(h, "typ", "JWT")));
		cases.add(header("A12 no typ", (h) -> remove(h, "typ")));
		cases.add(header("A12 typ edge+jwt", (h) -> put(h, "typ", "edge+jwt")));
		cases.add(header("A3 alg hs256 in lower case", (h) -> put(h, "alg", "hs256")));
		cases.add(claims("A13 sub null", (c) -> put(c, "sub", null)));
		cases.add(claims("A13 sub a number", (c) -> put(c, "sub", 42)));
		cases.add(claims("A13 sub an array", (c) -> put(c, "sub", List.of(me.id()))));
		cases.add(claims("A13 sub an object", (c) -> put(c, "sub", Map.of("id", me.id()))));
		cases.add(claims("A13 sub not a UUID", (c) -> put(c, "sub", "admin")));
		cases.add(claims("A13 roles a string", (c) -> put(c, "roles", "ADMIN")));
		cases.add(claims("A13 roles of objects", (c) -> put(c, "roles", List.of(Map.of("role", "ADMIN")))));
		cases.add(claims("A13 scope a number", (c) -> put(c, "scope", 7)));
		cases.add(claims("A13 scope an object", (c) -> put(c, "scope", Map.of("orders:read", true))));
		cases.add(claims("A13 exp a string", (c) -> put(c, "exp", "tomorrow")));
		cases.add(claims("A13 iat an array", (c) -> put(c, "iat", List.of(now))));
		cases.add(claims("A13 jti an object", (c) -> put(c, "jti", Map.of("nested", Map.of("deeper", 1)))));
		return cases.stream();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("wrongClaims")
	void aCorrectlySignedTokenWithAWrongClaimIsRejected(String token) {
		for (String path : List.of("/orders?size=1", "/profiles/me", "/auth/sessions")) {
			Reply reply = me.client().get(path, token);
			reply.expectUnauthorized();
			assertThat(reply.body()).as(reply.toString()).doesNotContain("Exception", "at io.", "at org.");
		}
	}

	private static Map<String, Object> header() {
		return map("alg", "HS256", "kid", "system-test-hs256", "typ", "at+jwt");
	}

	private static Map<String, Object> claims() {
		long now = Instant.now().getEpochSecond();
		return map("iss", edgepass.issuer(), "sub", me.id(), "aud", "edgepass-api", "exp", now + 300, "nbf", now - 5,
				"iat", now - 5, "jti", UUID.randomUUID().toString(), "client_id", "edgepass", "scope",
				"orders:read orders:write profile:read profile:write", "roles", List.of("USER"), "preferred_username",
				me.username(), "sid", UUID.randomUUID().toString());
	}

	private static String sign(Map<String, Object> header, Map<String, Object> claims) {
		return Tokens.hs256(header, claims, Base64.getDecoder().decode(SystemSuite.SHARED_HS256_SECRET));
	}

	private static Arguments claims(String name, UnaryOperator<Map<String, Object>> change) {
		return Arguments.of(Named.of(name, sign(header(), change.apply(claims()))));
	}

	private static Arguments header(String name, UnaryOperator<Map<String, Object>> change) {
		return Arguments.of(Named.of(name, sign(change.apply(header()), claims())));
	}

	private static Map<String, Object> put(Map<String, Object> map, String name, Object value) {
		map.put(name, value);
		return map;
	}

	private static Map<String, Object> remove(Map<String, Object> map, String name) {
		map.remove(name);
		return map;
	}

}
