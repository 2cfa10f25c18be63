package io.edgepass.profile.profile;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.LockModeType;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface ProfileRepository extends JpaRepository<Profile, UUID> {

	/**
	 * Creates a profile unless one exists. Of two concurrent first requests, the second
	 * waits on the primary key for the first to commit, then inserts nothing.
	 */
	@Modifying
	@Query(value = """
			INSERT INTO profiles (user_id, username, display_name, updated_at, version)
			VALUES (:userId, :username, :displayName, :now, 0)
			ON CONFLICT (user_id) DO NOTHING""", nativeQuery = true)
	int insertIfAbsent(UUID userId, String username, String displayName, Instant now);

	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("select p from Profile p where p.userId = :userId")
	Optional<Profile> findForUpdate(UUID userId);

}
