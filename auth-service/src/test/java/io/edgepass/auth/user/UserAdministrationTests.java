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
import io.edgepass.trust.EdgeIdentity;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class UserAdministrationTests extends AuthServiceTest {

	final EdgeIdentity admin = TestEdgeAssertions.admin(UUID.randomUUID(), "admin");

	@Autowired
	Users users;

	@Autowired
	Registration registration;

	@Test
	void aDisabledUserCanNotLogInOrRefreshAndEveryTokenIsRevoked() throws Exception {
		String name = uniqueName();
		UUID id = register(name, PASSWORD);
		String one = tokens(name, PASSWORD);
		String two = tokens(name, PASSWORD);
		String unknownUserAnswer = login(uniqueName(), PASSWORD).andReturn().getResponse().getContentAsString();

		this.mvc.perform(as(this.admin, post("/auth/admin/users/" + id + "/disable")))
			.andExpect(status().isNoContent());

		login(name, PASSWORD).andExpect(status().isUnauthorized()).andExpect(content().string(unknownUserAnswer));
		refresh(refreshToken(one)).andExpect(status().isUnauthorized());
		refresh(refreshToken(two)).andExpect(status().isUnauthorized());
		assertThat(this.jdbc
			.sql("SELECT count(*) FROM revocations WHERE kind = 'USER' AND value = :id AND not_before IS NOT NULL")
			.param("id", id.toString())
			.query(Long.class)
			.single()).isEqualTo(1);
		assertThat(this.jdbc.sql("SELECT count(*) FROM revocations WHERE kind = 'SESSION' AND value IN (:sids)")
			.param("sids", List.of(identity(accessToken(one)).sessionId(), identity(accessToken(two)).sessionId()))
			.query(Long.class)
			.single()).isEqualTo(2);
	}

	@Test
	void disablingIsForAdministratorsOnly() throws Exception {
		UUID id = register(uniqueName(), PASSWORD);
		this.mvc.perform(post("/auth/admin/users/" + id + "/disable"))
			.andExpect(status().isUnauthorized())
			.andExpect(header().string("WWW-Authenticate", "Bearer"));
		this.mvc.perform(as(TestEdgeAssertions.user(id, "self"), post("/auth/admin/users/" + id + "/disable")))
			.andExpect(status().isForbidden())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.status").value(403));
		assertThat(this.jdbc.sql("SELECT disabled FROM users WHERE id = :id")
			.param("id", id)
			.query(Boolean.class)
			.single()).isFalse();
	}

	@Test
	void disablingAnUnknownUserIs404() throws Exception {
		this.mvc.perform(as(this.admin, post("/auth/admin/users/" + UUID.randomUUID() + "/disable")))
			.andExpect(status().isNotFound())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value("https://edgepass.dev/problems/not-found"));
		this.mvc.perform(as(this.admin, post("/auth/admin/users/not-a-uuid/disable"))).andExpect(status().isNotFound());
	}

	@Test
	void theBootstrapAdministratorExistsOnceEvenWhenReplicasStartTogether() throws Exception {
		assertThat(this.users.findCredentials(ADMIN).orElseThrow().user().admin()).isTrue();
		String name = uniqueName();
		List<Callable<Void>> replicas = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			replicas.add(() -> {
				new AdminBootstrap(new AdminProperties(name, PASSWORD), this.users, this.registration).run(null);
				return null;
			});
		}
		try (ExecutorService executor = Executors.newFixedThreadPool(4)) {
			for (Future<Void> replica : executor.invokeAll(replicas)) {
				replica.get();
			}
		}
		assertThat(this.jdbc.sql("SELECT count(*) FROM users WHERE username = :name AND admin")
			.param("name", name)
			.query(Long.class)
			.single()).isEqualTo(1);
		login(name, PASSWORD).andExpect(status().isOk());
	}

}
