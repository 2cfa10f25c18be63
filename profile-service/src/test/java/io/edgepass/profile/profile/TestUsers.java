package io.edgepass.profile.profile;

import java.util.UUID;

import io.edgepass.testsupport.TestEdgeAssertions;
import io.edgepass.trust.EdgeIdentity;

final class TestUsers {

	private TestUsers() {
	}

	static EdgeIdentity named(String username) {
		return TestEdgeAssertions.user(UUID.randomUUID(), username);
	}

}
