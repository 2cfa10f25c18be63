package io.edgepass.trust;

/**
 * The headers the gateway uses to carry identity to the services behind it. The gateway
 * strips every one of them from incoming requests; services trust only
 * {@link #ASSERTION}.
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
