package io.edgepass.trust;

import java.security.Principal;
import java.util.List;
import java.util.UUID;

/**
 * Who a request is for, as established by the gateway from a valid access token.
 *
 * @param userId the user's id (the access token's {@code sub})
 * @param username the user's name ({@code preferred_username})
 * @param roles the user's roles, such as {@code USER} or {@code ADMIN}
 * @param scopes the scopes granted to the access token
 * @param sessionId the login session ({@code sid}, the refresh-token family)
 * @param tokenId the access token's {@code jti}
 */
public record EdgeIdentity(UUID userId, String username, List<String> roles, List<String> scopes, String sessionId,
		String tokenId) implements Principal {

	public EdgeIdentity {
		roles = List.copyOf(roles);
		scopes = List.copyOf(scopes);
	}

	public boolean hasRole(String role) {
		return this.roles.contains(role);
	}

	public boolean isAdmin() {
		return hasRole("ADMIN");
	}

	/** The user's id, as in the access token's {@code sub}: what Spring Security logs. */
	@Override
	public String getName() {
		return this.userId.toString();
	}

}
