package io.edgepass.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

/**
 * Takes a service's PostgreSQL database away and brings it back, as a real outage would:
 * the database stops accepting connections and its open sessions are terminated. Works
 * through another database of the same server, so the service's pool is left to fail on
 * its own.
 */
public final class DatabaseSwitch {

	private final HikariDataSource dataSource;

	private final String database;

	private Connection admin;

	public DatabaseSwitch(DataSource dataSource) {
		try {
			this.dataSource = dataSource.unwrap(HikariDataSource.class);
		}
		catch (SQLException ex) {
			throw new IllegalArgumentException("Not a Hikari pool: " + dataSource, ex);
		}
		String url = this.dataSource.getJdbcUrl();
		this.database = url.substring(url.lastIndexOf('/') + 1).split("\\?")[0];
	}

	/** Refuses new connections to the database and terminates the open ones. */
	public synchronized void off() throws SQLException {
		if (this.admin == null) {
			this.admin = DriverManager.getConnection(
					this.dataSource.getJdbcUrl().replace("/" + this.database, "/postgres"), TestPostgres.username(),
					TestPostgres.password());
		}
		execute("ALTER DATABASE \"" + this.database + "\" ALLOW_CONNECTIONS false");
		execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + this.database + "'");
	}

	/**
	 * Accepts connections again (a no-op if it was never switched off) and lets the pool
	 * replace the connections it still holds, so the next test starts clean.
	 */
	public synchronized void on() throws SQLException {
		if (this.admin != null) {
			execute("ALTER DATABASE \"" + this.database + "\" ALLOW_CONNECTIONS true");
			this.admin.close();
			this.admin = null;
		}
		this.dataSource.getHikariPoolMXBean().softEvictConnections();
	}

	private void execute(String sql) throws SQLException {
		try (Statement statement = this.admin.createStatement()) {
			statement.execute(sql);
		}
	}

}
