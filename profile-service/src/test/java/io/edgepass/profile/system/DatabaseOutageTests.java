package io.edgepass.profile.system;

import javax.sql.DataSource;

import io.edgepass.profile.ProfileServiceTest;
import io.edgepass.testsupport.DatabaseOutageContract;
import io.edgepass.testsupport.DatabaseSwitch;
import io.edgepass.trust.EdgeIdentity;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** The shared database outage contract, on profile-service's own profile. */
class DatabaseOutageTests extends ProfileServiceTest implements DatabaseOutageContract {

	private final DatabaseSwitch database;

	DatabaseOutageTests(@Autowired DataSource dataSource) {
		this.database = new DatabaseSwitch(dataSource);
	}

	@Override
	public DatabaseSwitch database() {
		return this.database;
	}

	@Override
	public String readable(EdgeIdentity caller) {
		return "/profiles/me";
	}

	@Override
	public Response write(EdgeIdentity caller, String label) {
		return putJson("/profiles/me", caller, profile(label, null, null));
	}

	@Override
	public int writtenStatus() {
		return 200;
	}

	@Override
	public void assertWrittenAfterTheOutage(EdgeIdentity caller) {
		assertThat((String) get("/profiles/me", caller).json("$.displayName")).isEqualTo("Back");
	}

}
