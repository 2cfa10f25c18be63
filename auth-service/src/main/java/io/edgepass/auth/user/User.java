package io.edgepass.auth.user;

import java.util.List;
import java.util.UUID;

import io.edgepass.trust.Scopes;

/**
 * An account as tokens see it: never the password hash or the email.
 *
 * @param id the account's id, the tokens' {@code sub}
 * @param username the lower-case name
 * @param admin whether the account has the ADMIN role
 * @param disabled whether the account was disabled by an administrator
 */
public record User(UUID id, String username, boolean admin, boolean disabled) {

	public List<String> roles() {
		return this.admin ? List.of("USER", "ADMIN") : List.of("USER");
	}

	public List<String> scopes() {
		return this.admin ? Scopes.ADMINISTRATOR : Scopes.USER;
	}

}
