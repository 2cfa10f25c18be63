package io.edgepass.auth.user;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The accounts table. Names are compared and stored lower-case. */
@Repository
public class Users {

	private final JdbcClient jdbc;

	Users(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public static String normalize(String username) {
		return username.toLowerCase(Locale.ROOT);
	}

	/**
	 * Inserts an account unless the name is taken.
	 * @return whether it was inserted
	 */
	boolean insert(UUID id, String username, String passwordHash, String email, String displayName, boolean admin) {
		return this.jdbc.sql("""
				INSERT INTO users (id, username, password_hash, email, display_name, admin)
				VALUES (:id, :username, :hash, :email, :displayName, :admin)
				ON CONFLICT ((lower(username))) DO NOTHING
				""")
			.param("id", id)
			.param("username", normalize(username))
			.param("hash", passwordHash)
			.param("email", email)
			.param("displayName", displayName)
			.param("admin", admin)
			.update() == 1;
	}

	public Optional<Credentials> findCredentials(String username) {
		return this.jdbc
			.sql("SELECT id, username, admin, disabled, password_hash FROM users WHERE username = :username")
			.param("username", normalize(username))
			.query((rs, row) -> new Credentials(user(rs), rs.getString("password_hash")))
			.optional();
	}

	public void updatePasswordHash(UUID id, String passwordHash) {
		this.jdbc.sql("UPDATE users SET password_hash = :hash WHERE id = :id")
			.param("hash", passwordHash)
			.param("id", id)
			.update();
	}

	boolean disable(UUID id) {
		return this.jdbc.sql("UPDATE users SET disabled = true WHERE id = :id").param("id", id).update() == 1;
	}

	private static User user(ResultSet rs) throws SQLException {
		return new User(rs.getObject("id", UUID.class), rs.getString("username"), rs.getBoolean("admin"),
				rs.getBoolean("disabled"));
	}

	/** An account with its password hash, for login only. */
	public record Credentials(User user, String passwordHash) {
	}

}
