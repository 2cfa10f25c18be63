package io.edgepass.auth.revocation;

import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.edgepass.auth.token.TokenProperties;
import io.edgepass.trust.revocation.RevocationFeed.Entry;
import io.edgepass.trust.revocation.RevocationFeed.Kind;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The revocation log the gateway follows. Entries are written inside the caller's
 * transaction after an advisory lock, so ids grow in commit order and a reader's cursor
 * never skips a late commit.
 */
@Repository
public class Revocations {

	/** Any constant, the same on every replica. */
	private static final long INSERT_LOCK = 0x45_44_47_45_52_45_56L;

	/** Tolerance for the gateway's clock skew when it checks {@code exp}. */
	private static final Duration SKEW = Duration.ofMinutes(1);

	private final JdbcClient jdbc;

	private final Clock clock;

	private final Duration tokenTtl;

	Revocations(JdbcClient jdbc, Clock clock, TokenProperties tokens) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.tokenTtl = tokens.ttl();
	}

	/** Every access token of this login session is revoked. */
	@Transactional(propagation = Propagation.MANDATORY)
	public void revokeSession(String sessionId) {
		insert(Kind.SESSION, sessionId, null);
	}

	/** Every access token of this user issued until now is revoked. */
	@Transactional(propagation = Propagation.MANDATORY)
	public void revokeUser(String userId) {
		insert(Kind.USER, userId, this.clock.instant());
	}

	private void insert(Kind kind, String value, Instant notBefore) {
		// Every token this entry covers was issued by now, so has expired a TTL later.
		Instant expiresAt = this.clock.instant().plus(this.tokenTtl).plus(SKEW);
		this.jdbc.sql("SELECT pg_advisory_xact_lock(:lock)").param("lock", INSERT_LOCK).query().singleRow();
		this.jdbc.sql(
				"INSERT INTO revocations (kind, value, not_before, expires_at) VALUES (:kind, :value, :notBefore, :expiresAt)")
			.param("kind", kind.name())
			.param("value", value)
			.param("notBefore", (notBefore != null) ? Timestamp.from(notBefore) : null, Types.TIMESTAMP)
			.param("expiresAt", Timestamp.from(expiresAt))
			.update();
	}

	List<Entry> after(long cursor, int limit) {
		return this.jdbc.sql("""
				SELECT id, kind, value, not_before, expires_at FROM revocations
				WHERE id > :cursor AND expires_at > :now ORDER BY id LIMIT :limit
				""")
			.param("cursor", cursor)
			.param("now", Timestamp.from(this.clock.instant()))
			.param("limit", limit)
			.query((rs, row) -> new Entry(rs.getLong("id"), Kind.valueOf(rs.getString("kind")), rs.getString("value"),
					(rs.getTimestamp("not_before") != null) ? rs.getTimestamp("not_before").toInstant() : null,
					rs.getTimestamp("expires_at").toInstant()))
			.list();
	}

	int deleteExpired() {
		return this.jdbc.sql("DELETE FROM revocations WHERE expires_at <= :now")
			.param("now", Timestamp.from(this.clock.instant()))
			.update();
	}

}
