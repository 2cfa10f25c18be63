package io.edgepass.auth.session;

import java.net.HttpCookie;
import java.util.List;
import java.util.UUID;

import io.edgepass.auth.AuthServiceTest;
import io.edgepass.trust.EdgeIdentity;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.ResultActions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The browser mode: the refresh token in an HttpOnly cookie, the access token in the
 * body.
 */
class RefreshTokenCookieTests extends AuthServiceTest {

	private static final String DELIVERY = "X-Refresh-Token-Delivery";

	private static final long THIRTY_DAYS = 30L * 24 * 3600;

	@Test
	void loginWithTheHeaderSetsTheCookieForTheSessionsWholeLifeAndLeavesTheRefreshTokenOutOfTheBody() throws Exception {
		String name = uniqueName();
		register(name, PASSWORD);
		MockHttpServletResponse response = cookieLogin(name).andExpect(status().isOk())
			.andExpect(header().string("Cache-Control", "no-store"))
			.andExpect(jsonPath("$.access_token").isString())
			.andExpect(jsonPath("$.token_type").value("Bearer"))
			.andExpect(jsonPath("$.refresh_expires_in").isNumber())
			.andExpect(jsonPath("$.refresh_token").doesNotExist())
			.andReturn()
			.getResponse();
		List<String> setCookies = response.getHeaders(HttpHeaders.SET_COOKIE);
		assertThat(setCookies).hasSize(1);
		String setCookie = setCookies.get(0);
		assertThat(setCookie).startsWith("edgepass_refresh=")
			.contains("; Path=/auth", "; Secure", "; HttpOnly", "; SameSite=Strict");
		HttpCookie cookie = HttpCookie.parse(setCookie).get(0);
		assertThat(cookie.getValue()).matches("[A-Za-z0-9_-]{43}");
		assertThat(cookie.getMaxAge()).isBetween(THIRTY_DAYS - 60, THIRTY_DAYS);
		verify(accessToken(response.getContentAsString()));
		refresh(cookie.getValue()).andExpect(status().isOk());
	}

	@Test
	void withoutTheHeaderLoginAndRefreshAnswerAsBeforeWithNoCookie() throws Exception {
		String name = uniqueName();
		register(name, PASSWORD);
		MockHttpServletResponse login = login(name, PASSWORD).andExpect(status().isOk())
			.andExpect(jsonPath("$.refresh_token").isString())
			.andReturn()
			.getResponse();
		assertThat(login.getHeaders(HttpHeaders.SET_COOKIE)).isEmpty();
		MockHttpServletResponse refreshed = refresh(refreshToken(login.getContentAsString())).andExpect(status().isOk())
			.andExpect(jsonPath("$.refresh_token").isString())
			.andReturn()
			.getResponse();
		assertThat(refreshed.getHeaders(HttpHeaders.SET_COOKIE)).isEmpty();
	}

	@Test
	void refreshWithTheHeaderAndNoBodyRotatesTheCookieInTheSameSession() throws Exception {
		String name = uniqueName();
		register(name, PASSWORD);
		MockHttpServletResponse login = cookieLogin(name).andReturn().getResponse();
		String first = cookieOf(login);
		MockHttpServletResponse refreshed = cookieRefresh(first).andExpect(status().isOk())
			.andExpect(header().string("Cache-Control", "no-store"))
			.andExpect(jsonPath("$.refresh_token").doesNotExist())
			.andReturn()
			.getResponse();
		String second = cookieOf(refreshed);
		assertThat(second).isNotEqualTo(first);
		assertThat(identity(accessToken(refreshed.getContentAsString())).sessionId())
			.isEqualTo(identity(accessToken(login.getContentAsString())).sessionId());
		cookieRefresh(second).andExpect(status().isOk());
	}

	@Test
	void theCookieLivesUntilTheSessionsAbsoluteExpiryNotItsIdleTimeout() throws Exception {
		String name = uniqueName();
		register(name, PASSWORD);
		MockHttpServletResponse login = cookieLogin(name).andReturn().getResponse();
		String sid = identity(accessToken(login.getContentAsString())).sessionId();
		this.jdbc.sql("UPDATE sessions SET expires_at = now() + interval '1 hour' WHERE id = :id")
			.param("id", UUID.fromString(sid))
			.update();
		MockHttpServletResponse refreshed = cookieRefresh(cookieOf(login)).andExpect(status().isOk())
			.andReturn()
			.getResponse();
		assertThat(HttpCookie.parse(refreshed.getHeader(HttpHeaders.SET_COOKIE)).get(0).getMaxAge())
			.isBetween(3600L - 60, 3600L);
	}

	@Test
	void aSpentCookieReplayedIs401AndRevokesTheWholeSession() throws Exception {
		String name = uniqueName();
		register(name, PASSWORD);
		MockHttpServletResponse login = cookieLogin(name).andReturn().getResponse();
		String sid = identity(accessToken(login.getContentAsString())).sessionId();
		String spent = cookieOf(login);
		String current = cookieOf(cookieRefresh(spent).andExpect(status().isOk()).andReturn().getResponse());

		MockHttpServletResponse replay = cookieRefresh(spent).andExpect(status().isUnauthorized())
			.andExpect(header().string("WWW-Authenticate", "Bearer"))
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andReturn()
			.getResponse();
		assertThat(replay.getHeaders(HttpHeaders.SET_COOKIE)).isEmpty();
		cookieRefresh(current).andExpect(status().isUnauthorized());
		assertThat(sessionRevocations(sid)).isEqualTo(1);
	}

	@Test
	void refreshWithTheCookieButWithoutTheHeaderIs401AndRotatesNothing() throws Exception {
		String name = uniqueName();
		register(name, PASSWORD);
		MockHttpServletResponse login = cookieLogin(name).andReturn().getResponse();
		String cookie = cookieOf(login);
		MockHttpServletResponse refused = this.mvc.perform(post("/auth/refresh").cookie(refreshCookie(cookie)))
			.andExpect(status().isUnauthorized())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value("https://edgepass.dev/problems/unauthorized"))
			.andReturn()
			.getResponse();
		assertThat(refused.getHeaders(HttpHeaders.SET_COOKIE)).isEmpty();
		this.mvc.perform(
				post("/auth/refresh").cookie(refreshCookie(cookie)).contentType(MediaType.APPLICATION_JSON).content(""))
			.andExpect(status().isUnauthorized());
		assertThat(usedRefreshTokens(identity(accessToken(login.getContentAsString())).sessionId())).isZero();
		cookieRefresh(cookie).andExpect(status().isOk());
	}

	@Test
	void refreshWithTheHeaderButNeitherCookieNorBodyIs401Problem() throws Exception {
		this.mvc.perform(post("/auth/refresh").header(DELIVERY, "cookie"))
			.andExpect(status().isUnauthorized())
			.andExpect(header().string("WWW-Authenticate", "Bearer"))
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
		this.mvc.perform(post("/auth/refresh")).andExpect(status().isBadRequest());
	}

	@Test
	void malformedCookiesAndDeliveryValuesAreRefusedNeverA500() throws Exception {
		for (String value : List.of("", "not-a-token", "x' OR '1'='1", "a".repeat(600), "%00%ff")) {
			cookieRefresh(value).andExpect(status().isUnauthorized())
				.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
		}
		String name = uniqueName();
		register(name, PASSWORD);
		for (String delivery : List.of("body", "cookies", "cookie, cookie", "")) {
			this.mvc
				.perform(post("/auth/login").header(DELIVERY, delivery)
					.contentType(MediaType.APPLICATION_JSON)
					.content(json("username", name, "password", PASSWORD)))
				.andExpect(status().isBadRequest())
				.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
				.andExpect(jsonPath("$.type").value("https://edgepass.dev/problems/invalid-request"));
			this.mvc.perform(post("/auth/refresh").header(DELIVERY, delivery))
				.andExpect(status().isBadRequest())
				.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
		}
	}

	@Test
	void aBodyTokenWithTheHeaderIsSpentAndItsSuccessorDeliveredInTheCookie() throws Exception {
		String name = uniqueName();
		register(name, PASSWORD);
		String tokens = tokens(name, PASSWORD);
		MockHttpServletResponse refreshed = this.mvc
			.perform(post("/auth/refresh").header(DELIVERY, "cookie")
				.contentType(MediaType.APPLICATION_JSON)
				.content(json("refresh_token", refreshToken(tokens))))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.refresh_token").doesNotExist())
			.andReturn()
			.getResponse();
		cookieRefresh(cookieOf(refreshed)).andExpect(status().isOk());
		refresh(refreshToken(tokens)).andExpect(status().isUnauthorized());
	}

	@Test
	void logoutClearsTheCookieAndRevokesItsSession() throws Exception {
		String name = uniqueName();
		register(name, PASSWORD);
		MockHttpServletResponse current = cookieLogin(name).andReturn().getResponse();
		MockHttpServletResponse other = cookieLogin(name).andReturn().getResponse();
		MockHttpServletResponse logout = this.mvc
			.perform(as(identity(accessToken(current.getContentAsString())), post("/auth/logout"))
				.cookie(refreshCookie(cookieOf(other))))
			.andExpect(status().isNoContent())
			.andReturn()
			.getResponse();
		assertCleared(logout);
		cookieRefresh(cookieOf(current)).andExpect(status().isUnauthorized());
		cookieRefresh(cookieOf(other)).andExpect(status().isUnauthorized());
	}

	@Test
	void logoutAllClearsTheCookie() throws Exception {
		String name = uniqueName();
		register(name, PASSWORD);
		MockHttpServletResponse login = cookieLogin(name).andReturn().getResponse();
		assertCleared(this.mvc.perform(as(identity(accessToken(login.getContentAsString())), post("/auth/logout-all")))
			.andExpect(status().isNoContent())
			.andReturn()
			.getResponse());
		cookieRefresh(cookieOf(login)).andExpect(status().isUnauthorized());
	}

	@Test
	void deletingTheCurrentSessionClearsTheCookieDeletingAnotherDoesNot() throws Exception {
		String name = uniqueName();
		register(name, PASSWORD);
		EdgeIdentity current = identity(accessToken(cookieLogin(name).andReturn().getResponse().getContentAsString()));
		EdgeIdentity other = identity(accessToken(cookieLogin(name).andReturn().getResponse().getContentAsString()));
		MockHttpServletResponse otherDeleted = this.mvc
			.perform(as(current, delete("/auth/sessions/" + other.sessionId())))
			.andExpect(status().isNoContent())
			.andReturn()
			.getResponse();
		assertThat(otherDeleted.getHeaders(HttpHeaders.SET_COOKIE)).isEmpty();
		assertCleared(this.mvc.perform(as(current, delete("/auth/sessions/" + current.sessionId())))
			.andExpect(status().isNoContent())
			.andReturn()
			.getResponse());
	}

	private ResultActions cookieLogin(String name) throws Exception {
		return this.mvc.perform(post("/auth/login").header(DELIVERY, "cookie")
			.contentType(MediaType.APPLICATION_JSON)
			.content(json("username", name, "password", PASSWORD)));
	}

	private ResultActions cookieRefresh(String cookie) throws Exception {
		return this.mvc.perform(post("/auth/refresh").header(DELIVERY, "cookie").cookie(refreshCookie(cookie)));
	}

	private static Cookie refreshCookie(String value) {
		return new Cookie("edgepass_refresh", value);
	}

	private static String cookieOf(MockHttpServletResponse response) {
		List<String> setCookies = response.getHeaders(HttpHeaders.SET_COOKIE);
		assertThat(setCookies).as("Set-Cookie").hasSize(1);
		return HttpCookie.parse(setCookies.get(0)).get(0).getValue();
	}

	private static void assertCleared(MockHttpServletResponse response) {
		List<String> setCookies = response.getHeaders(HttpHeaders.SET_COOKIE);
		assertThat(setCookies).hasSize(1);
		assertThat(setCookies.get(0)).startsWith("edgepass_refresh=;")
			.contains("; Max-Age=0", "; Path=/auth", "; Secure", "; HttpOnly", "; SameSite=Strict");
	}

	private long sessionRevocations(String sid) {
		return this.jdbc.sql("SELECT count(*) FROM revocations WHERE kind = 'SESSION' AND value = :sid")
			.param("sid", sid)
			.query(Long.class)
			.single();
	}

	private long usedRefreshTokens(String sid) {
		return this.jdbc.sql("SELECT count(*) FROM refresh_tokens WHERE session_id = :sid AND used_at IS NOT NULL")
			.param("sid", UUID.fromString(sid))
			.query(Long.class)
			.single();
	}

}
