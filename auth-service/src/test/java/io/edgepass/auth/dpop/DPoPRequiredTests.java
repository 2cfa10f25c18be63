package io.edgepass.auth.dpop;

import io.edgepass.auth.AuthServiceTest;
import io.edgepass.testsupport.DPoPKey;
import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * With DPoP required no {@code Bearer} token is issued: a token request without a proof
 * is refused before the password is checked.
 */
@TestPropertySource(properties = "edgepass.dpop.required=true")
class DPoPRequiredTests extends AuthServiceTest {

	@Test
	void aLoginWithoutAProofIsRefusedAndOneWithAProofGetsABoundToken() throws Exception {
		String name = uniqueName();
		register(name, PASSWORD);
		this.mvc
			.perform(post("/auth/login").contentType(MediaType.APPLICATION_JSON)
				.content(json("username", name, "password", PASSWORD)))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.type").value("https://edgepass.dev/problems/invalid-dpop-proof"))
			.andExpect(jsonPath("$.access_token").doesNotExist());
		this.mvc
			.perform(post("/auth/token").contentType(MediaType.APPLICATION_FORM_URLENCODED)
				.param("grant_type", "password")
				.param("username", name)
				.param("password", PASSWORD))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.error").value("invalid_dpop_proof"));

		DPoPKey key = DPoPKey.es256();
		this.mvc
			.perform(post("/auth/login").contentType(MediaType.APPLICATION_JSON)
				.content(json("username", name, "password", PASSWORD))
				.header("DPoP", key.proof("POST", DPoPBindingTests.LOGIN)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.token_type").value("DPoP"));
	}

}
