package io.edgepass.auth.user;

import java.util.UUID;

import io.edgepass.auth.password.PasswordHashing;

import org.springframework.stereotype.Service;

/** Creates accounts; the unique index, not a prior lookup, decides who gets a name. */
@Service
public class Registration {

	private final Users users;

	private final PasswordHashing hashing;

	Registration(Users users, PasswordHashing hashing) {
		this.users = users;
		this.hashing = hashing;
	}

	/**
	 * Registers an account.
	 * @return the new user
	 * @throws UsernameTakenException when the name is taken
	 */
	public User register(String username, String password, String email, String displayName, boolean admin) {
		UUID id = UUID.randomUUID();
		if (!this.users.insert(id, username, this.hashing.hash(password), email, displayName, admin)) {
			throw new UsernameTakenException();
		}
		return new User(id, Users.normalize(username), admin, false);
	}

}
