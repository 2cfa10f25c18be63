package io.edgepass.auth.session;

import java.util.UUID;

import io.edgepass.auth.AuthServiceTest;
import io.edgepass.trust.EdgeIdentity;
import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class SessionTests extends AuthServiceTest {

	@Test
	void sessionsListsTheUsersLiveSessionsAndMarksTheCurrentOne() throws Exception {
		String name = uniqueName();
		register(name, PASSWORD);
		String first = this.mvc
			.perform(post("/auth/login").contentType(MediaType.APPLICATION_JSON)
				.header("User-Agent", "first-device/1.0")
				.content(json("username", name, "password", PASSWORD)))
			.andReturn()
			.getResponse()
			.getContentAsString();
		String second = tokens(name, PASSWORD);
		EdgeIdentity identity = identity(accessToken(first));
		this.mvc.perform(as(identity, get("/auth/sessions")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.length()").value(2))
			.andExpect(jsonPath("$[?(@.current == true)].id").value(identity.sessionId()))
			.andExpect(jsonPath("$[?(@.current == true)].userAgent").value("first-device/1.0"))
			.andExpect(jsonPath("$[?(@.current == false)].id").value(identity(accessToken(second)).sessionId()))
			.andExpect(jsonPath("$[0].createdAt").isString())
			.andExpect(jsonPath("$[0].lastUsedAt").isString());
	}

	@Test
	void sessionEndpointsWithoutAnAssertionAre401() throws Exception {
		this.mvc.perform(get("/auth/sessions"))
			.andExpect(status().isUnauthorized())
			.andExpect(header().string("WWW-Authenticate", "Bearer"))
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
		this.mvc.perform(post("/auth/logout")).andExpect(status().isUnauthorized());
		this.mvc.perform(post("/auth/logout-all")).andExpect(status().isUnauthorized());
		this.mvc.perform(delete("/auth/sessions/" + UUID.randomUUID())).andExpect(status().isUnauthorized());
		this.mvc.perform(get("/auth/sessions").header("X-Edge-Assertion", "forged.assertion.value"))
			.andExpect(status().isUnauthorized())
			.andExpect(header().string("WWW-Authenticate", "Bearer error=\"invalid_token\""));
	}

	@Test
	void logoutRevokesTheCurrentSessionItsRefreshTokenAndItsAccessTokens() throws Exception {
		String name = uniqueName();
		register(name, PASSWORD);
		String tokens = tokens(name, PASSWORD);
		EdgeIdentity identity = identity(accessToken(tokens));
		this.mvc.perform(as(identity, post("/auth/logout"))).andExpect(status().isNoContent());
		refresh(refreshToken(tokens)).andExpect(status().isUnauthorized());
		assertThat(revocations("SESSION", identity.sessionId())).isEqualTo(1);
	}

	@Test
	void logoutWithARefreshTokenAlsoRevokesThatTokensSession() throws Exception {
		String name = uniqueName();
		register(name, PASSWORD);
		String current = tokens(name, PASSWORD);
		String other = tokens(name, PASSWORD);
		this.mvc
			.perform(as(identity(accessToken(current)), post("/auth/logout")).contentType(MediaType.APPLICATION_JSON)
				.content(json("refresh_token", refreshToken(other))))
			.andExpect(status().isNoContent());
		refresh(refreshToken(other)).andExpect(status().isUnauthorized());
		refresh(refreshToken(current)).andExpect(status().isUnauthorized());
	}

	@Test
	void logoutAllRevokesEverySessionOfTheUserAndNoOtherUsers() throws Exception {
		String name = uniqueName();
		register(name, PASSWORD);
		String one = tokens(name, PASSWORD);
		String two = tokens(name, PASSWORD);
		String bystander = uniqueName();
		register(bystander, PASSWORD);
		String theirs = tokens(bystander, PASSWORD);

		this.mvc.perform(as(identity(accessToken(one)), post("/auth/logout-all"))).andExpect(status().isNoContent());
		refresh(refreshToken(one)).andExpect(status().isUnauthorized());
		refresh(refreshToken(two)).andExpect(status().isUnauthorized());
		assertThat(revocations("SESSION", identity(accessToken(two)).sessionId())).isEqualTo(1);
		refresh(refreshToken(theirs)).andExpect(status().isOk());
	}

	@Test
	void deletingASessionRevokesItAndOnlyItsOwnerCanDoIt() throws Exception {
		String name = uniqueName();
		register(name, PASSWORD);
		String current = tokens(name, PASSWORD);
		String other = tokens(name, PASSWORD);
		String otherSession = identity(accessToken(other)).sessionId();
		String intruder = uniqueName();
		register(intruder, PASSWORD);

		this.mvc
			.perform(as(identity(accessToken(tokens(intruder, PASSWORD))), delete("/auth/sessions/" + otherSession)))
			.andExpect(status().isNotFound())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
		refresh(refreshToken(other)).andExpect(status().isOk());

		EdgeIdentity owner = identity(accessToken(current));
		this.mvc.perform(as(owner, delete("/auth/sessions/" + otherSession))).andExpect(status().isNoContent());
		assertThat(revocations("SESSION", otherSession)).isEqualTo(1);
		this.mvc.perform(as(owner, delete("/auth/sessions/" + otherSession))).andExpect(status().isNotFound());
		this.mvc.perform(as(owner, delete("/auth/sessions/not-a-uuid"))).andExpect(status().isNotFound());
		this.mvc.perform(as(owner, get("/auth/sessions")))
			.andExpect(jsonPath("$.length()").value(1))
			.andExpect(jsonPath("$[0].current").value(true));
	}

	private long revocations(String kind, String value) {
		return this.jdbc.sql("SELECT count(*) FROM revocations WHERE kind = :kind AND value = :value")
			.param("kind", kind)
			.param("value", value)
			.query(Long.class)
			.single();
	}

}
