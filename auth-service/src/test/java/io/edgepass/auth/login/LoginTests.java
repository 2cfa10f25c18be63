package io.edgepass.auth.login;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.edgepass.auth.AuthServiceTest;
import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class LoginTests extends AuthServiceTest {

	@Test
	void loginAnswersATokenPairWhoseAccessTokenVerifiesAgainstThePublishedKeys() throws Exception {
		String name = uniqueName();
		UUID id = register(name, PASSWORD);
		String tokens = login(name, PASSWORD).andExpect(status().isOk())
			.andExpect(header().string("Cache-Control", "no-store"))
			.andExpect(jsonPath("$.token_type").value("Bearer"))
			.andExpect(jsonPath("$.expires_in").value(900))
			.andExpect(jsonPath("$.refresh_expires_in").isNumber())
			.andExpect(jsonPath("$.scope").value("orders:read orders:write profile:read profile:write"))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(((String) JsonPath.read(tokens, "$.refresh_token")).length()).isGreaterThanOrEqualTo(43);

		String accessToken = accessToken(tokens);
		SignedJWT jwt = SignedJWT.parse(accessToken);
		assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo("RS256");
		assertThat(jwt.getHeader().getType().getType()).isEqualTo("at+jwt");
		assertThat(jwt.getHeader().getKeyID()).isNotBlank();
		JWTClaimsSet claims = verify(accessToken);
		assertThat(claims.getSubject()).isEqualTo(id.toString());
		assertThat(claims.getIssuer()).isEqualTo(ISSUER);
		assertThat(claims.getAudience()).containsExactly(AUDIENCE);
		assertThat(claims.getStringClaim("client_id")).isEqualTo("edgepass");
		assertThat(claims.getStringListClaim("roles")).containsExactly("USER");
		assertThat(claims.getStringClaim("preferred_username")).isEqualTo(name);
		assertThat(claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()).isEqualTo(900_000);
		assertThat(claims.getNotBeforeTime()).isEqualTo(claims.getIssueTime());
		assertThat(claims.getClaims().keySet()).containsExactlyInAnyOrder("iss", "sub", "aud", "exp", "nbf", "iat",
				"jti", "client_id", "scope", "roles", "preferred_username", "sid");
	}

	@Test
	void bootstrapAdministratorLogsInWithTheAdminRoleAndScope() throws Exception {
		JWTClaimsSet claims = verify(accessToken(tokens(ADMIN.toUpperCase(), PASSWORD)));
		assertThat(claims.getStringListClaim("roles")).containsExactly("USER", "ADMIN");
		assertThat(claims.getStringClaim("scope")).endsWith(" admin");
	}

	@Test
	void usernameIsCaseInsensitive() throws Exception {
		String name = uniqueName();
		register(name.toUpperCase(), PASSWORD);
		login(name, PASSWORD).andExpect(status().isOk());
	}

	@Test
	void unknownUserWrongPasswordLockedAndDisabledAccountsGetTheIdenticalAnswer() throws Exception {
		String known = uniqueName();
		register(known, PASSWORD);
		String locked = uniqueName();
		register(locked, PASSWORD);
		lock(locked);
		String disabled = uniqueName();
		UUID disabledId = register(disabled, PASSWORD);
		this.jdbc.sql("UPDATE users SET disabled = true WHERE id = :id").param("id", disabledId).update();

		List<MockHttpServletResponse> answers = new ArrayList<>();
		answers.add(login(uniqueName(), PASSWORD).andReturn().getResponse());
		answers.add(login(known, PASSWORD + "!").andReturn().getResponse());
		answers.add(login(locked, PASSWORD).andReturn().getResponse());
		answers.add(login(disabled, PASSWORD).andReturn().getResponse());
		for (MockHttpServletResponse answer : answers) {
			assertThat(answer.getStatus()).isEqualTo(401);
			assertThat(answer.getHeader("WWW-Authenticate")).isEqualTo("Bearer");
			assertThat(answer.getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			assertThat(answer.getContentAsString()).isEqualTo(answers.get(0).getContentAsString());
		}
		assertThat(answers.get(0).getContentAsString())
			.contains("\"type\":\"https://edgepass.dev/problems/unauthorized\"")
			.contains("\"instance\":\"/auth/login\"");
	}

	@Test
	void unknownUserTakesAsLongAsAWrongPassword() throws Exception {
		String known = uniqueName();
		register(known, PASSWORD);
		login(uniqueName(), PASSWORD);
		long unknown = 0;
		long wrong = 0;
		for (int i = 0; i < 4; i++) {
			long start = System.nanoTime();
			login(uniqueName(), PASSWORD).andExpect(status().isUnauthorized());
			unknown += System.nanoTime() - start;
			start = System.nanoTime();
			login(known, PASSWORD + i).andExpect(status().isUnauthorized());
			wrong += System.nanoTime() - start;
		}
		// Without a dummy hash an unknown user answers in a few milliseconds, ~20x
		// faster.
		assertThat((double) unknown / wrong).isBetween(0.5, 2.0);
	}

	@Test
	void afterFiveFailuresEvenTheRightPasswordIsRefusedAndCaseVariantsShareTheCounter() throws Exception {
		String name = uniqueName();
		register(name, PASSWORD);
		for (int i = 0; i < 4; i++) {
			login((i % 2 == 0) ? name.toUpperCase() : name, "wrong-password-" + i).andExpect(status().isUnauthorized());
		}
		login(name, PASSWORD).andExpect(status().isOk());
		assertThat(failures(name)).isNull();

		for (int i = 0; i < 5; i++) {
			login((i % 2 == 0) ? name.toUpperCase() : name, "wrong-password-" + i).andExpect(status().isUnauthorized());
		}
		login(name, PASSWORD).andExpect(status().isUnauthorized());
		assertThat(lockedUntil(name)).isAfter(Instant.now().plusSeconds(50));
	}

	@Test
	void failuresDuringALockoutDoNotExtendItAndTheNextLockoutLastsTwiceAsLong() throws Exception {
		String name = uniqueName();
		register(name, PASSWORD);
		lock(name);
		Instant lockedUntil = lockedUntil(name);
		for (int i = 0; i < 6; i++) {
			login(name, "wrong-password-" + i).andExpect(status().isUnauthorized());
		}
		assertThat(lockedUntil(name)).isEqualTo(lockedUntil);

		this.jdbc.sql("UPDATE login_failures SET locked_until = now() - interval '1 second' WHERE username = :name")
			.param("name", name)
			.update();
		lock(name);
		assertThat(lockedUntil(name)).isAfter(Instant.now().plusSeconds(110));
	}

	@Test
	void theRightPasswordWorksAgainOnceTheLockoutIsOver() throws Exception {
		String name = uniqueName();
		register(name, PASSWORD);
		lock(name);
		login(name, PASSWORD).andExpect(status().isUnauthorized());
		this.jdbc.sql("UPDATE login_failures SET locked_until = now() - interval '1 second' WHERE username = :name")
			.param("name", name)
			.update();
		login(name, PASSWORD).andExpect(status().isOk());
	}

	@Test
	void aPrefixOfAPasswordLongerThan72BytesDoesNotLogIn() throws Exception {
		String name = uniqueName();
		String password = "a".repeat(68) + "\uD83D\uDE00";
		register(name, password);
		login(name, "a".repeat(68)).andExpect(status().isUnauthorized());
		login(name, password).andExpect(status().isOk());
	}

	@Test
	void passwordsDifferingOnlyAfterByte72AreDifferentPasswords() throws Exception {
		String name = uniqueName();
		String password = "b".repeat(72) + "-first";
		register(name, password);
		login(name, "b".repeat(72) + "-other").andExpect(status().isUnauthorized());
		login(name, password).andExpect(status().isOk());
	}

	@Test
	void storedHashesAreArgon2idWithTheConfiguredParameters() throws Exception {
		UUID id = register(uniqueName(), PASSWORD);
		assertThat(passwordHash(id)).startsWith("{argon2}$argon2id$v=19$m=19456,t=2,p=1$");
	}

	@Test
	void aHashWithWeakerParametersIsUpgradedAtLogin() throws Exception {
		String name = uniqueName();
		UUID id = register(name, PASSWORD);
		String weak = "{argon2}"
				+ new org.springframework.security.crypto.argon2.Argon2PasswordEncoder(16, 32, 1, 4096, 1)
					.encode(PASSWORD);
		this.jdbc.sql("UPDATE users SET password_hash = :hash WHERE id = :id")
			.param("hash", weak)
			.param("id", id)
			.update();
		login(name, PASSWORD).andExpect(status().isOk());
		assertThat(passwordHash(id)).startsWith("{argon2}$argon2id$v=19$m=19456,t=2,p=1$");
		login(name, PASSWORD).andExpect(status().isOk());
	}

	@Test
	void invalidLoginInputIs400() throws Exception {
		postJson("/auth/login", json("username", "x".repeat(65), "password", PASSWORD))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors[0].field").value("username"));
		postJson("/auth/login", json("username", uniqueName(), "password", "p".repeat(129)))
			.andExpect(status().isBadRequest());
		postJson("/auth/login", "{\"username\":[\"a\"],\"password\":{}}").andExpect(status().isBadRequest());
	}

	private void lock(String name) throws Exception {
		for (int i = 0; i < 5; i++) {
			login(name, "wrong-password-" + i).andExpect(status().isUnauthorized());
		}
		assertThat(lockedUntil(name)).isAfter(Instant.now());
	}

	private Instant lockedUntil(String name) {
		return this.jdbc.sql("SELECT locked_until FROM login_failures WHERE username = :name")
			.param("name", name)
			.query(Timestamp.class)
			.single()
			.toInstant();
	}

	private Integer failures(String name) {
		return this.jdbc.sql("SELECT failures FROM login_failures WHERE username = :name")
			.param("name", name)
			.query(Integer.class)
			.optional()
			.orElse(null);
	}

	private String passwordHash(UUID id) {
		return this.jdbc.sql("SELECT password_hash FROM users WHERE id = :id")
			.param("id", id)
			.query(String.class)
			.single();
	}

}
