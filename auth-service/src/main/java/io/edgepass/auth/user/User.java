package io.edgepass.auth.user;

import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * An account as tokens see it: never the password hash or the email.
 *
 * @param id the account's id, the tokens' {@code sub}
 * @param username the lower-case name
 * @param admin whether the account has the ADMIN role
 * @param disabled whether the account was disabled by an administrator
 */
public record User(UUID id, String username, boolean admin, boolean disabled) {

	private static final List<String> USER_SCOPES = List.of("orders:read", "orders:write", "profile:read",
			"profile:write");

	private static final List<String> ADMIN_SCOPES = Stream.concat(USER_SCOPES.stream(), Stream.of("admin")).toList();

	public List<String> roles() {
		return this.admin ? List.of("USER", "ADMIN") : List.of("USER");
	}

	public List<String> scopes() {
		return this.admin ? ADMIN_SCOPES : USER_SCOPES;
	}

}
