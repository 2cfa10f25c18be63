package io.edgepass.testsupport;

import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import io.edgepass.trust.EdgeAssertionMinter;
import io.edgepass.trust.EdgeIdentity;
import io.edgepass.trust.EdgeTrustProperties;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Edge assertions for tests of a service behind the gateway, minted with a per-JVM random
 * secret exactly as the gateway mints them.
 */
public final class TestEdgeAssertions {

	/**
	 * The secret the service under test must be configured with; see {@link #register}.
	 */
	public static final String SECRET = Base64.getEncoder()
		.encodeToString((UUID.randomUUID() + "" + UUID.randomUUID()).getBytes());

	private static final EdgeAssertionMinter MINTER = new EdgeAssertionMinter(
			new EdgeTrustProperties(SECRET, "edgepass-gateway", null, Duration.ofSeconds(30), Duration.ofSeconds(5)));

	private TestEdgeAssertions() {
	}

	/** Configures the service under test to trust {@link #SECRET} as {@code audience}. */
	public static void register(DynamicPropertyRegistry registry, String audience) {
		registry.add("edgepass.edge.secret", () -> SECRET);
		registry.add("edgepass.edge.audience", () -> audience);
	}

	public static EdgeIdentity user(UUID id, String username) {
		return new EdgeIdentity(id, username, List.of("USER"),
				List.of("orders:read", "orders:write", "profile:read", "profile:write"), UUID.randomUUID().toString(),
				UUID.randomUUID().toString());
	}

	public static EdgeIdentity admin(UUID id, String username) {
		return new EdgeIdentity(id, username, List.of("USER", "ADMIN"),
				List.of("orders:read", "orders:write", "profile:read", "profile:write", "admin"),
				UUID.randomUUID().toString(), UUID.randomUUID().toString());
	}

	/** A valid assertion of {@code identity} for {@code audience}. */
	public static String mint(EdgeIdentity identity, String audience) {
		return MINTER.mint(identity, audience);
	}

}
