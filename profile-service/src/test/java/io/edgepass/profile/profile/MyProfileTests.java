package io.edgepass.profile.profile;

import java.net.http.HttpRequest;
import java.util.UUID;

import io.edgepass.profile.ProfileServiceTest;
import io.edgepass.trust.EdgeIdentity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Contract: Profiles, {@code GET /profiles/me} and {@code PUT /profiles/me} with ETags,
 * {@code If-Match} and the field limits; THREATS C-29, C-30.
 */
class MyProfileTests extends ProfileServiceTest {

	private final EdgeIdentity alice = TestUsers.named("alice-" + UUID.randomUUID().toString().substring(0, 8));

	@Test
	void theFirstAccessCreatesTheProfileFromTheAssertion() {
		Response me = get("/profiles/me", this.alice);

		assertThat(me.status()).isEqualTo(200);
		assertThat(me.contentType()).startsWith("application/json");
		assertThat((String) me.json("$.userId")).isEqualTo(this.alice.userId().toString());
		assertThat((String) me.json("$.username")).isEqualTo(this.alice.username());
		assertThat((String) me.json("$.displayName")).isEqualTo(this.alice.username());
		assertThat((Object) me.json("$.email")).isNull();
		assertThat((Object) me.json("$.bio")).isNull();
		assertThat((String) me.json("$.updatedAt")).isNotBlank();
		assertThat(me.header("ETag")).matches("\"\\d+\"");

		Response again = get("/profiles/me", this.alice);
		assertThat(again.body()).isEqualTo(me.body());
		assertThat(again.header("ETag")).isEqualTo(me.header("ETag"));
	}

	@Test
	void aMatchingIfNoneMatchAnswers304() {
		String etag = get("/profiles/me", this.alice).header("ETag");

		Response notModified = send(request("/profiles/me", this.alice).header("If-None-Match", etag).GET());

		assertThat(notModified.status()).isEqualTo(304);
		assertThat(notModified.body()).isEmpty();
		assertThat(send(request("/profiles/me", this.alice).header("If-None-Match", "\"999\"").GET()).status())
			.isEqualTo(200);
	}

	@Test
	void anUpdateReplacesTheFieldsAndAnswersANewETag() {
		Response before = get("/profiles/me", this.alice);

		Response updated = putJson("/profiles/me", this.alice, profile("Alice A.", "alice@example.com", "Hi."));

		assertThat(updated.status()).isEqualTo(200);
		assertThat((String) updated.json("$.displayName")).isEqualTo("Alice A.");
		assertThat((String) updated.json("$.email")).isEqualTo("alice@example.com");
		assertThat((String) updated.json("$.bio")).isEqualTo("Hi.");
		assertThat((String) updated.json("$.username")).isEqualTo(this.alice.username());
		assertThat(updated.header("ETag")).isNotEqualTo(before.header("ETag"));
		Response after = get("/profiles/me", this.alice);
		assertThat(after.body()).isEqualTo(updated.body());
		assertThat(after.header("ETag")).isEqualTo(updated.header("ETag"));

		Response cleared = putJson("/profiles/me", this.alice, profile("Alice", null, null));
		assertThat((Object) cleared.json("$.email")).isNull();
		assertThat((Object) cleared.json("$.bio")).isNull();
	}

	@Test
	void anUpdateBeforeTheFirstReadCreatesTheProfile() {
		Response updated = putJson("/profiles/me", this.alice, profile("Early", null, null));

		assertThat(updated.status()).isEqualTo(200);
		assertThat((String) updated.json("$.username")).isEqualTo(this.alice.username());
		assertThat((String) get("/profiles/me", this.alice).json("$.displayName")).isEqualTo("Early");
	}

	@Test
	void anUpdateWithTheCurrentETagInIfMatchSucceeds() {
		String etag = get("/profiles/me", this.alice).header("ETag");

		Response updated = putJson("/profiles/me", this.alice, profile("New", null, null), "If-Match", etag);

		assertThat(updated.status()).isEqualTo(200);
		assertThat(putJson("/profiles/me", this.alice, profile("Newer", null, null), "If-Match",
				"\"12345\", " + updated.header("ETag"))
			.status()).isEqualTo(200);
		assertThat(putJson("/profiles/me", this.alice, profile("Any", null, null), "If-Match", "*").status())
			.isEqualTo(200);
	}

	@Test
	void anUpdateWithAStaleIfMatchFailsAndChangesNothing() {
		String stale = get("/profiles/me", this.alice).header("ETag");
		putJson("/profiles/me", this.alice, profile("First", null, null), "If-Match", stale);

		Response rejected = putJson("/profiles/me", this.alice, profile("Second", null, null), "If-Match", stale);

		assertProblem(rejected, 412);
		assertThat((String) rejected.json("$.type")).isEqualTo("https://edgepass.dev/problems/precondition-failed");
		assertThat((String) get("/profiles/me", this.alice).json("$.displayName")).isEqualTo("First");
	}

	@Test
	void aWeakOrMalformedIfMatchNeverMatches() {
		String etag = get("/profiles/me", this.alice).header("ETag");

		assertProblem(putJson("/profiles/me", this.alice, profile("X", null, null), "If-Match", "W/" + etag), 412);
		assertProblem(putJson("/profiles/me", this.alice, profile("X", null, null), "If-Match", "garbage"), 412);
	}

	@ParameterizedTest
	@ValueSource(ints = { 1, 100 })
	void displayNamesOfOneToAHundredCharactersAreAccepted(int length) {
		assertThat(putJson("/profiles/me", this.alice, profile("d".repeat(length), null, null)).status())
			.isEqualTo(200);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "   ", "\t", "line\nbreak", "nul\u0000", "bell\u0007" })
	void blankDisplayNamesAndControlCharactersAreRejected(String displayName) {
		assertInvalid(putJson("/profiles/me", this.alice, profile(displayName, null, null)), "displayName");
	}

	@Test
	void displayNamesOverAHundredCharactersOrMissingAreRejected() {
		assertInvalid(putJson("/profiles/me", this.alice, profile("d".repeat(101), null, null)), "displayName");
		assertInvalid(putJson("/profiles/me", this.alice, profile(null, "a@example.com", null)), "displayName");
	}

	@Test
	void emailsUpTo254CharactersAreAccepted() {
		String email = "e".repeat(64) + "@" + "d".repeat(63) + "." + "d".repeat(63) + "." + "d".repeat(57) + ".com";
		assertThat(email).hasSize(254);

		Response updated = putJson("/profiles/me", this.alice, profile("A", email, null));

		assertThat(updated.status()).isEqualTo(200);
		assertThat((String) updated.json("$.email")).isEqualTo(email);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "plain", "@example.com", "a@", "a@b", "a b@example.com", "a@@example.com" })
	void malformedEmailsAreRejected(String email) {
		assertInvalid(putJson("/profiles/me", this.alice, profile("A", email, null)), "email");
	}

	@Test
	void emailsOver254CharactersAreRejected() {
		String email = "e".repeat(64) + "@" + "d".repeat(63) + "." + "d".repeat(63) + "." + "d".repeat(58) + ".com";
		assertThat(email).hasSize(255);

		assertInvalid(putJson("/profiles/me", this.alice, profile("A", email, null)), "email");
	}

	@Test
	void biosUpTo2000CharactersWithLineBreaksAreAccepted() {
		String bio = "line one\r\n\tline two\n" + "b".repeat(1980);
		assertThat(bio).hasSize(2000);

		Response updated = putJson("/profiles/me", this.alice, profile("A", null, bio));

		assertThat(updated.status()).isEqualTo(200);
		assertThat((String) updated.json("$.bio")).isEqualTo(bio);
	}

	@Test
	void biosOver2000CharactersOrWithNulAreRejected() {
		assertInvalid(putJson("/profiles/me", this.alice, profile("A", null, "b".repeat(2001))), "bio");
		assertInvalid(putJson("/profiles/me", this.alice, profile("A", null, "nul\u0000byte")), "bio");
	}

	@ParameterizedTest
	@ValueSource(strings = { "Robert'); DROP TABLE profiles;--", "' OR '1'='1", "%_\\%", "\"quoted\" \\ back",
			"Zoë Ångström", "李小龍", "مرحبا", "😀👍🏽", "<script>alert(1)</script>", "${jndi:ldap://x}" })
	void sqlMetacharactersAndUnicodeAreStoredVerbatim(String text) {
		Response updated = putJson("/profiles/me", this.alice, profile(text, "o'brien+tag@example.com", text));

		assertThat(updated.status()).as(updated.body()).isEqualTo(200);
		Response read = get("/profiles/me", this.alice);
		assertThat((String) read.json("$.displayName")).isEqualTo(text);
		assertThat((String) read.json("$.bio")).isEqualTo(text);
		assertThat((String) read.json("$.email")).isEqualTo("o'brien+tag@example.com");
	}

	@Test
	void loneSurrogatesAreRejected() {
		assertInvalid(putJson("/profiles/me", this.alice, profile("bad\ud800", null, null)), "displayName");
		assertInvalid(putJson("/profiles/me", this.alice, profile("A", null, "bad\udc00")), "bio");
	}

	@Test
	void unknownFieldsAndMalformedJsonAreRejected() {
		assertProblem(putJson("/profiles/me", this.alice, "{\"displayName\":\"A\",\"username\":\"root\"}"), 400);
		assertProblem(putJson("/profiles/me", this.alice, "{\"displayName\":"), 400);
		assertProblem(putJson("/profiles/me", this.alice, "[]"), 400);
		assertProblem(putJson("/profiles/me", this.alice, ""), 400);
		assertThat((String) get("/profiles/me", this.alice).json("$.username")).isEqualTo(this.alice.username());
	}

	@Test
	void aBodyOverTheLimitIsRejectedWith413() {
		assertProblem(putJson("/profiles/me", this.alice, profile("A", null, "b".repeat(70_000))), 413);
	}

	@Test
	void aBodyThatIsNotJsonIsRejectedWith415() {
		assertProblem(send(request("/profiles/me", this.alice).header("Content-Type", "text/plain")
			.PUT(HttpRequest.BodyPublishers.ofString(profile("A", null, null)))), 415);
	}

}
