package io.edgepass.profile.profile;

import java.util.UUID;

import io.edgepass.profile.ProfileServiceTest;
import io.edgepass.trust.EdgeIdentity;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Contract: Profiles, {@code GET /profiles/{userId}}. */
class OtherProfilesTests extends ProfileServiceTest {

	private final EdgeIdentity alice = newUser();

	@Test
	void anAdminReadsAnyUsersProfile() {
		Response own = get("/profiles/me", this.alice);

		Response read = get("/profiles/" + this.alice.userId(), newAdmin());

		assertThat(read.status()).isEqualTo(200);
		assertThat(read.body()).isEqualTo(own.body());
		assertThat(read.header("ETag")).isEqualTo(own.header("ETag"));
	}

	@Test
	void aUserMayNotReadAnotherUsersProfile() {
		get("/profiles/me", this.alice);

		assertProblem(get("/profiles/" + this.alice.userId(), newUser()), 403);
	}

	@Test
	void aUserMayNotReadEvenTheirOwnProfileById() {
		get("/profiles/me", this.alice);

		assertProblem(get("/profiles/" + this.alice.userId(), this.alice), 403);
	}

	@Test
	void aProfileThatDoesNotExistIsNotFound() {
		assertProblem(get("/profiles/" + UUID.randomUUID(), newAdmin()), 404);
	}

	@Test
	void readingAProfileDoesNotCreateIt() {
		EdgeIdentity admin = newAdmin();
		EdgeIdentity bob = newUser();

		assertProblem(get("/profiles/" + bob.userId(), admin), 404);
		assertProblem(get("/profiles/" + bob.userId(), admin), 404);
	}

	@Test
	void aMalformedUserIdIsRejectedWith400() {
		Response rejected = get("/profiles/not-a-uuid", newAdmin());

		assertProblem(rejected, 400);
		assertThat(rejected.body()).doesNotContain("Exception");
	}

}
