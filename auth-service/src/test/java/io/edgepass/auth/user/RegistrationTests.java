package io.edgepass.auth.user;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.edgepass.auth.AuthServiceTest;
import io.edgepass.testsupport.TestEdgeAssertions;
import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class RegistrationTests extends AuthServiceTest {

	@Test
	void registrationAnswers201WithTheIdAndTheLowerCasedName() throws Exception {
		String name = uniqueName();
		postJson("/auth/register",
				"{\"username\":\"" + name.toUpperCase() + "\",\"password\":\"" + PASSWORD
						+ "\",\"email\":\"a@example.com\",\"displayName\":\"A\"}")
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.id").isString())
			.andExpect(jsonPath("$.username").value(name))
			.andExpect(jsonPath("$.password").doesNotExist());
	}

	@Test
	void aTakenUsernameIs409WhateverItsCase() throws Exception {
		String name = uniqueName();
		register(name, PASSWORD);
		postJson("/auth/register", json("username", name.toUpperCase(), "password", PASSWORD))
			.andExpect(status().isConflict())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value("https://edgepass.dev/problems/conflict"))
			.andExpect(jsonPath("$.status").value(409))
			.andExpect(jsonPath("$.instance").value("/auth/register"));
	}

	@Test
	void concurrentRegistrationsOfOneNameCreateExactlyOneAccount() throws Exception {
		String name = uniqueName();
		List<Callable<Integer>> attempts = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			String variant = (i % 2 == 0) ? name : name.toUpperCase();
			attempts.add(() -> postJson("/auth/register", json("username", variant, "password", PASSWORD)).andReturn()
				.getResponse()
				.getStatus());
		}
		List<Integer> statuses = new ArrayList<>();
		try (ExecutorService executor = Executors.newFixedThreadPool(6)) {
			for (Future<Integer> status : executor.invokeAll(attempts)) {
				statuses.add(status.get());
			}
		}
		assertThat(statuses).containsOnly(201, 409).containsOnlyOnce(201);
	}

	@Test
	void usernamesOutsideTheContractAre400WithAFieldError() throws Exception {
		for (String username : new String[] { "ab", "x".repeat(65), "", "   ", "has space", "x' OR '1'='1", "ünïcødé",
				"semi;colon", "slash/name" }) {
			postJson("/auth/register", json("username", username, "password", PASSWORD))
				.andExpect(status().isBadRequest())
				.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
				.andExpect(jsonPath("$.type").value("https://edgepass.dev/problems/invalid-request"))
				.andExpect(jsonPath("$.errors[0].field").value("username"))
				.andExpect(jsonPath("$.errors[0].message").isString());
		}
		postJson("/auth/register", "{\"password\":\"" + PASSWORD + "\"}").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("username"));
	}

	@Test
	void passwordsUnder8OrOver128CharactersAre400() throws Exception {
		for (String password : new String[] { "short", "p".repeat(129), "\uD83D\uDE00".repeat(129) }) {
			postJson("/auth/register", json("username", uniqueName(), "password", password))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.errors[0].field").value("password"));
		}
	}

	@Test
	void a128CharacterPasswordOfEmojiIsAcceptedAndUsedWhole() throws Exception {
		String name = uniqueName();
		String password = "\uD83D\uDE00".repeat(128);
		register(name, password);
		login(name, "\uD83D\uDE00".repeat(127) + "\uD83D\uDE01").andExpect(status().isUnauthorized());
		login(name, password).andExpect(status().isOk());
	}

	@Test
	void malformedJsonIs400Problem() throws Exception {
		for (String body : new String[] { "{", "not json", "{\"username\": }", "[]", "{\"username\":{\"a\":1}}" }) {
			postJson("/auth/register", body).andExpect(status().isBadRequest())
				.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
				.andExpect(jsonPath("$.status").value(400))
				.andExpect(
						content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("Exception"))));
		}
	}

	@Test
	void aWrongContentTypeIs415Problem() throws Exception {
		this.mvc
			.perform(post("/auth/register").contentType(MediaType.TEXT_PLAIN)
				.content(json("username", uniqueName(), "password", PASSWORD)))
			.andExpect(status().isUnsupportedMediaType())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.status").value(415))
			.andExpect(jsonPath("$.instance").value("/auth/register"));
	}

	@Test
	void aBodyOverTheLimitIs413Problem() throws Exception {
		String huge = json("username", uniqueName(), "password", PASSWORD, "displayName", "x".repeat(20_000));
		postJson("/auth/register", huge).andExpect(status().isContentTooLarge())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value("https://edgepass.dev/problems/payload-too-large"));
	}

	@Test
	void aStreamedBodyOverTheLimitIs413Problem() throws Exception {
		String huge = json("username", uniqueName(), "password", PASSWORD, "displayName", "x".repeat(20_000));
		this.mvc
			.perform(post("/auth/register").contentType(MediaType.APPLICATION_JSON).content(huge).with((request) -> {
				request.removeHeader("Content-Length");
				request.addHeader("Transfer-Encoding", "chunked");
				return request;
			}))
			.andExpect(status().isContentTooLarge())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
	}

	@Test
	void anUnknownPathIs404ProblemForAnAuthenticatedCaller() throws Exception {
		this.mvc
			.perform(get("/auth/nothing-here").header("X-Edge-Assertion",
					TestEdgeAssertions.mint(TestEdgeAssertions.user(UUID.randomUUID(), "someone"), "auth-service")))
			.andExpect(status().isNotFound())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value("https://edgepass.dev/problems/not-found"))
			.andExpect(jsonPath("$.instance").value("/auth/nothing-here"));
	}

	@Test
	void aWrongMethodOnAPublicEndpointIs405Problem() throws Exception {
		this.mvc.perform(get("/auth/register"))
			.andExpect(status().isMethodNotAllowed())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
	}

	@Test
	void anUnknownPathWithoutAnAssertionIs401Problem() throws Exception {
		this.mvc.perform(get("/nothing-here"))
			.andExpect(status().isUnauthorized())
			.andExpect(header().string("WWW-Authenticate", "Bearer"))
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
	}

}
