package io.edgepass.profile.profile;

import java.util.List;

import io.edgepass.profile.ProfileServiceTest;
import io.edgepass.testsupport.AtOnce;
import io.edgepass.trust.EdgeIdentity;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Contract: Profiles, created once on first access and updated safely, under concurrency.
 */
class ProfileConcurrencyTests extends ProfileServiceTest {

	private static final int N = 16;

	private final EdgeIdentity alice = newUser();

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void concurrentFirstAccessesCreateExactlyOneProfile() throws Exception {
		List<Response> responses = AtOnce.call(N, () -> get("/profiles/me", this.alice));

		assertThat(responses).allSatisfy((response) -> assertThat(response.status()).isEqualTo(200));
		assertThat(responses).extracting((response) -> response.header("ETag")).containsOnly("\"0\"");
		assertThat(responses).extracting((response) -> (String) response.json("$.userId"))
			.containsOnly(this.alice.userId().toString());
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM profiles WHERE user_id = ?", Long.class,
				this.alice.userId()))
			.isOne();
	}

	@Test
	void ofConcurrentUpdatesWithTheSameIfMatchExactlyOneSucceeds() throws Exception {
		String etag = get("/profiles/me", this.alice).header("ETag");

		List<Response> responses = AtOnce.call(N,
				() -> putJson("/profiles/me", this.alice, profile("Racer", null, null), "If-Match", etag));

		assertThat(responses).extracting(Response::status).containsOnly(200, 412);
		assertThat(responses).filteredOn((response) -> response.status() == 200).hasSize(1);
	}

}
