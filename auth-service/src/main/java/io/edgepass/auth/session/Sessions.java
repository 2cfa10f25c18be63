package io.edgepass.auth.session;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.edgepass.auth.revocation.Revocations;
import io.edgepass.auth.token.AccessTokens;
import io.edgepass.auth.token.AccessTokens.AccessToken;
import io.edgepass.auth.user.User;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Login sessions, each a refresh-token family and the {@code sid} of its access tokens:
 * started at login, listed, and revoked (which also revokes its access tokens at the
 * gateway and makes its refresh tokens useless).
 */
@Service
public class Sessions {

	private final JdbcClient jdbc;

	private final AccessTokens accessTokens;

	private final Revocations revocations;

	private final SessionProperties properties;

	private final Clock clock;

	Sessions(JdbcClient jdbc, AccessTokens accessTokens, Revocations revocations, SessionProperties properties,
			Clock clock) {
		this.jdbc = jdbc;
		this.accessTokens = accessTokens;
		this.revocations = revocations;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Starts a session for a user who just proved who they are.
	 * @param user the user
	 * @param userAgent the client's {@code User-Agent}, if any
	 * @param jkt the thumbprint of the DPoP key the session's tokens are bound to, or
	 * {@code null} for bearer tokens
	 * @return the first token pair
	 */
	@Transactional
	public IssuedTokens start(User user, String userAgent, @Nullable String jkt) {
		UUID id = UUID.randomUUID();
		Instant now = this.clock.instant();
		Instant expiresAt = now.plus(this.properties.maxLifetime());
		Instant refreshExpiresAt = min(now.plus(this.properties.idleTimeout()), expiresAt);
		this.jdbc.sql("""
				INSERT INTO sessions (id, user_id, user_agent, created_at, last_used_at, idle_expires_at, expires_at,
				dpop_jkt)
				VALUES (:id, :userId, :userAgent, :now, :now, :idleExpiresAt, :expiresAt, :jkt)
				""")
			.param("id", id)
			.param("userId", user.id())
			.param("userAgent", truncate(userAgent))
			.param("now", Timestamp.from(now))
			.param("idleExpiresAt", Timestamp.from(refreshExpiresAt))
			.param("expiresAt", Timestamp.from(expiresAt))
			.param("jkt", jkt)
			.update();
		return issue(user, id, now, refreshExpiresAt, expiresAt, jkt);
	}

	/**
	 * A new access token, bound to the DPoP key {@code jkt} when there is one, and a new
	 * refresh token in an existing session.
	 */
	IssuedTokens issue(User user, UUID sessionId, Instant now, Instant refreshExpiresAt, Instant sessionExpiresAt,
			@Nullable String jkt) {
		String refreshToken = RefreshTokens.generate();
		this.jdbc.sql("""
				INSERT INTO refresh_tokens (hash, session_id, created_at, expires_at)
				VALUES (:hash, :sessionId, :now, :expiresAt)
				""")
			.param("hash", RefreshTokens.hash(refreshToken))
			.param("sessionId", sessionId)
			.param("now", Timestamp.from(now))
			.param("expiresAt", Timestamp.from(refreshExpiresAt))
			.update();
		AccessToken accessToken = this.accessTokens.issue(user, sessionId.toString(), jkt);
		return new IssuedTokens(
				new TokenResponse(accessToken.value(), (jkt != null) ? "DPoP" : "Bearer", accessToken.expiresIn(),
						refreshToken, Duration.between(now, refreshExpiresAt).toSeconds(), accessToken.scope()),
				Duration.between(now, sessionExpiresAt).toSeconds());
	}

	List<SessionView> live(UUID userId) {
		return this.jdbc.sql("""
				SELECT id, created_at, last_used_at, user_agent FROM sessions
				WHERE user_id = :userId AND revoked_at IS NULL AND expires_at > :now AND idle_expires_at > :now
				ORDER BY created_at DESC
				""")
			.param("userId", userId)
			.param("now", Timestamp.from(this.clock.instant()))
			.query((rs, row) -> new SessionView(rs.getObject("id", UUID.class),
					rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("last_used_at").toInstant(),
					rs.getString("user_agent")))
			.list();
	}

	/**
	 * Revokes one session of a user.
	 * @return whether it was live (and is now revoked)
	 */
	@Transactional
	public boolean revoke(UUID userId, UUID sessionId) {
		Optional<UUID> revoked = this.jdbc.sql(
				"UPDATE sessions SET revoked_at = :now WHERE id = :id AND user_id = :userId AND revoked_at IS NULL RETURNING id")
			.param("now", Timestamp.from(this.clock.instant()))
			.param("id", sessionId)
			.param("userId", userId)
			.query(UUID.class)
			.optional();
		revoked.ifPresent((id) -> this.revocations.revokeSession(id.toString()));
		return revoked.isPresent();
	}

	/** Revokes every session of a user that is not revoked yet. */
	@Transactional
	public void revokeAll(UUID userId) {
		this.jdbc
			.sql("UPDATE sessions SET revoked_at = :now WHERE user_id = :userId AND revoked_at IS NULL RETURNING id")
			.param("now", Timestamp.from(this.clock.instant()))
			.param("userId", userId)
			.query(UUID.class)
			.list()
			.forEach((id) -> this.revocations.revokeSession(id.toString()));
	}

	/** The session a refresh token belongs to, spent or not. */
	Optional<UUID> sessionOf(String refreshToken) {
		return this.jdbc.sql("SELECT session_id FROM refresh_tokens WHERE hash = :hash")
			.param("hash", RefreshTokens.hash(refreshToken))
			.query(UUID.class)
			.optional();
	}

	int deleteEnded() {
		Timestamp now = Timestamp.from(this.clock.instant());
		int tokens = this.jdbc.sql("DELETE FROM refresh_tokens WHERE expires_at <= :now").param("now", now).update();
		int sessions = this.jdbc
			.sql("DELETE FROM sessions WHERE revoked_at IS NOT NULL OR expires_at <= :now OR idle_expires_at <= :now")
			.param("now", now)
			.update();
		return tokens + sessions;
	}

	static Instant min(Instant a, Instant b) {
		return a.isBefore(b) ? a : b;
	}

	private static String truncate(String userAgent) {
		return (userAgent == null || userAgent.length() <= 256) ? userAgent : userAgent.substring(0, 256);
	}

	record SessionView(UUID id, Instant createdAt, Instant lastUsedAt, String userAgent) {
	}

}
