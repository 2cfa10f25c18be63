package io.edgepass.systemtests.attacks;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import io.edgepass.launcher.Service;
import io.edgepass.systemtests.support.ApiClient;
import io.edgepass.systemtests.support.EdgeAssertions;
import io.edgepass.systemtests.support.Orders;
import io.edgepass.systemtests.support.Person;
import io.edgepass.systemtests.support.Reply;
import io.edgepass.systemtests.support.Revocations;
import io.edgepass.systemtests.support.Sessions;
import io.edgepass.systemtests.support.SharedSuite;
import io.edgepass.systemtests.support.SystemSuite;
import io.edgepass.systemtests.support.Tokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Header spoofing against the gateway and forged identities sent straight to the services
 * behind it (THREATS B17-B22, and B24 of docs/DESIGN.md: a compromised service): the only
 * identity that gets through is the one the gateway derived from a valid access token.
 */
@SharedSuite
class TrustBoundaryIT {

	private static SystemSuite edgepass;

	private static Person me;

	private static String myToken;

	private static Person victim;

	private static String victimToken;

	@BeforeAll
	static void twoUsers(SystemSuite suite) {
		edgepass = suite;
		me = suite.register();
		myToken = me.login().accessToken();
		victim = suite.register();
		victimToken = victim.login().accessToken();
	}

	static Stream<Arguments> spoofedHeaders() {
		String victimId = victim.id();
		String ordersKey = edgepass.suite().secrets().edgeKey(Service.ORDERS);
		String ordersAssertion = EdgeAssertions.mint(ordersKey, "orders-service", victimId, Instant.now(),
				List.of("USER", "ADMIN"));
		List<Arguments> spoofs = new ArrayList<>();
		spoofs.add(spoof("B17 X-User-Id of another user", "X-User-Id", victimId));
		spoofs.add(spoof("B18 lower-case x-user-id", "x-user-id", victimId));
		spoofs.add(spoof("B18 upper-case X-USER-ID", "X-USER-ID", victimId));
		spoofs.add(spoof("B18 repeated X-User-Id", "X-User-Id", victimId, "X-User-Id", victimId));
		spoofs.add(spoof("B18 X-User-Id as a comma list", "X-User-Id", victimId + ", " + victimId));
		spoofs.add(spoof("B18 X_User_Id with underscores", "X_User_Id", victimId));
		spoofs.add(spoof("B18 every convenience header", "X-User-Id", victimId, "X-User-Name", victim.username(),
				"X-User-Roles", "ADMIN", "X-User-Scopes", "admin orders:read orders:write"));
		spoofs.add(spoof("B18 an X-Edge-Assertion signed with orders-service's real key", "X-Edge-Assertion",
				ordersAssertion));
		spoofs.add(spoof("B18 a lower-case x-edge-assertion", "x-edge-assertion", ordersAssertion));
		spoofs.add(spoof("B19 Connection: close, X-User-Id", "Connection", "close, X-User-Id", "X-User-Id", victimId));
		spoofs.add(spoof("B19 Connection naming the assertion header", "Connection", "X-Edge-Assertion",
				"X-Edge-Assertion", ordersAssertion));
		return spoofs.stream();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("spoofedHeaders")
	void spoofedIdentityHeadersNeverReplaceTheTokensUser(String[] headers) {
		ApiClient api = me.client();
		Reply created = api.post("/orders", myToken, Orders.oneLine("SPOOF-1", 1, "1.00"), headers).expect(201);
		assertThat(created.field("ownerId")).as("the order belongs to the token's user: " + created).isEqualTo(me.id());
		Reply profile = api.get("/profiles/me", myToken, headers).expect(200);
		assertThat(profile.field("userId")).as(profile.toString()).isEqualTo(me.id());
		Reply everyone = api.get("/orders?all=true", myToken, headers);
		everyone.expectProblem(403);
		Reply mine = api.get("/orders?size=100", myToken, headers).expect(200);
		assertThat(mine.json().path("content").valueStream().map((order) -> order.path("ownerId").asString()))
			.as(mine.toString())
			.containsOnly(me.id());
	}

	@ParameterizedTest(name = "{0} without a token")
	@MethodSource("spoofedHeaders")
	void spoofedIdentityHeadersWithoutATokenAreRefused(String[] headers) {
		me.client().get("/orders?size=1", null, headers).expectUnauthorized();
		me.client().post("/orders", null, Orders.oneLine("SPOOF-1", 1, "1.00"), headers).expectUnauthorized();
	}

	@Test
	void identityHeadersSentToAuthRoutesDoNotSurviveTheGateway() {
		Person caller = edgepass.register();
		String callerToken = caller.login().accessToken();
		String secret = edgepass.suite().secrets().edgeKey(Service.AUTH);
		String[] asVictim = { "X-Edge-Assertion", EdgeAssertions.mint(secret, "auth-service", victim.id()), "X-User-Id",
				victim.id(), "X-User-Name", victim.username() };
		ApiClient api = caller.client();

		api.post("/auth/logout-all", null, null, asVictim).expectUnauthorized();
		api.get("/auth/sessions", null, asVictim).expectUnauthorized();
		Reply sessions = api.get("/auth/sessions", callerToken, asVictim).expect(200);
		assertThat(Sessions.of(sessions)).as("the caller's own single session: " + sessions)
			.singleElement()
			.satisfies((session) -> assertThat(session.path("current").asBoolean()).isTrue());

		api.post("/auth/logout-all", callerToken, null, asVictim).expect(204);
		Revocations.awaitRejected(api, callerToken, "the caller's own logout-all");
		api.get("/orders?size=1", victimToken).expect(200);
	}

	static Stream<Arguments> directCalls() {
		List<Arguments> calls = new ArrayList<>();
		for (Service service : List.of(Service.ORDERS, Service.PROFILE, Service.AUTH)) {
			calls.add(Arguments.of(service, path(service)));
		}
		return calls.stream();
	}

	@ParameterizedTest(name = "B21 straight to {0}")
	@MethodSource("directCalls")
	void aServiceCalledDirectlyTrustsOnlyAValidAssertionForItself(Service service, String path) {
		String secret = edgepass.suite().secrets().edgeKey(service);
		String audience = service.module();
		String otherAudience = (service == Service.ORDERS) ? "profile-service" : "orders-service";
		String[] forgedUser = { "X-User-Id", victim.id(), "X-User-Name", victim.username(), "X-User-Roles",
				"USER,ADMIN", "X-User-Scopes", "orders:read orders:write profile:read profile:write admin" };
		try (ApiClient direct = edgepass.client(service)) {
			// The control: a valid assertion for this service is accepted, so each 401
			// below is
			// about the one thing changed.
			direct
				.get(path, null,
						headers(forgedUser, "X-Edge-Assertion", EdgeAssertions.mint(secret, audience, victim.id())))
				.expect(200);

			direct.get(path, null, forgedUser).expectUnauthorized();
			direct
				.get(path, null,
						headers(forgedUser, "X-Edge-Assertion",
								EdgeAssertions.mint(EdgeAssertions.randomSecret(), audience, victim.id())))
				.expectUnauthorized();
			direct
				.get(path, null,
						headers(forgedUser, "X-Edge-Assertion",
								EdgeAssertions.mint(secret, audience, victim.id(), Instant.now().minusSeconds(600),
										List.of("USER"))))
				.expectUnauthorized();
			direct
				.get(path, null,
						headers(forgedUser, "X-Edge-Assertion",
								EdgeAssertions.mint(secret, otherAudience, victim.id())))
				.expectUnauthorized();
			direct
				.get(path, null,
						headers(forgedUser, "X-Edge-Assertion",
								EdgeAssertions.mint(edgepass.suite().secrets().edgeMasterSecret(), audience,
										victim.id())))
				.expectUnauthorized();
			String real = EdgeAssertions.mint(secret, audience, victim.id());
			String[] parts = real.split("\\.");
			direct
				.get(path, null,
						headers(forgedUser, "X-Edge-Assertion",
								Tokens.base64url("{\"alg\":\"none\",\"typ\":\"edge+jwt\"}") + "." + parts[1] + "."))
				.expectUnauthorized();
			direct.get(path, victimToken, forgedUser).expectUnauthorized();
		}
	}

	@ParameterizedTest(name = "B22 {0}")
	@ValueSource(strings = { "/actuator", "/actuator/health", "/actuator/prometheus", "/actuator/env",
			"/actuator/gateway/routes", "/actuator/gateway/globalfilters", "/internal/revocations",
			"/internal/revocations?after=0", "/orders/../actuator/health", "/auth/../internal/revocations",
			"/auth/%2e%2e/internal/revocations", "/%2e%2e/actuator/health" })
	void managementAndInternalEndpointsAreNotReachableThroughTheGateway(String path) {
		Reply withToken = me.client().get(path, myToken);
		if (path.contains("..") || path.contains("%2e%2e")) {
			assertThat(withToken.status()).as("a path with dot segments: " + withToken).isIn(400, 404);
		}
		else {
			assertThat(withToken.status()).as(withToken.toString()).isEqualTo(404);
		}
		assertThat(withToken.body()).as(withToken.toString()).doesNotContain("cursor", "\"status\":\"UP\"", "jvm_");
		Reply anonymous = me.client().get(path, null);
		assertThat(anonymous.status()).as(anonymous.toString()).isIn(400, 401, 404);
		Reply refresh = me.client().post("/actuator/gateway/refresh", myToken, "{}");
		assertThat(refresh.status()).as(refresh.toString()).isEqualTo(404);
	}

	static Stream<Arguments> compromisedServices() {
		List<Arguments> cases = new ArrayList<>();
		for (Service holder : List.of(Service.ORDERS, Service.PROFILE, Service.AUTH)) {
			for (Service target : List.of(Service.ORDERS, Service.PROFILE, Service.AUTH)) {
				if (holder != target) {
					cases.add(Arguments.of(holder, target));
				}
			}
		}
		return cases.stream();
	}

	@ParameterizedTest(name = "B24 {0}'s own key mints nothing {1} accepts")
	@MethodSource("compromisedServices")
	void aCompromisedServicesKeyCannotSpeakForTheGatewayToAnotherService(Service holder, Service target) {
		String stolenKey = edgepass.suite().secrets().edgeKey(holder);
		String admin = EdgeAssertions.mint(stolenKey, target.module(), victim.id(), Instant.now(),
				List.of("USER", "ADMIN"));
		try (ApiClient direct = edgepass.client(target)) {
			direct.get(path(target), null, "X-Edge-Assertion", admin).expectUnauthorized();
			if (target == Service.AUTH) {
				direct.post("/auth/admin/keys/rotate", null, null, "X-Edge-Assertion", admin).expectUnauthorized();
			}
			// The control: the same assertion signed with the target's own key gets in.
			String genuine = EdgeAssertions.mint(edgepass.suite().secrets().edgeKey(target), target.module(),
					victim.id());
			direct.get(path(target), null, "X-Edge-Assertion", genuine).expect(200);
		}
	}

	private static String path(Service service) {
		return switch (service) {
			case ORDERS -> "/orders?size=1";
			case PROFILE -> "/profiles/me";
			case AUTH -> "/auth/sessions";
			case GATEWAY -> throw new IllegalArgumentException("not behind the gateway");
		};
	}

	private static String[] headers(String[] first, String... more) {
		String[] all = Arrays.copyOf(first, first.length + more.length);
		System.arraycopy(more, 0, all, first.length, more.length);
		return all;
	}

	private static Arguments spoof(String name, String... headers) {
		return Arguments.of(Named.of(name, headers));
	}

}
