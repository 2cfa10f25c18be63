package io.edgepass.systemtests.support;

import java.time.Duration;

import static org.awaitility.Awaitility.await;

/**
 * The contract's promise: a revoked access token is rejected by the gateway within 2 s.
 */
public final class Revocations {

	public static final Duration WITHIN = Duration.ofSeconds(2);

	private Revocations() {
	}

	/**
	 * Waits (at most 2 s) until the gateway answers the token with the contract's 401.
	 */
	public static void awaitRejected(ApiClient client, String accessToken, String why) {
		await(why + ": the access token must be rejected within " + WITHIN.toSeconds() + " s").atMost(WITHIN)
			.pollInterval(Duration.ofMillis(100))
			.untilAsserted(() -> client.get("/orders?size=1", accessToken).expectUnauthorized());
	}

}
