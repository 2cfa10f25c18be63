package io.edgepass.profile.profile;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.edgepass.profile.ProfileServiceTest;
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
		List<Response> responses = concurrently(() -> get("/profiles/me", this.alice));

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

		List<Response> responses = concurrently(
				() -> putJson("/profiles/me", this.alice, profile("Racer", null, null), "If-Match", etag));

		assertThat(responses).extracting(Response::status).containsOnly(200, 412);
		assertThat(responses).filteredOn((response) -> response.status() == 200).hasSize(1);
	}

	private static List<Response> concurrently(Callable<Response> call) throws Exception {
		CountDownLatch start = new CountDownLatch(1);
		List<Future<Response>> futures = new ArrayList<>();
		try (ExecutorService pool = Executors.newFixedThreadPool(N)) {
			for (int i = 0; i < N; i++) {
				futures.add(pool.submit(() -> {
					start.await();
					return call.call();
				}));
			}
			start.countDown();
			List<Response> responses = new ArrayList<>();
			for (Future<Response> future : futures) {
				responses.add(future.get());
			}
			return responses;
		}
	}

}
