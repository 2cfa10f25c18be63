package io.edgepass.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A real PostgreSQL for tests, chosen once per test JVM: the server named by
 * {@code EDGEPASS_TEST_POSTGRES_URL} (plus {@code EDGEPASS_TEST_POSTGRES_USER} and
 * {@code EDGEPASS_TEST_POSTGRES_PASSWORD}), else a Testcontainers container when Docker
 * is available, else an embedded PostgreSQL. Each database it hands out has a unique name
 * and is dropped when the JVM exits. Never H2, never a skip: no server is a loud failure.
 */
public final class TestPostgres {

	private static final Server SERVER = Server.choose();

	private TestPostgres() {
	}

	/**
	 * Creates a fresh, uniquely named database.
	 * @param purpose a short name that says what the database is for, such as
	 * {@code orders}
	 * @return the database's JDBC URL, for {@link #username()} and {@link #password()}
	 */
	public static String createDatabase(String purpose) {
		String name = "edgepass_test_" + purpose.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "_") + "_"
				+ UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		SERVER.execute("CREATE DATABASE " + name);
		Runtime.getRuntime()
			.addShutdownHook(new Thread(() -> SERVER.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")));
		return SERVER.jdbcUrl(name);
	}

	/**
	 * Points a Spring test's data source at a fresh database, for
	 * {@code @DynamicPropertySource}.
	 * @param registry the test's property registry
	 * @param purpose what the database is for
	 */
	public static void register(DynamicPropertyRegistry registry, String purpose) {
		String url = createDatabase(purpose);
		registry.add("spring.datasource.url", () -> url);
		registry.add("spring.datasource.username", TestPostgres::username);
		registry.add("spring.datasource.password", TestPostgres::password);
	}

	public static String username() {
		return SERVER.username;
	}

	public static String password() {
		return SERVER.password;
	}

	/** Where the server came from, for messages. */
	public static String source() {
		return SERVER.source;
	}

	private record Server(String baseUrl, String username, String password, String source) {

		static Server choose() {
			String url = System.getenv("EDGEPASS_TEST_POSTGRES_URL");
			if (url != null && !url.isBlank()) {
				return new Server(url, env("EDGEPASS_TEST_POSTGRES_USER", "postgres"),
						env("EDGEPASS_TEST_POSTGRES_PASSWORD", ""), "EDGEPASS_TEST_POSTGRES_URL")
					.checked();
			}
			if (dockerAvailable()) {
				PostgreSQLContainer container = new PostgreSQLContainer("postgres:17-alpine");
				container.start();
				return new Server(container.getJdbcUrl(), container.getUsername(), container.getPassword(),
						"Testcontainers")
					.checked();
			}
			try {
				EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
				Runtime.getRuntime().addShutdownHook(new Thread(() -> close(postgres)));
				return new Server(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "", "embedded PostgreSQL")
					.checked();
			}
			catch (Exception ex) {
				throw new IllegalStateException("No PostgreSQL for tests: set EDGEPASS_TEST_POSTGRES_URL "
						+ "(e.g. jdbc:postgresql://127.0.0.1:5432/postgres), or make Docker available, "
						+ "or let the embedded PostgreSQL start (it failed: " + ex.getMessage() + ")", ex);
			}
		}

		private static boolean dockerAvailable() {
			try {
				return DockerClientFactory.instance().isDockerAvailable();
			}
			catch (Throwable ex) {
				return false;
			}
		}

		private static void close(EmbeddedPostgres postgres) {
			try {
				postgres.close();
			}
			catch (Exception ex) {
				// the JVM is exiting; the data directory is temporary
			}
		}

		private static String env(String name, String fallback) {
			String value = System.getenv(name);
			return (value != null) ? value : fallback;
		}

		Server checked() {
			execute("SELECT 1");
			return this;
		}

		/**
		 * The same server's URL with another database: the path of a JDBC URL names it.
		 */
		String jdbcUrl(String database) {
			int query = this.baseUrl.indexOf('?');
			String address = (query < 0) ? this.baseUrl : this.baseUrl.substring(0, query);
			String params = (query < 0) ? "" : this.baseUrl.substring(query);
			return address.substring(0, address.lastIndexOf('/') + 1) + database + params;
		}

		void execute(String sql) {
			try (Connection connection = DriverManager.getConnection(this.baseUrl, this.username, this.password);
					Statement statement = connection.createStatement()) {
				statement.execute(sql);
			}
			catch (SQLException ex) {
				throw new IllegalStateException("PostgreSQL for tests (" + this.source + ", " + this.baseUrl
						+ ") failed on: " + sql + ": " + ex.getMessage(), ex);
			}
		}

	}

}
