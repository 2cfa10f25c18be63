package io.edgepass.profile.profile;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

@Entity
@Table(name = "profiles")
class Profile {

	@Id
	private UUID userId;

	private String username;

	private String displayName;

	private String email;

	private String bio;

	private Instant updatedAt;

	/** The strong ETag of the profile: it changes with every update. */
	@Version
	private long version;

	protected Profile() {
	}

	void update(ProfileUpdate update, Instant now) {
		this.displayName = update.displayName();
		this.email = update.email();
		this.bio = update.bio();
		this.updatedAt = now;
	}

	UUID getUserId() {
		return this.userId;
	}

	String getUsername() {
		return this.username;
	}

	String getDisplayName() {
		return this.displayName;
	}

	String getEmail() {
		return this.email;
	}

	String getBio() {
		return this.bio;
	}

	Instant getUpdatedAt() {
		return this.updatedAt;
	}

	long getVersion() {
		return this.version;
	}

}
