package io.edgepass.auth.login;

import java.util.Optional;

import io.edgepass.auth.password.PasswordHashing;
import io.edgepass.auth.session.Sessions;
import io.edgepass.auth.session.IssuedTokens;
import io.edgepass.auth.user.User;
import io.edgepass.auth.user.Users;
import io.edgepass.auth.user.Users.Credentials;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;

/**
 * Checks a username and password and starts a session. Every refusal is the same
 * {@link LoginFailedException}, and every attempt costs one password hash, whether the
 * account exists, is locked or is disabled, so neither the answer nor its timing tells
 * them apart.
 */
@Service
public class Login {

	private final Users users;

	private final PasswordHashing hashing;

	private final LoginFailures failures;

	private final Sessions sessions;

	Login(Users users, PasswordHashing hashing, LoginFailures failures, Sessions sessions) {
		this.users = users;
		this.hashing = hashing;
		this.failures = failures;
		this.sessions = sessions;
	}

	/**
	 * Checks the credentials and starts a session.
	 * @param username the account name, in any case
	 * @param password the password
	 * @param userAgent the client's {@code User-Agent}, if any
	 * @param jkt the thumbprint of the key of an accepted DPoP proof, which the session
	 * is bound to, or {@code null}
	 * @return the first token pair
	 * @throws LoginFailedException whatever the reason
	 */
	public IssuedTokens login(String username, String password, String userAgent, @Nullable String jkt) {
		String name = Users.normalize(username);
		Optional<Credentials> account = this.users.findCredentials(name);
		if (account.isEmpty()) {
			this.hashing.matchNothing(password);
			throw new LoginFailedException();
		}
		boolean locked = this.failures.isLocked(name);
		boolean matches = this.hashing.matches(password, account.get().passwordHash());
		if (locked) {
			throw new LoginFailedException();
		}
		if (!matches) {
			this.failures.record(name);
			throw new LoginFailedException();
		}
		User user = account.get().user();
		if (user.disabled()) {
			throw new LoginFailedException();
		}
		this.failures.clear(name);
		if (this.hashing.needsRehash(account.get().passwordHash())) {
			this.users.updatePasswordHash(user.id(), this.hashing.hash(password));
		}
		return this.sessions.start(user, userAgent, jkt);
	}

}
