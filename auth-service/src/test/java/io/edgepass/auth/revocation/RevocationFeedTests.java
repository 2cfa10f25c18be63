package io.edgepass.auth.revocation;

import java.util.List;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import io.edgepass.auth.AuthServiceTest;
import io.edgepass.testsupport.TestEdgeAssertions;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class RevocationFeedTests extends AuthServiceTest {

	@Autowired
	Revocations revocations;

	@Autowired
	TransactionTemplate transactions;

	@Test
	void theFeedIsForTheGatewayOnly() throws Exception {
		this.mvc.perform(get("/internal/revocations")).andExpect(status().isUnauthorized());
		this.mvc.perform(as(TestEdgeAssertions.admin(UUID.randomUUID(), "admin"), get("/internal/revocations")))
			.andExpect(status().isForbidden())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
		this.mvc.perform(as(gateway(), get("/internal/revocations"))).andExpect(status().isOk());
	}

	@Test
	void theFeedPagesThroughEntriesInIdOrderFromACursor() throws Exception {
		long start = cursor();
		List<String> sessions = List.of(UUID.randomUUID().toString(), UUID.randomUUID().toString(),
				UUID.randomUUID().toString());
		sessions.forEach((sid) -> this.transactions.executeWithoutResult((tx) -> this.revocations.revokeSession(sid)));
		String user = UUID.randomUUID().toString();
		this.transactions.executeWithoutResult((tx) -> this.revocations.revokeUser(user));

		String page = this.mvc.perform(as(gateway(), get("/internal/revocations?after=" + start + "&limit=2")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.hasMore").value(true))
			.andExpect(jsonPath("$.entries.length()").value(2))
			.andExpect(jsonPath("$.entries[0].kind").value("SESSION"))
			.andExpect(jsonPath("$.entries[0].value").value(sessions.get(0)))
			.andExpect(jsonPath("$.entries[0].notBefore").doesNotExist())
			.andExpect(jsonPath("$.entries[0].expiresAt").isString())
			.andExpect(jsonPath("$.entries[1].value").value(sessions.get(1)))
			.andReturn()
			.getResponse()
			.getContentAsString();
		long cursor = ((Number) JsonPath.read(page, "$.cursor")).longValue();
		assertThat(cursor).isEqualTo(((Number) JsonPath.read(page, "$.entries[1].id")).longValue());

		this.mvc.perform(as(gateway(), get("/internal/revocations?after=" + cursor + "&limit=2")))
			.andExpect(jsonPath("$.hasMore").value(false))
			.andExpect(jsonPath("$.entries[0].value").value(sessions.get(2)))
			.andExpect(jsonPath("$.entries[1].kind").value("USER"))
			.andExpect(jsonPath("$.entries[1].value").value(user))
			.andExpect(jsonPath("$.entries[1].notBefore").isString());

		this.mvc.perform(as(gateway(), get("/internal/revocations?after=" + Long.MAX_VALUE / 2)))
			.andExpect(jsonPath("$.cursor").value(Long.MAX_VALUE / 2))
			.andExpect(jsonPath("$.hasMore").value(false))
			.andExpect(jsonPath("$.entries.length()").value(0));
	}

	@Test
	void entriesAreNullNotMissingWhenTheyHaveNoNotBefore() throws Exception {
		long start = cursor();
		this.transactions.executeWithoutResult((tx) -> this.revocations.revokeSession(UUID.randomUUID().toString()));
		String page = this.mvc.perform(as(gateway(), get("/internal/revocations?after=" + start)))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(page).contains("\"notBefore\":null");
	}

	@Test
	void badCursorsAndLimitsAre400() throws Exception {
		for (String query : new String[] { "after=-1", "after=abc", "limit=0", "limit=1001", "limit=x" }) {
			this.mvc.perform(as(gateway(), get("/internal/revocations?" + query)))
				.andExpect(status().isBadRequest())
				.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
		}
	}

	@Test
	void cleanupDeletesEntriesOnceEveryTokenTheyCoverHasExpired() throws Exception {
		long start = cursor();
		String expired = UUID.randomUUID().toString();
		String live = UUID.randomUUID().toString();
		this.transactions.executeWithoutResult((tx) -> {
			this.revocations.revokeSession(expired);
			this.revocations.revokeSession(live);
		});
		this.jdbc.sql("UPDATE revocations SET expires_at = now() - interval '1 second' WHERE value = :value")
			.param("value", expired)
			.update();
		this.mvc.perform(as(gateway(), get("/internal/revocations?after=" + start)))
			.andExpect(jsonPath("$.entries.length()").value(1))
			.andExpect(jsonPath("$.entries[0].value").value(live));
		assertThat(this.revocations.deleteExpired()).isGreaterThanOrEqualTo(1);
		assertThat(this.jdbc.sql("SELECT count(*) FROM revocations WHERE value IN (:values)")
			.param("values", List.of(expired, live))
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void aRevocationOutsideATransactionIsRefused() {
		org.assertj.core.api.Assertions
			.assertThatExceptionOfType(org.springframework.transaction.IllegalTransactionStateException.class)
			.isThrownBy(() -> this.revocations.revokeSession(UUID.randomUUID().toString()));
	}

	@Test
	void everyKindOfRevocationReachesTheFeed() throws Exception {
		long start = cursor();
		String name = uniqueName();
		UUID id = register(name, PASSWORD);
		String tokens = tokens(name, PASSWORD);
		this.mvc.perform(as(identity(accessToken(tokens)), post("/auth/logout"))).andExpect(status().isNoContent());
		this.mvc
			.perform(as(TestEdgeAssertions.admin(UUID.randomUUID(), "admin"),
					post("/auth/admin/users/" + id + "/disable")))
			.andExpect(status().isNoContent());
		this.mvc.perform(as(gateway(), get("/internal/revocations?after=" + start)))
			.andExpect(jsonPath("$.entries[?(@.kind == 'SESSION')].value")
				.value(identity(accessToken(tokens)).sessionId()))
			.andExpect(jsonPath("$.entries[?(@.kind == 'USER')].value").value(id.toString()));
	}

	private long cursor() {
		return this.jdbc.sql("SELECT coalesce(max(id), 0) FROM revocations").query(Long.class).single();
	}

}
