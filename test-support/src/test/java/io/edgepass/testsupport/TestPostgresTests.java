package io.edgepass.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TestPostgresTests {

	@Test
	void createdDatabasesAreDistinctAndUsable() throws Exception {
		String first = TestPostgres.createDatabase("probe");
		String second = TestPostgres.createDatabase("probe");
		assertThat(first).isNotEqualTo(second);
		try (Connection connection = DriverManager.getConnection(first, TestPostgres.username(),
				TestPostgres.password());
				ResultSet rs = connection.createStatement().executeQuery("SELECT current_database()")) {
			rs.next();
			assertThat(first).contains(rs.getString(1)).contains("edgepass_test_probe_");
		}
	}

	@Test
	void embeddedPostgresStartsOnThisMachine() throws Exception {
		try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
				Connection connection = postgres.getPostgresDatabase().getConnection();
				ResultSet rs = connection.createStatement().executeQuery("SHOW server_version")) {
			rs.next();
			assertThat(rs.getString(1)).isNotBlank();
		}
	}

}
