package io.edgepass.trust.revocation;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class RevocationFeedTests {

	@Test
	void aPageReadsAsAuthServiceWritesItAndAnUnknownKindAsNull() {
		RevocationFeed page = JsonMapper.shared().readValue("""
				{"cursor": 42, "hasMore": false, "entries": [
				 {"id": 41, "kind": "SESSION", "value": "s", "notBefore": null, "expiresAt": "2026-11-28T12:30:00Z"},
				 {"id": 42, "kind": "DEVICE", "value": "d", "notBefore": null, "expiresAt": "2026-11-28T12:30:00Z"}]}
				""", RevocationFeed.class);

		assertThat(page.cursor()).isEqualTo(42);
		assertThat(page.entries()).extracting(RevocationFeed.Entry::kind)
			.containsExactly(RevocationFeed.Kind.SESSION, null);
		assertThat(page.entries().get(0).expiresAt()).isEqualTo(Instant.parse("2026-11-28T12:30:00Z"));
		assertThat(JsonMapper.shared().writeValueAsString(page.entries().get(0))).contains("\"kind\":\"SESSION\"");
	}

}
