package io.edgepass.profile.profile;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import io.edgepass.trust.EdgeIdentity;
import org.jspecify.annotations.Nullable;

import org.springframework.http.ETag;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
class ProfileService {

	static final int MAX_DISPLAY_NAME = 100;

	private final ProfileRepository profiles;

	private final Clock clock;

	ProfileService(ProfileRepository profiles, Clock clock) {
		this.profiles = profiles;
		this.clock = clock;
	}

	/** The caller's profile, created from the assertion's claims on first access. */
	@Transactional
	ProfileView me(EdgeIdentity caller) {
		return this.profiles.findById(caller.userId())
			.map(ProfileView::of)
			.orElseGet(() -> ProfileView.of(create(caller)));
	}

	/**
	 * Replaces the caller's profile. The row is locked first, so {@code If-Match} is
	 * compared with the version this update will replace and nothing can slip in between.
	 * @param ifMatch the request's {@code If-Match} entity tags, or {@code null} for an
	 * unconditional update
	 * @throws StaleProfileException when none of them is the current version
	 */
	@Transactional
	ProfileView update(EdgeIdentity caller, ProfileUpdate update, @Nullable List<ETag> ifMatch) {
		Profile profile = this.profiles.findForUpdate(caller.userId()).orElseGet(() -> {
			create(caller);
			return this.profiles.findForUpdate(caller.userId()).orElseThrow();
		});
		ETag current = ProfileView.etagOf(profile.getVersion());
		if (ifMatch != null && ifMatch.stream().noneMatch((tag) -> tag.isWildcard() || tag.compare(current, true))) {
			throw new StaleProfileException();
		}
		profile.update(update, now());
		return ProfileView.of(this.profiles.saveAndFlush(profile));
	}

	@Transactional(readOnly = true)
	ProfileView find(UUID userId) {
		return this.profiles.findById(userId).map(ProfileView::of).orElseThrow(ProfileNotFoundException::new);
	}

	private Profile create(EdgeIdentity caller) {
		String username = (caller.username() != null) ? caller.username() : caller.userId().toString();
		String displayName = (username.length() > MAX_DISPLAY_NAME) ? username.substring(0, MAX_DISPLAY_NAME)
				: username;
		this.profiles.insertIfAbsent(caller.userId(), username, displayName, now());
		return this.profiles.findById(caller.userId()).orElseThrow();
	}

	/** PostgreSQL keeps microseconds: truncate so what we answer is what we stored. */
	private Instant now() {
		return this.clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

}
