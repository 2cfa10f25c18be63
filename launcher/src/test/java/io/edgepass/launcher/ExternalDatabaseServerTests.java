package io.edgepass.launcher;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;

import io.edgepass.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ExternalDatabaseServerTests {

	@Test
	void databaseUrlsKeepTheServerAndItsParametersAndNameTheDatabase() {
		ExternalDatabaseServer server = new ExternalDatabaseServer(new DatabaseSource.External(
				"jdbc:postgresql://db:5432/postgres?ssl=true&sslmode=verify-full", "u", "p"));
		assertThat(server.jdbcUrl("orders")).isEqualTo("jdbc:postgresql://db:5432/orders?ssl=true&sslmode=verify-full");
		assertThat(new ExternalDatabaseServer(new DatabaseSource.External("jdbc:postgresql://db:5432", "u", "p"))
			.jdbcUrl("auth")).isEqualTo("jdbc:postgresql://db:5432/auth");
	}

	@Test
	void theDatabasesAreCreatedWhenMissingAndLeftAloneWhenPresent() throws SQLException {
		String url = TestPostgres.createDatabase("launcher");
		ExternalDatabaseServer server = new ExternalDatabaseServer(
				new DatabaseSource.External(url, TestPostgres.username(), TestPostgres.password()));
		String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		List<String> databases = List.of("edgepass_test_auth_" + suffix, "edgepass_test_orders_" + suffix);
		try {
			server.createDatabasesIfMissing(databases);
			server.createDatabasesIfMissing(databases);
			for (String database : databases) {
				try (Connection connection = DriverManager.getConnection(server.jdbcUrl(database),
						TestPostgres.username(), TestPostgres.password());
						Statement statement = connection.createStatement();
						ResultSet result = statement.executeQuery("SELECT current_database()")) {
					assertThat(result.next()).isTrue();
					assertThat(result.getString(1)).isEqualTo(database);
				}
			}
		}
		finally {
			try (Connection connection = DriverManager.getConnection(url, TestPostgres.username(),
					TestPostgres.password()); Statement statement = connection.createStatement()) {
				for (String database : databases) {
					statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
				}
			}
		}
	}

	@Test
	void anExternalServerIsNotOursToStopOrStart() {
		ExternalDatabaseServer server = new ExternalDatabaseServer(
				new DatabaseSource.External("jdbc:postgresql://db:5432", "u", "p"));
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(server::stop);
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(server::start);
	}

}
