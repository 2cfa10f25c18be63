package io.edgepass.trust;

import java.util.List;
import java.util.stream.Stream;

/**
 * The one catalogue of scope names: what auth-service grants, what the gateway and every
 * service behind it require.
 */
public final class Scopes {

	public static final String ORDERS_READ = "orders:read";

	public static final String ORDERS_WRITE = "orders:write";

	public static final String PROFILE_READ = "profile:read";

	public static final String PROFILE_WRITE = "profile:write";

	public static final String ADMIN = "admin";

	/** The gateway's own, to read auth-service's revocation feed. */
	public static final String REVOCATIONS_READ = "revocations:read";

	/** What every user is granted. */
	public static final List<String> USER = List.of(ORDERS_READ, ORDERS_WRITE, PROFILE_READ, PROFILE_WRITE);

	/** What an administrator is granted: a user's scopes and {@link #ADMIN}. */
	public static final List<String> ADMINISTRATOR = Stream.concat(USER.stream(), Stream.of(ADMIN)).toList();

	private Scopes() {
	}

}
