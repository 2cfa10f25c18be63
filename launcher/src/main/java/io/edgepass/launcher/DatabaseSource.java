package io.edgepass.launcher;

import java.nio.file.Path;

/**
 * Where the suite's PostgreSQL comes from: an embedded server the suite starts, or an
 * existing server it only creates databases on.
 */
public sealed interface DatabaseSource {

	/**
	 * An embedded PostgreSQL in a fresh temporary directory, removed when the suite
	 * stops.
	 * @return the source
	 */
	static DatabaseSource embedded() {
		return new Embedded(null, 0);
	}

	/**
	 * An embedded PostgreSQL whose data survive restarts.
	 * @param dataDirectory where the cluster lives
	 * @return the source
	 */
	static DatabaseSource embedded(Path dataDirectory) {
		return new Embedded(dataDirectory, 0);
	}

	/**
	 * An existing PostgreSQL server.
	 * @param url the server's JDBC URL, such as {@code jdbc:postgresql://host:5432}; a
	 * database in the path is ignored
	 * @param username a user allowed to create databases
	 * @param password the user's password
	 * @return the source
	 */
	static DatabaseSource external(String url, String username, String password) {
		return new External(url, username, password);
	}

	/**
	 * @param dataDirectory the cluster's directory, or {@code null} for a temporary one
	 * @param port the port, or {@code 0} for a free one
	 */
	record Embedded(Path dataDirectory, int port) implements DatabaseSource {
	}

	/**
	 * @param url the server's JDBC URL
	 * @param username the user
	 * @param password the password
	 */
	record External(String url, String username, String password) implements DatabaseSource {

		public External {
			if (url == null || !url.startsWith("jdbc:postgresql://")) {
				throw new IllegalArgumentException(
						"A PostgreSQL JDBC URL such as jdbc:postgresql://host:5432 is needed, got: " + url);
			}
		}

		@Override
		public String toString() {
			return "External[url=" + this.url + ", username=" + this.username + "]";
		}

	}

}
