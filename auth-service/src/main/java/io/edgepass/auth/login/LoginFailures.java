package io.edgepass.auth.login;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Failed logins per account name (lower-cased, so case variants share a counter), and the
 * lockout they lead to. Failures while locked are not counted: they neither extend the
 * lockout nor start the next one.
 */
@Repository
class LoginFailures {

	private final JdbcClient jdbc;

	private final LockoutProperties properties;

	private final Clock clock;

	LoginFailures(JdbcClient jdbc, LockoutProperties properties, Clock clock) {
		this.jdbc = jdbc;
		this.properties = properties;
		this.clock = clock;
	}

	boolean isLocked(String username) {
		return this.jdbc.sql("SELECT count(*) FROM login_failures WHERE username = :username AND locked_until > :now")
			.param("username", username)
			.param("now", Timestamp.from(this.clock.instant()))
			.query(Long.class)
			.single() > 0;
	}

	@Transactional
	void record(String username) {
		Instant now = this.clock.instant();
		// The row lock taken here serializes concurrent failures of one account.
		Optional<Counted> counted = this.jdbc.sql("""
				INSERT INTO login_failures AS f (username, failures) VALUES (:username, 1)
				ON CONFLICT (username) DO UPDATE SET failures = f.failures + 1
				WHERE f.locked_until IS NULL OR f.locked_until <= :now
				RETURNING f.failures, f.lockouts
				""")
			.param("username", username)
			.param("now", Timestamp.from(now))
			.query((rs, row) -> new Counted(rs.getInt("failures"), rs.getInt("lockouts")))
			.optional();
		if (counted.isPresent() && counted.get().failures() >= this.properties.maxFailures()) {
			this.jdbc.sql("""
					UPDATE login_failures SET failures = 0, lockouts = lockouts + 1, locked_until = :until
					WHERE username = :username
					""")
				.param("until", Timestamp.from(now.plus(this.properties.lockFor(counted.get().lockouts()))))
				.param("username", username)
				.update();
		}
	}

	void clear(String username) {
		this.jdbc.sql("DELETE FROM login_failures WHERE username = :username").param("username", username).update();
	}

	private record Counted(int failures, int lockouts) {
	}

}
