package io.edgepass.systemtests.attacks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

import io.edgepass.launcher.Service;
import io.edgepass.systemtests.support.Person;
import io.edgepass.systemtests.support.Person.Login;
import io.edgepass.systemtests.support.SharedSuite;
import io.edgepass.systemtests.support.SystemSuite;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a stolen copy of auth-service's database would give away (THREATS D36): no refresh
 * token, access token or password in the clear in any column, and no private key material
 * in clear JSON.
 */
@SharedSuite
class StoredSecretsIT {

	private final SystemSuite edgepass;

	StoredSecretsIT(SystemSuite edgepass) {
		this.edgepass = edgepass;
	}

	@Test
	void noColumnOfTheAuthDatabaseHoldsATokenOrPasswordOrPrivateKeyInTheClear() throws Exception {
		Person person = this.edgepass.register();
		Login login = person.login();
		Login refreshed = Login.of(person.client().post("/auth/refresh", null, login.refreshBody()).expect(200));
		List<String> secrets = List.of(login.refreshToken(), refreshed.refreshToken(), login.accessToken(),
				refreshed.accessToken(), person.password(), "\"d\":\"");
		List<String> leaks = new ArrayList<>();
		try (Connection auth = this.edgepass.database(Service.AUTH)) {
			for (Column column : columns(auth)) {
				for (String secret : secrets) {
					if (column.contains(auth, secret)) {
						leaks.add(column + " contains " + secret.substring(0, Math.min(12, secret.length())) + "...");
					}
				}
			}
		}
		assertThat(leaks).as("secrets found in the clear in auth-service's database").isEmpty();
	}

	private static List<Column> columns(Connection connection) throws Exception {
		List<Column> columns = new ArrayList<>();
		try (PreparedStatement query = connection.prepareStatement("""
				SELECT table_name, column_name, data_type FROM information_schema.columns
				WHERE table_schema = 'public' AND data_type IN ('text', 'character varying', 'bytea', 'json', 'jsonb')
				"""); ResultSet result = query.executeQuery()) {
			while (result.next()) {
				columns.add(new Column(result.getString(1), result.getString(2), "bytea".equals(result.getString(3))));
			}
		}
		assertThat(columns).as("the auth schema's text columns").isNotEmpty();
		return columns;
	}

	private record Column(String table, String name, boolean binary) {

		boolean contains(Connection connection, String secret) throws Exception {
			String column = "\"" + this.name.replace("\"", "\"\"") + "\"";
			String condition = this.binary ? "position(convert_to(?, 'UTF8') in " + column + ") > 0"
					: "strpos(" + column + "::text, ?) > 0";
			try (PreparedStatement query = connection.prepareStatement(
					"SELECT count(*) FROM \"" + this.table.replace("\"", "\"\"") + "\" WHERE " + condition)) {
				query.setString(1, secret);
				try (ResultSet result = query.executeQuery()) {
					result.next();
					return result.getLong(1) > 0;
				}
			}
		}

		@Override
		public String toString() {
			return this.table + "." + this.name;
		}

	}

}
