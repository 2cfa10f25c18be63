package io.edgepass.launcher;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;

/**
 * The PostgreSQL server the suite's services use. Fault tests stop and start it.
 */
public interface DatabaseServer {

	/**
	 * The JDBC URL of one database on this server.
	 * @param database the database's name
	 * @return the URL
	 */
	String jdbcUrl(String database);

	String username();

	String password();

	/** Stops the server; the data stay. */
	void stop();

	/** Starts the server again on the same port with the same data. */
	void start();

	/** What the server is, for people. */
	String description();

	/**
	 * Creates the databases that do not exist yet.
	 * @param databases the names
	 */
	default void createDatabasesIfMissing(Collection<String> databases) {
		try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), username(), password())) {
			for (String database : databases) {
				if (!exists(connection, database)) {
					try (Statement statement = connection.createStatement()) {
						statement.execute("CREATE DATABASE \"" + database.replace("\"", "\"\"") + "\"");
					}
				}
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(
					"Could not create the databases " + databases + " on " + description() + ": " + ex.getMessage(),
					ex);
		}
	}

	private static boolean exists(Connection connection, String database) throws SQLException {
		try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
			query.setString(1, database);
			try (ResultSet result = query.executeQuery()) {
				return result.next();
			}
		}
	}

}
