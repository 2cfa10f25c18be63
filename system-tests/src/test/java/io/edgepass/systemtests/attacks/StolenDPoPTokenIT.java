package io.edgepass.systemtests.attacks;

import java.time.Instant;
import java.util.Map;

import io.edgepass.systemtests.support.ApiClient;
import io.edgepass.systemtests.support.Json;
import io.edgepass.systemtests.support.Orders;
import io.edgepass.systemtests.support.Person;
import io.edgepass.systemtests.support.ProofKey;
import io.edgepass.systemtests.support.Reply;
import io.edgepass.systemtests.support.SharedSuite;
import io.edgepass.systemtests.support.SystemSuite;
import io.edgepass.systemtests.support.Tokens;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A DPoP-bound token (RFC 9449) stolen and replayed by another client, through the real
 * gateway and auth-service: without the owner's private key it is refused every time,
 * however the thief dresses it up, while the owner keeps working and refreshing, and the
 * refresh token stays bound to the key.
 */
@SharedSuite
class StolenDPoPTokenIT {

	private final SystemSuite edgepass;

	StolenDPoPTokenIT(SystemSuite edgepass) {
		this.edgepass = edgepass;
	}

	@Test
	void aStolenEs256BoundTokenIsRefusedToTheThiefEveryWayWhileTheOwnerKeepsWorking() {
		assertStolenTokenIsUselessWithout(ProofKey.es256());
	}

	@Test
	void aStolenEdDsaBoundTokenIsRefusedToTheThiefEveryWayWhileTheOwnerKeepsWorking() {
		assertStolenTokenIsUselessWithout(ProofKey.ed25519());
	}

	@Test
	void aStolenBoundRefreshTokenRotatesNothingWithoutTheKeyAndTheOwnersRefreshStaysBound() {
		Person owner = this.edgepass.register();
		ProofKey key = ProofKey.es256();
		Reply login = login(owner, key);
		String refreshToken = login.field("refresh_token");
		String refreshBody = Json.write(Map.of("refresh_token", refreshToken));
		ApiClient thief = this.edgepass.client();

		thief.post("/auth/refresh", null, refreshBody).expectProblem(400);
		thief.post("/auth/refresh", null, refreshBody, "DPoP", ProofKey.es256().proof("POST", url("/auth/refresh")))
			.expectProblem(400);
		Reply asThief = thief.post("/auth/refresh", null, refreshBody, "DPoP",
				ProofKey.ed25519().proof("POST", url("/auth/refresh")));
		asThief.expectProblem(400);
		assertThat(asThief.field("type")).as(asThief.toString()).endsWith("invalid-dpop-proof");

		Reply refreshed = owner.client()
			.post("/auth/refresh", null, refreshBody, "DPoP", key.proof("POST", url("/auth/refresh")))
			.expect(200);
		assertBoundTo(key, refreshed);
		String rotated = refreshed.field("refresh_token");
		assertThat(rotated).isNotEqualTo(refreshToken);
		ordersAs(owner.client(), key, refreshed.field("access_token")).expect(200);

		thief
			.post("/auth/refresh", null, Json.write(Map.of("refresh_token", rotated)), "DPoP",
					ProofKey.es256().proof("POST", url("/auth/refresh")))
			.expectProblem(400);
		owner.client()
			.post("/auth/refresh", null, Json.write(Map.of("refresh_token", rotated)), "DPoP",
					key.proof("POST", url("/auth/refresh")))
			.expect(200);
	}

	private void assertStolenTokenIsUselessWithout(ProofKey key) {
		Person owner = this.edgepass.register();
		Reply login = login(owner, key);
		assertBoundTo(key, login);
		String token = login.field("access_token");
		ordersAs(owner.client(), key, token).expect(200);

		ApiClient thief = this.edgepass.client();
		String ordersUrl = url("/orders");
		// As a plain bearer token.
		thief.get("/orders", token).expectUnauthorized();
		// As DPoP without a proof, and with a proof made with the thief's own key.
		dpop(thief, "GET", "/orders", token, null).expectProblem(401);
		assertDPoPChallenge(dpop(thief, "GET", "/orders", token, ProofKey.es256().proofFor("GET", ordersUrl, token)));
		dpop(thief, "GET", "/orders", token, ProofKey.ed25519().proofFor("GET", ordersUrl, token)).expectProblem(401);
		// With a proof the owner already used.
		String usedProof = key.proofFor("GET", ordersUrl, token);
		dpop(owner.client(), "GET", "/orders", token, usedProof).expect(200);
		assertDPoPChallenge(dpop(thief, "GET", "/orders", token, usedProof));
		// With the owner's unused proofs for another URL, another method, or long ago.
		assertDPoPChallenge(dpop(thief, "GET", "/orders", token, key.proofFor("GET", url("/profiles/me"), token)));
		assertDPoPChallenge(dpop(thief, "GET", "/orders", token, key.proofFor("POST", ordersUrl, token)));
		assertDPoPChallenge(dpop(thief, "GET", "/orders", token,
				key.proof("GET", ordersUrl, token, Instant.now().minusSeconds(600))));
		// With the owner's proof made for another token.
		assertDPoPChallenge(dpop(thief, "GET", "/orders", token, key.proofFor("GET", ordersUrl, token + "x")));
		// A write, too.
		dpop(thief, "POST", "/orders", token, ProofKey.es256().proofFor("POST", ordersUrl, token)).expectProblem(401);

		ordersAs(owner.client(), key, token).expect(200);
		dpop(owner.client(), "POST", "/orders", token, key.proofFor("POST", ordersUrl, token),
				Orders.oneLine("DPOP-1", 1, "1.00"))
			.expect(201);
		dpop(owner.client(), "GET", "/profiles/me", token, key.proofFor("GET", url("/profiles/me"), token)).expect(200);
	}

	private Reply login(Person person, ProofKey key) {
		return person.client()
			.post("/auth/login", null, person.credentials(), "DPoP", key.proof("POST", url("/auth/login")))
			.expect(200);
	}

	private static void assertBoundTo(ProofKey key, Reply tokens) {
		assertThat(tokens.field("token_type")).as(tokens.toString()).isEqualTo("DPoP");
		assertThat(Tokens.claims(tokens.field("access_token")).path("cnf").path("jkt").asString(""))
			.as(tokens.toString())
			.isEqualTo(key.thumbprint());
	}

	private Reply ordersAs(ApiClient client, ProofKey key, String token) {
		return dpop(client, "GET", "/orders", token, key.proofFor("GET", url("/orders"), token));
	}

	private static Reply dpop(ApiClient client, String method, String path, String token, String proof) {
		return dpop(client, method, path, token, proof, null);
	}

	private static Reply dpop(ApiClient client, String method, String path, String token, String proof,
			String jsonBody) {
		return (proof != null)
				? client.send(method, path, null, jsonBody, "Authorization", "DPoP " + token, "DPoP", proof)
				: client.send(method, path, null, jsonBody, "Authorization", "DPoP " + token);
	}

	private static void assertDPoPChallenge(Reply reply) {
		reply.expectProblem(401);
		String challenges = String.join(", ", reply.headers().allValues("WWW-Authenticate"));
		assertThat(challenges).as(reply.toString()).containsIgnoringCase("DPoP").contains("invalid_dpop_proof");
	}

	private String url(String path) {
		return this.edgepass.issuer().replaceAll("/$", "") + path;
	}

}
