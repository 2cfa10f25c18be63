package io.edgepass.testsupport;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
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

	private static final EdgeAssertionMinter MINTER = minter(SECRET, Clock.systemUTC());

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

	/**
	 * Assertions of {@code identity} that a service with {@code audience} must reject:
	 * for another service, expired, signed with another secret, with a changed subject or
	 * role, unsigned ({@code alg: none}), without or with an empty signature, no JWS at
	 * all, and far too long.
	 */
	public static List<String> untrustworthy(EdgeIdentity identity, String audience) {
		String[] parts = mint(identity, audience).split("\\.");
		String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
		String otherService = "orders-service".equals(audience) ? "profile-service" : "orders-service";
		String noneHeader = base64Url("{\"alg\":\"none\",\"typ\":\"edge+jwt\"}");
		return List.of(mint(identity, otherService),
				minter(SECRET, Clock.fixed(Instant.now().minus(Duration.ofMinutes(2)), ZoneOffset.UTC)).mint(identity,
						audience),
				minter(Base64.getEncoder().encodeToString(new byte[32]), Clock.systemUTC()).mint(identity, audience),
				parts[0] + "." + base64Url(payload.replace(identity.userId().toString(), UUID.randomUUID().toString()))
						+ "." + parts[2],
				parts[0] + "." + base64Url(payload.replace("\"USER\"", "\"ADMIN\"")) + "." + parts[2],
				noneHeader + "." + parts[1] + ".", parts[0] + "." + parts[1] + ".", parts[0] + "." + parts[1],
				"not-a-jws", "x".repeat(5_000));
	}

	private static EdgeAssertionMinter minter(String secret, Clock clock) {
		return new EdgeAssertionMinter(new EdgeTrustProperties(secret, "edgepass-gateway", null, Duration.ofSeconds(30),
				Duration.ofSeconds(5)), clock);
	}

	private static String base64Url(String json) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
	}

}
