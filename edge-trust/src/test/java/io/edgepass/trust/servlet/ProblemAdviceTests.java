package io.edgepass.trust.servlet;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import jakarta.servlet.RequestDispatcher;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DeadlockLoserDataAccessException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@SpringBootTest(properties = { "edgepass.edge.secret=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
		"edgepass.edge.audience=test-service", "edgepass.http.max-request-body=1KB" })
@AutoConfigureMockMvc
class ProblemAdviceTests {

	@Autowired
	MockMvc mvc;

	@ParameterizedTest
	@ValueSource(strings = { "transaction", "resource", "pool-timeout", "broken-connection", "closed-connection",
			"deadlock", "query-timeout", "recoverable" })
	void anUnreachableOrOverloadedDatabaseAnswers503WithoutDetails(String failure) throws Exception {
		this.mvc.perform(get("/fail/" + failure))
			.andExpect(status().isServiceUnavailable())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(header().string("Retry-After", "5"))
			.andExpect(jsonPath("$.type").value("https://edgepass.dev/problems/service-unavailable"))
			.andExpect(jsonPath("$.detail").value("The service is temporarily unavailable. Retry later."))
			.andExpect(jsonPath("$.instance").value("/fail/" + failure))
			.andExpect(content().string(not(containsString("select"))));
	}

	@Test
	void aConcurrentChangeAnswers409() throws Exception {
		this.mvc.perform(get("/fail/optimistic"))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.type").value("https://edgepass.dev/problems/conflict"));
	}

	@Test
	void aDataErrorThatIsNoOutageAnswers500AndTellsNothing() throws Exception {
		this.mvc.perform(get("/fail/constraint"))
			.andExpect(status().isInternalServerError())
			.andExpect(jsonPath("$.type").value("https://edgepass.dev/problems/internal-error"))
			.andExpect(jsonPath("$.detail").value("An unexpected error occurred."))
			.andExpect(content().string(not(containsString("users_"))));
	}

	@Test
	void anUnexpectedErrorAnswers500AndTellsNothing() throws Exception {
		this.mvc.perform(get("/fail/bug"))
			.andExpect(status().isInternalServerError())
			.andExpect(jsonPath("$.type").value("https://edgepass.dev/problems/internal-error"))
			.andExpect(jsonPath("$.detail").value("An unexpected error occurred."))
			.andExpect(content().string(not(containsString("IllegalStateException"))))
			.andExpect(content().string(not(containsString("select"))));
	}

	@Test
	void invalidFieldsAreListedInErrors() throws Exception {
		this.mvc.perform(post("/echo").contentType(MediaType.APPLICATION_JSON).content("{\"name\":\" \"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.type").value("https://edgepass.dev/problems/invalid-request"))
			.andExpect(jsonPath("$.errors[0].field").value("name"))
			.andExpect(jsonPath("$.errors[0].message").isNotEmpty());
	}

	@Test
	void malformedJsonAnswers400() throws Exception {
		this.mvc.perform(post("/echo").contentType(MediaType.APPLICATION_JSON).content("{\"name\":"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.type").value("https://edgepass.dev/problems/invalid-request"));
	}

	@Test
	void aBodyOverTheLimitAnswers413() throws Exception {
		this.mvc
			.perform(post("/echo").contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\":\"" + "n".repeat(2000) + "\"}"))
			.andExpect(status().isContentTooLarge())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value("https://edgepass.dev/problems/payload-too-large"));
	}

	@Test
	void unknownPathsAndMethodsGetTypedProblems() throws Exception {
		this.mvc.perform(get("/nowhere"))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.type").value("https://edgepass.dev/problems/not-found"));
		this.mvc.perform(get("/echo"))
			.andExpect(status().isMethodNotAllowed())
			.andExpect(jsonPath("$.type").value("https://edgepass.dev/problems/method-not-allowed"));
	}

	@Test
	void anErrorPageIsAProblemToo() throws Exception {
		this.mvc
			.perform(get("/error").requestAttr(RequestDispatcher.ERROR_STATUS_CODE, 400)
				.requestAttr(RequestDispatcher.ERROR_REQUEST_URI, "/orders;x=1"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value("https://edgepass.dev/problems/invalid-request"))
			.andExpect(jsonPath("$.instance").value("/orders;x=1"));
		this.mvc.perform(get("/error")).andExpect(status().isNotFound());
	}

	@SpringBootApplication
	static class App {

		@Bean
		SecurityFilterChain open(HttpSecurity http) {
			return http.csrf((csrf) -> csrf.disable())
				.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll())
				.build();
		}

		record Named(@NotBlank String name) {
		}

		@RestController
		static class Failing {

			@GetMapping("/fail/{failure}")
			String fail(@PathVariable String failure) throws Exception {
				throw switch (failure) {
					case "transaction" -> new CannotCreateTransactionException("select * from t");
					case "resource" -> new DataAccessResourceFailureException("select * from t");
					case "pool-timeout" -> new IllegalStateException(new SQLTransientConnectionException("select"));
					case "broken-connection" -> new IllegalStateException(new SQLException("select", "08006"));
					case "closed-connection" -> new IllegalStateException(new SQLException("Connection is closed"));
					case "deadlock" -> new DeadlockLoserDataAccessException("select * from t", null);
					case "query-timeout" -> new QueryTimeoutException("select * from t");
					case "recoverable" -> new RecoverableDataAccessException("select * from t");
					case "constraint" -> new DataIntegrityViolationException("violates check constraint users_x");
					case "optimistic" -> new OptimisticLockingFailureException("select * from t");
					default -> new IllegalStateException("select * from secrets");
				};
			}

			@PostMapping("/echo")
			Named echo(@Valid @RequestBody Named named) {
				return named;
			}

		}

	}

}
