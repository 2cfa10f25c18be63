package io.edgepass.trust.servlet;

import java.util.List;
import java.util.UUID;

import io.edgepass.trust.EdgeAssertionMinter;
import io.edgepass.trust.EdgeHeaders;
import io.edgepass.trust.EdgeIdentity;
import io.edgepass.trust.EdgeTrustProperties;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import static io.edgepass.trust.servlet.EdgeAssertionSecurity.readOrWriteScope;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.head;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@SpringBootTest(properties = { "edgepass.edge.secret=" + EdgeAssertionSecurityTests.ORDERS_KEY,
		"edgepass.edge.audience=orders-service" })
@AutoConfigureMockMvc
class EdgeAssertionSecurityTests {

	static final String MASTER = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";

	/**
	 * orders-service's key, derived from {@link #MASTER} (EdgeAssertionVerifierTests
	 * checks it).
	 */
	static final String ORDERS_KEY = "FKNBGg4Jj0d/XMZjqpnstOFWsLA1lwots0PeFuMfV+g=";

	final EdgeIdentity alice = new EdgeIdentity(UUID.randomUUID(), "alice", List.of("USER"), List.of("orders:read"),
			"session-1", "token-1");

	@Autowired
	MockMvc mvc;

	@Autowired
	EdgeTrustProperties properties;

	String mint(String audience) {
		return gateway().mint(this.alice, audience);
	}

	EdgeAssertionMinter gateway() {
		return new EdgeAssertionMinter(
				EdgeTrustProperties.gateway(MASTER, this.properties.issuer(), this.properties.ttl()));
	}

	@Test
	void validAssertionAuthenticatesAsItsSubject() throws Exception {
		this.mvc.perform(get("/whoami").header(EdgeHeaders.ASSERTION, mint("orders-service")))
			.andExpect(status().isOk())
			.andExpect(content().string(this.alice.userId().toString()));
	}

	@Test
	void forgedUserHeadersWithoutAssertionGet401() throws Exception {
		this.mvc
			.perform(get("/whoami").header(EdgeHeaders.USER_ID, this.alice.userId().toString())
				.header(EdgeHeaders.USER_ROLES, "ADMIN"))
			.andExpect(status().isUnauthorized())
			.andExpect(header().string("WWW-Authenticate", "Bearer"))
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.status").value(401))
			.andExpect(jsonPath("$.instance").value("/whoami"));
	}

	@Test
	void assertionForAnotherServiceGets401WithInvalidToken() throws Exception {
		this.mvc.perform(get("/whoami").header(EdgeHeaders.ASSERTION, mint("profile-service")))
			.andExpect(status().isUnauthorized())
			.andExpect(header().string("WWW-Authenticate", "Bearer error=\"invalid_token\""))
			.andExpect(jsonPath("$.title").value("Unauthorized"));
	}

	@Test
	void twoAssertionsGet401() throws Exception {
		this.mvc.perform(get("/whoami").header(EdgeHeaders.ASSERTION, mint("orders-service"), mint("orders-service")))
			.andExpect(status().isUnauthorized());
	}

	@Test
	void missingScopeGets403Problem() throws Exception {
		this.mvc.perform(get("/admin").header(EdgeHeaders.ASSERTION, mint("orders-service")))
			.andExpect(status().isForbidden())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.status").value(403));
	}

	@Test
	void theReadScopeAllowsGetAndHeadButNoOtherMethod() throws Exception {
		String reader = mint("orders-service");
		this.mvc.perform(get("/orders/1").header(EdgeHeaders.ASSERTION, reader)).andExpect(status().isOk());
		this.mvc.perform(head("/orders/1").header(EdgeHeaders.ASSERTION, reader)).andExpect(status().isOk());
		this.mvc.perform(post("/orders").header(EdgeHeaders.ASSERTION, reader))
			.andExpect(status().isForbidden())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
		this.mvc.perform(delete("/orders/1").header(EdgeHeaders.ASSERTION, reader)).andExpect(status().isForbidden());
	}

	@Test
	void theWriteScopeAllowsWritingButNotReading() throws Exception {
		String writer = gateway().mint(new EdgeIdentity(UUID.randomUUID(), "bob", List.of("USER"),
				List.of("orders:write"), "session-2", "token-2"), "orders-service");
		this.mvc.perform(post("/orders").header(EdgeHeaders.ASSERTION, writer)).andExpect(status().isOk());
		this.mvc.perform(delete("/orders/1").header(EdgeHeaders.ASSERTION, writer)).andExpect(status().isOk());
		this.mvc.perform(get("/orders/1").header(EdgeHeaders.ASSERTION, writer)).andExpect(status().isForbidden());
		this.mvc.perform(head("/orders").header(EdgeHeaders.ASSERTION, writer)).andExpect(status().isForbidden());
	}

	@Test
	void noSessionIsCreated() throws Exception {
		this.mvc.perform(get("/whoami").header(EdgeHeaders.ASSERTION, mint("orders-service")))
			.andExpect(status().isOk())
			.andExpect(header().doesNotExist("Set-Cookie"))
			.andExpect((result) -> org.assertj.core.api.Assertions.assertThat(result.getRequest().getSession(false))
				.isNull());
	}

	@SpringBootApplication
	static class App {

		@Bean
		SecurityFilterChain api(HttpSecurity http, EdgeAssertionSecurity edgeAssertionSecurity) {
			return edgeAssertionSecurity.apply(http)
				.authorizeHttpRequests((requests) -> requests.requestMatchers("/admin")
					.hasAuthority("SCOPE_admin")
					.requestMatchers("/orders", "/orders/**")
					.access(readOrWriteScope("orders:read", "orders:write"))
					.anyRequest()
					.authenticated())
				.build();
		}

		@RestController
		static class WhoAmI {

			@GetMapping("/whoami")
			String whoami(@AuthenticationPrincipal EdgeIdentity identity) {
				return identity.userId().toString();
			}

			@GetMapping("/admin")
			String admin() {
				return "admin";
			}

			@GetMapping({ "/orders", "/orders/{id}" })
			String read() {
				return "read";
			}

			@PostMapping("/orders")
			String create() {
				return "created";
			}

			@DeleteMapping("/orders/{id}")
			String remove() {
				return "removed";
			}

		}

	}

}
