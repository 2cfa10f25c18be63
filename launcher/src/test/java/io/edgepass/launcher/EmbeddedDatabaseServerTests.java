package io.edgepass.launcher;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class EmbeddedDatabaseServerTests {

	@TempDir
	Path directory;

	@Test
	void aKeptDataDirectorySurvivesTheNextRun() throws SQLException {
		DatabaseSource.Embedded kept = new DatabaseSource.Embedded(this.directory.resolve("postgres"), 0);
		EmbeddedDatabaseServer first = EmbeddedDatabaseServer.start(kept, this.directory.resolve("postgres.log"));
		try {
			first.createDatabasesIfMissing(List.of("orders"));
			execute(first.jdbcUrl("orders"), "CREATE TABLE kept (id int); INSERT INTO kept VALUES (7)");
		}
		finally {
			first.destroy();
		}
		assertThat(this.directory.resolve("postgres/PG_VERSION")).exists();

		EmbeddedDatabaseServer second = EmbeddedDatabaseServer.start(kept, this.directory.resolve("postgres.log"));
		try {
			second.createDatabasesIfMissing(List.of("orders"));
			execute(second.jdbcUrl("orders"), "SELECT id FROM kept WHERE id = 7");
		}
		finally {
			second.destroy();
		}
	}

	@Test
	void aTemporaryDataDirectoryIsDeletedAtStop() {
		EmbeddedDatabaseServer server = EmbeddedDatabaseServer.start(new DatabaseSource.Embedded(null, 0),
				this.directory.resolve("postgres.log"));
		String description = server.description();
		server.destroy();
		Path data = Path
			.of(description.substring(description.indexOf("data in ") + 8, description.indexOf(", deleted")));
		assertThat(data).doesNotExist();
		assertThat(ServicePorts.isFree(server.port())).isTrue();
	}

	private static void execute(String url, String sql) throws SQLException {
		try (Connection connection = DriverManager.getConnection(url, "postgres", "")) {
			connection.createStatement().execute(sql);
		}
	}

}
