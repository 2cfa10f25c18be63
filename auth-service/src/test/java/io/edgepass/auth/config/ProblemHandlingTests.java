package io.edgepass.auth.config;

import java.sql.SQLException;

import io.edgepass.auth.password.PasswordHashingBusyException;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DeadlockLoserDataAccessException;
import org.springframework.http.MediaType;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** How failures that are hard to provoke end to end are rendered. */
class ProblemHandlingTests {

	final MockMvc mvc = MockMvcBuilders.standaloneSetup(new Failing())
		.setControllerAdvice(new ProblemHandling())
		.build();

	@Test
	void saturatedPasswordHashingIs429ProblemWithRetryAfter() throws Exception {
		this.mvc.perform(get("/busy"))
			.andExpect(status().isTooManyRequests())
			.andExpect(header().string("Retry-After", "1"))
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value("https://edgepass.dev/problems/rate-limited"))
			.andExpect(jsonPath("$.instance").value("/busy"));
	}

	@Test
	void anyDatabaseFailureIs503ProblemWithoutDetailsOfTheCause() throws Exception {
		for (String path : new String[] { "/no-connection", "/no-transaction", "/deadlock" }) {
			this.mvc.perform(get(path))
				.andExpect(status().isServiceUnavailable())
				.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
				.andExpect(jsonPath("$.type").value("https://edgepass.dev/problems/service-unavailable"))
				.andExpect(jsonPath("$.detail").value("The service is temporarily unavailable, try again later."));
		}
	}

	@Test
	void anUnexpectedFailureIs500ProblemWithoutAStackTrace() throws Exception {
		this.mvc.perform(get("/constraint"))
			.andExpect(status().isInternalServerError())
			.andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("users_"))));
		this.mvc.perform(get("/bug"))
			.andExpect(status().isInternalServerError())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail").value("An unexpected error occurred."))
			.andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("secret"))));
	}

	@RestController
	static class Failing {

		@GetMapping("/busy")
		void busy() {
			throw new PasswordHashingBusyException();
		}

		@GetMapping("/no-connection")
		void noConnection() {
			throw new CannotGetJdbcConnectionException("Connection to 127.0.0.1:5432 refused", (SQLException) null);
		}

		@GetMapping("/no-transaction")
		void noTransaction() {
			throw new CannotCreateTransactionException("Could not open JDBC Connection");
		}

		@GetMapping("/deadlock")
		void deadlock() {
			throw new DeadlockLoserDataAccessException("deadlock detected", null);
		}

		@GetMapping("/constraint")
		void constraint() {
			throw new DataIntegrityViolationException("violates check constraint users_x");
		}

		@GetMapping("/bug")
		void bug() {
			throw new IllegalStateException("secret internals");
		}

	}

}
