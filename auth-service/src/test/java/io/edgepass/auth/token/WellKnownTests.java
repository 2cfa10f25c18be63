package io.edgepass.auth.token;

import io.edgepass.auth.AuthServiceTest;
import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class WellKnownTests extends AuthServiceTest {

	@Test
	void authorizationServerMetadataNamesTheIssuerAndItsJwks() throws Exception {
		this.mvc.perform(get("/.well-known/oauth-authorization-server"))
			.andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
			.andExpect(jsonPath("$.issuer").value(ISSUER))
			.andExpect(jsonPath("$.jwks_uri").value(ISSUER + "/.well-known/jwks.json"))
			.andExpect(jsonPath("$.token_endpoint").value(ISSUER + "/auth/token"))
			.andExpect(jsonPath("$.grant_types_supported[1]").value("refresh_token"))
			.andExpect(jsonPath("$.scopes_supported[4]").value("admin"));
	}

	@Test
	void theJwksIsPublic() throws Exception {
		this.mvc.perform(get("/.well-known/jwks.json"))
			.andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
			.andExpect(jsonPath("$.keys[0].kid").isString())
			.andExpect(jsonPath("$.keys[0].use").value("sig"))
			.andExpect(jsonPath("$.keys[0].alg").value("RS256"));
	}

}
