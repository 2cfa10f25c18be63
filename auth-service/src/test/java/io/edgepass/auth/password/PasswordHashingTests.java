package io.edgepass.auth.password;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.edgepass.trust.servlet.ProblemAdvice;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class PasswordHashingTests {

	@Test
	void whenEveryHashingSlotStaysBusyTheCallerIsTurnedAwayWith429AndRetryAfter() throws Exception {
		PasswordHashing hashing = new PasswordHashing(new PasswordProperties(1, Duration.ofMillis(1)));
		List<Callable<String>> hashes = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			hashes.add(() -> hashing.hash("correct horse battery staple"));
		}
		int done = 0;
		List<PasswordHashingBusyException> refused = new ArrayList<>();
		try (ExecutorService executor = Executors.newFixedThreadPool(8)) {
			for (Future<String> hash : executor.invokeAll(hashes)) {
				try {
					assertThat(hash.get()).startsWith("{argon2}$argon2id$v=19$m=19456,t=2,p=1$");
					done++;
				}
				catch (ExecutionException ex) {
					refused.add((PasswordHashingBusyException) ex.getCause());
				}
			}
		}
		assertThat(done).isPositive();
		assertThat(refused).isNotEmpty();
		PasswordHashingBusyException busy = refused.get(0);
		assertThat(busy.getStatusCode().value()).isEqualTo(429);
		assertThat(busy.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
		assertThat(busy.getBody().getType().toString()).isEqualTo("https://edgepass.dev/problems/rate-limited");
	}

	@Test
	void theWholePasswordCountsAndTheDummyCheckMatchesNothing() {
		PasswordHashing hashing = new PasswordHashing(new PasswordProperties(0, Duration.ofSeconds(2)));
		String hash = hashing.hash("a".repeat(100));
		assertThat(hashing.matches("a".repeat(100), hash)).isTrue();
		assertThat(hashing.matches("a".repeat(72), hash)).isFalse();
		assertThat(hashing.matches("a".repeat(99) + "b", hash)).isFalse();
		assertThat(hashing.needsRehash(hash)).isFalse();
		hashing.matchNothing("a".repeat(100));
	}

	@Test
	void byDefaultHashingLeavesOneProcessorForEverythingElse() {
		PasswordProperties defaults = new PasswordProperties(0, Duration.ofSeconds(2));
		assertThat(defaults.permits(1)).isEqualTo(1);
		assertThat(defaults.permits(2)).isEqualTo(1);
		assertThat(defaults.permits(8)).isEqualTo(7);
		assertThat(new PasswordProperties(3, Duration.ofSeconds(2)).permits(2)).isEqualTo(3);
	}

	@Test
	void saturatedPasswordHashingIs429ProblemWithRetryAfter() throws Exception {
		MockMvc mvc = MockMvcBuilders.standaloneSetup(new Busy()).setControllerAdvice(new ProblemAdvice()).build();
		mvc.perform(get("/busy"))
			.andExpect(status().isTooManyRequests())
			.andExpect(header().string("Retry-After", "1"))
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value("https://edgepass.dev/problems/rate-limited"))
			.andExpect(jsonPath("$.instance").value("/busy"));
	}

	@RestController
	static class Busy {

		@GetMapping("/busy")
		void busy() {
			throw new PasswordHashingBusyException();
		}

	}

}
