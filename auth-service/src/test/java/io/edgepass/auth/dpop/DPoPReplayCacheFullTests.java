package io.edgepass.auth.dpop;

import java.util.UUID;

import io.edgepass.auth.AuthServiceTest;
import io.edgepass.testsupport.DPoPKey;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.ResultActions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A replay cache full of live proofs refuses the next one (fail closed) rather than
 * forgetting one that could then be replayed.
 */
@TestPropertySource(properties = "edgepass.dpop.replay-cache-size=2")
class DPoPReplayCacheFullTests extends AuthServiceTest {

	@Autowired
	MeterRegistry meters;

	@Test
	void aFullReplayCacheAnswers503WithRetryAfterAndIssuesNothing() throws Exception {
		String name = uniqueName();
		UUID id = register(name, PASSWORD);
		assertThat(entries()).isZero();
		dpopLogin(name, DPoPKey.es256().proof("POST", DPoPBindingTests.LOGIN)).andExpect(status().isOk());
		dpopLogin(name, DPoPKey.ed25519().proof("POST", DPoPBindingTests.LOGIN)).andExpect(status().isOk());
		assertThat(entries()).isEqualTo(2);

		dpopLogin(name, DPoPKey.es256().proof("POST", DPoPBindingTests.LOGIN))
			.andExpect(status().isServiceUnavailable())
			.andExpect(header().string("Retry-After", "1"))
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value("https://edgepass.dev/problems/service-unavailable"))
			.andExpect(jsonPath("$.access_token").doesNotExist());
		this.mvc
			.perform(post("/auth/token").contentType(MediaType.APPLICATION_FORM_URLENCODED)
				.param("grant_type", "password")
				.param("username", name)
				.param("password", PASSWORD)
				.header("DPoP", DPoPKey.es256().proof("POST", DPoPBindingTests.TOKEN)))
			.andExpect(status().isServiceUnavailable())
			.andExpect(header().string("Retry-After", "1"));
		assertThat(this.jdbc.sql("SELECT count(*) FROM sessions WHERE user_id = :id")
			.param("id", id)
			.query(Long.class)
			.single()).isEqualTo(2);
		assertThat(entries()).isEqualTo(2);
	}

	private ResultActions dpopLogin(String username, String proof) throws Exception {
		return this.mvc.perform(post("/auth/login").contentType(MediaType.APPLICATION_JSON)
			.content(json("username", username, "password", PASSWORD))
			.header("DPoP", proof));
	}

	private double entries() {
		return this.meters.get("edgepass.auth.dpop.replay.cache.entries").gauge().value();
	}

}
