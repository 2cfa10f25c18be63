package io.edgepass.auth.session;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import io.edgepass.auth.dpop.DPoPProofRefusedException;
import io.edgepass.auth.revocation.Revocations;
import io.edgepass.auth.user.User;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Exchanges a refresh token for a new pair, once. Spending is one atomic update, so of
 * two concurrent uses exactly one wins; any use of a spent token is treated as theft (RFC
 * 9700 §4.14.2) and ends the whole session, including its access tokens. The refresh
 * token of a session bound to a DPoP key is spent only with a proof of that key (RFC 9449
 * §5); without one it stays as it was.
 */
@Service
public class RefreshTokenRotation {

	private static final Log logger = LogFactory.getLog(RefreshTokenRotation.class);

	private final JdbcClient jdbc;

	private final Sessions sessions;

	private final Revocations revocations;

	private final SessionProperties properties;

	private final Clock clock;

	RefreshTokenRotation(JdbcClient jdbc, Sessions sessions, Revocations revocations, SessionProperties properties,
			Clock clock) {
		this.jdbc = jdbc;
		this.sessions = sessions;
		this.revocations = revocations;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Spends a refresh token.
	 * @param refreshToken the refresh token
	 * @param jkt the thumbprint of the key of the request's accepted DPoP proof, or
	 * {@code null} when it had none
	 * @return the new pair, its access token bound to the session's key, else to
	 * {@code jkt}; or empty when the token is unknown, expired or spent, or its session
	 * or user can no longer be used (a replay's revocation is committed)
	 * @throws DPoPProofRefusedException when the token's session is bound to another key
	 * than {@code jkt}, or {@code jkt} is {@code null}: nothing is spent
	 */
	@Transactional
	public Optional<IssuedTokens> rotate(String refreshToken, @Nullable String jkt) {
		Instant now = this.clock.instant();
		byte[] hash = RefreshTokens.hash(refreshToken);
		Optional<Spent> spent = this.jdbc.sql("""
				UPDATE refresh_tokens r SET used_at = :now FROM sessions s
				WHERE r.hash = :hash AND r.used_at IS NULL AND r.expires_at > :now
				AND s.id = r.session_id AND (s.dpop_jkt IS NULL OR s.dpop_jkt = :jkt)
				RETURNING r.session_id, s.dpop_jkt
				""")
			.param("now", Timestamp.from(now))
			.param("hash", hash)
			.param("jkt", jkt)
			.query((rs, row) -> new Spent(rs.getObject("session_id", UUID.class), rs.getString("dpop_jkt")))
			.optional();
		if (spent.isEmpty()) {
			if (isLiveAndBound(hash, now)) {
				throw new DPoPProofRefusedException();
			}
			revokeFamilyIfSpent(hash, now);
			return Optional.empty();
		}
		UUID sessionId = spent.get().sessionId();
		String boundTo = (spent.get().jkt() != null) ? spent.get().jkt() : jkt;
		Optional<LiveSession> session = this.jdbc.sql("""
				SELECT u.id, u.username, u.admin, u.disabled, s.expires_at FROM sessions s
				JOIN users u ON u.id = s.user_id
				WHERE s.id = :id AND s.revoked_at IS NULL AND s.expires_at > :now
				FOR UPDATE OF s
				""")
			.param("id", sessionId)
			.param("now", Timestamp.from(now))
			.query((rs,
					row) -> new LiveSession(new User(rs.getObject("id", UUID.class), rs.getString("username"),
							rs.getBoolean("admin"), rs.getBoolean("disabled")),
							rs.getTimestamp("expires_at").toInstant()))
			.optional();
		if (session.isEmpty() || session.get().user().disabled()) {
			return Optional.empty();
		}
		Instant refreshExpiresAt = Sessions.min(now.plus(this.properties.idleTimeout()), session.get().expiresAt());
		this.jdbc.sql("UPDATE sessions SET last_used_at = :now, idle_expires_at = :idle WHERE id = :id")
			.param("now", Timestamp.from(now))
			.param("idle", Timestamp.from(refreshExpiresAt))
			.param("id", sessionId)
			.update();
		return Optional.of(this.sessions.issue(session.get().user(), sessionId, now, refreshExpiresAt,
				session.get().expiresAt(), boundTo));
	}

	/**
	 * Whether a token that could not be spent is live in a session bound to a DPoP key:
	 * then it was the proof that did not fit.
	 */
	private boolean isLiveAndBound(byte[] hash, Instant now) {
		return this.jdbc.sql("""
				SELECT count(*) FROM refresh_tokens r JOIN sessions s ON s.id = r.session_id
				WHERE r.hash = :hash AND r.used_at IS NULL AND r.expires_at > :now AND s.dpop_jkt IS NOT NULL
				""").param("hash", hash).param("now", Timestamp.from(now)).query(Long.class).single() > 0;
	}

	/** A token that could not be spent: if it was spent before, its family ends now. */
	private void revokeFamilyIfSpent(byte[] hash, Instant now) {
		this.jdbc.sql("""
				UPDATE sessions SET revoked_at = :now
				WHERE revoked_at IS NULL
				AND id = (SELECT session_id FROM refresh_tokens WHERE hash = :hash AND used_at IS NOT NULL)
				RETURNING id
				""")
			.param("now", Timestamp.from(now))
			.param("hash", hash)
			.query(UUID.class)
			.optional()
			.ifPresent((id) -> {
				logger.warn("Refresh token replayed: revoked session " + id);
				this.revocations.revokeSession(id.toString());
			});
	}

	private record Spent(UUID sessionId, @Nullable String jkt) {
	}

	private record LiveSession(User user, Instant expiresAt) {
	}

}
