package io.edgepass.trust;

/**
 * The header the gateway carries identity in to the services behind it, and the
 * {@code X-User-*} headers a client may send to claim one: the gateway strips all of them
 * from incoming requests and forwards only {@link #ASSERTION}; services trust only that.
 */
public final class EdgeHeaders {

	/** The signed, per-request identity assertion: the only identity a service trusts. */
	public static final String ASSERTION = "X-Edge-Assertion";

	public static final String USER_ID = "X-User-Id";

	public static final String USER_NAME = "X-User-Name";

	public static final String USER_ROLES = "X-User-Roles";

	public static final String USER_SCOPES = "X-User-Scopes";

	private EdgeHeaders() {
	}

}
