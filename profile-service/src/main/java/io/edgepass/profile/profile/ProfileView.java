package io.edgepass.profile.profile;

import java.time.Instant;
import java.util.UUID;

import org.springframework.http.ETag;

/** A profile as clients see it, with its ETag (sent as a header, not in the body). */
record ProfileView(UUID userId, String username, String displayName, String email, String bio, Instant updatedAt,
		@com.fasterxml.jackson.annotation.JsonIgnore ETag etag) {

	static ProfileView of(Profile profile) {
		return new ProfileView(profile.getUserId(), profile.getUsername(), profile.getDisplayName(), profile.getEmail(),
				profile.getBio(), profile.getUpdatedAt(), etagOf(profile.getVersion()));
	}

	static ETag etagOf(long version) {
		return ETag.create("\"" + version + "\"");
	}

}
