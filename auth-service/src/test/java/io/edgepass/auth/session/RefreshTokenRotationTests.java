package io.edgepass.auth.session;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.UUID;

import io.edgepass.auth.AuthServiceTest;
import io.edgepass.testsupport.AtOnce;
import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class RefreshTokenRotationTests extends AuthServiceTest {

	@Test
	void refreshGivesANewPairInTheSameSessionAndSpendsTheOldRefreshToken() throws Exception {
		String name = uniqueName();
		register(name, PASSWORD);
		String first = tokens(name, PASSWORD);
		String second = refresh(refreshToken(first)).andExpect(status().isOk())
			.andExpect(header().string("Cache-Control", "no-store"))
			.andExpect(jsonPath("$.token_type").value("Bearer"))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(refreshToken(second)).isNotEqualTo(refreshToken(first));
		assertThat(verify(accessToken(second)).getStringClaim("sid"))
			.isEqualTo(verify(accessToken(first)).getStringClaim("sid"));
		refresh(refreshToken(second)).andExpect(status().isOk());
	}

	@Test
	void replayingASpentRefreshTokenIs401AndRevokesTheWholeFamily() throws Exception {
		String name = uniqueName();
		register(name, PASSWORD);
		String first = tokens(name, PASSWORD);
		String sid = verify(accessToken(first)).getStringClaim("sid");
		String second = refresh(refreshToken(first)).andReturn().getResponse().getContentAsString();

		// Replayed within the same second as its legitimate use.
		refresh(refreshToken(first)).andExpect(status().isUnauthorized())
			.andExpect(header().string("WWW-Authenticate", "Bearer"))
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
		refresh(refreshToken(second)).andExpect(status().isUnauthorized());
		assertThat(sessionRevocations(sid)).isEqualTo(1);
	}

	@Test
	void twoConcurrentUsesOfOneRefreshTokenSucceedExactlyOnce() throws Exception {
		String name = uniqueName();
		register(name, PASSWORD);
		String refreshToken = refreshToken(tokens(name, PASSWORD));
		List<Integer> statuses = AtOnce.call(8, () -> refresh(refreshToken).andReturn().getResponse().getStatus());
		assertThat(statuses).containsOnly(200, 401).containsOnlyOnce(200);
	}

	@Test
	void unknownAndMalformedRefreshTokensAre401AndAMissingOneIs400() throws Exception {
		refresh("not-a-token").andExpect(status().isUnauthorized())
			.andExpect(jsonPath("$.type").value("https://edgepass.dev/problems/unauthorized"));
		refresh("x' OR '1'='1").andExpect(status().isUnauthorized());
		postJson("/auth/refresh", "{}").andExpect(status().isBadRequest());
	}

	@Test
	void anExpiredRefreshTokenIs401() throws Exception {
		String name = uniqueName();
		register(name, PASSWORD);
		String refreshToken = refreshToken(tokens(name, PASSWORD));
		this.jdbc.sql("UPDATE refresh_tokens SET expires_at = now() - interval '1 second' WHERE hash = :hash")
			.param("hash", sha256(refreshToken))
			.update();
		refresh(refreshToken).andExpect(status().isUnauthorized());
	}

	@Test
	void theDatabaseHoldsOnlyAHashOfEachRefreshToken() throws Exception {
		String name = uniqueName();
		register(name, PASSWORD);
		String refreshToken = refreshToken(tokens(name, PASSWORD));
		assertThat(this.jdbc.sql("SELECT count(*) FROM refresh_tokens WHERE hash = :hash")
			.param("hash", sha256(refreshToken))
			.query(Long.class)
			.single()).isEqualTo(1);
		String everything = this.jdbc.sql("SELECT string_agg(t::text, ' ') FROM (SELECT * FROM refresh_tokens) t")
			.query(String.class)
			.single();
		assertThat(everything).doesNotContain(refreshToken);
		assertThat(refreshToken).matches("[A-Za-z0-9_-]{43}");
	}

	@Test
	void aDisabledUserCanNotRefresh() throws Exception {
		String name = uniqueName();
		UUID id = register(name, PASSWORD);
		String refreshToken = refreshToken(tokens(name, PASSWORD));
		this.jdbc.sql("UPDATE users SET disabled = true WHERE id = :id").param("id", id).update();
		refresh(refreshToken).andExpect(status().isUnauthorized());
	}

	private long sessionRevocations(String sid) {
		return this.jdbc.sql("SELECT count(*) FROM revocations WHERE kind = 'SESSION' AND value = :sid")
			.param("sid", sid)
			.query(Long.class)
			.single();
	}

	static byte[] sha256(String token) throws Exception {
		return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
	}

}
