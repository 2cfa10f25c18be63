package io.edgepass.systemtests.support;

import java.util.Map;

/**
 * A registered user of the suite with the client they call it from.
 *
 * @param id the user id auth-service gave them
 * @param username their username
 * @param password their password
 * @param client their own client (own source address)
 */
public record Person(String id, String username, String password, ApiClient client) {

	/** Logs in through the gateway; fails unless that answers 200 with tokens. */
	public Login login() {
		return Login.of(this.client.post("/auth/login", null, credentials()).expect(200));
	}

	public Login login(String userAgent) {
		return Login.of(this.client.post("/auth/login", null, credentials(), "User-Agent", userAgent).expect(200));
	}

	public String credentials() {
		return Json.write(Map.of("username", this.username, "password", this.password));
	}

	/**
	 * What a login or refresh answered.
	 *
	 * @param accessToken the access token
	 * @param refreshToken the refresh token
	 * @param reply the whole answer
	 */
	public record Login(String accessToken, String refreshToken, Reply reply) {

		public static Login of(Reply reply) {
			String access = reply.field("access_token");
			String refresh = reply.field("refresh_token");
			if (access.isEmpty() || refresh.isEmpty() || !"Bearer".equals(reply.field("token_type"))) {
				throw new AssertionError("Expected a token response with both tokens: " + reply);
			}
			return new Login(access, refresh, reply);
		}

		public String refreshBody() {
			return Json.write(Map.of("refresh_token", this.refreshToken));
		}

	}

}
