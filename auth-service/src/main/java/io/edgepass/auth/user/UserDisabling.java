package io.edgepass.auth.user;

import java.util.UUID;

import io.edgepass.auth.revocation.Revocations;
import io.edgepass.auth.session.Sessions;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Disables an account: no more logins or refreshes, every session ended and every access
 * token already issued revoked at the gateway.
 */
@Service
class UserDisabling {

	private final Users users;

	private final Sessions sessions;

	private final Revocations revocations;

	UserDisabling(Users users, Sessions sessions, Revocations revocations) {
		this.users = users;
		this.sessions = sessions;
		this.revocations = revocations;
	}

	/**
	 * @return whether the account exists
	 */
	@Transactional
	boolean disable(UUID userId) {
		if (!this.users.disable(userId)) {
			return false;
		}
		this.sessions.revokeAll(userId);
		this.revocations.revokeUser(userId.toString());
		return true;
	}

}
