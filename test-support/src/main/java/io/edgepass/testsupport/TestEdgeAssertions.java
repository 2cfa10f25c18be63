package io.edgepass.testsupport;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.util.Base64URL;
import io.edgepass.trust.EdgeAssertionKeys;
import io.edgepass.trust.EdgeAssertionMinter;
import io.edgepass.trust.EdgeIdentity;
import io.edgepass.trust.EdgeTrustProperties;
import io.edgepass.trust.Scopes;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Edge assertions for tests of a service behind the gateway, minted from a per-JVM random
 * master secret exactly as the gateway mints them.
 */
public final class TestEdgeAssertions {

	/** The gateway's master secret; see {@link #register} for a service's own key. */
	public static final String MASTER_SECRET = Base64.getEncoder()
		.encodeToString((UUID.randomUUID() + "" + UUID.randomUUID()).getBytes());

	private static final EdgeAssertionMinter MINTER = minter(MASTER_SECRET, Clock.systemUTC());

	private TestEdgeAssertions() {
	}

	/**
	 * Configures the service under test as {@code audience} with its own key, derived
	 * from {@link #MASTER_SECRET}.
	 */
	public static void register(DynamicPropertyRegistry registry, String audience) {
		registry.add("edgepass.edge.secret", () -> EdgeAssertionKeys.derive(MASTER_SECRET, audience));
		registry.add("edgepass.edge.audience", () -> audience);
	}

	public static EdgeIdentity user(UUID id, String username) {
		return new EdgeIdentity(id, username, List.of("USER"), Scopes.USER, UUID.randomUUID().toString(),
				UUID.randomUUID().toString());
	}

	public static EdgeIdentity admin(UUID id, String username) {
		return new EdgeIdentity(id, username, List.of("USER", "ADMIN"), Scopes.ADMINISTRATOR,
				UUID.randomUUID().toString(), UUID.randomUUID().toString());
	}

	/** A valid assertion of {@code identity} for {@code audience}. */
	public static String mint(EdgeIdentity identity, String audience) {
		return MINTER.mint(identity, audience);
	}

	/**
	 * Assertions of {@code identity} that a service with {@code audience} must reject:
	 * for another service, expired, signed with another master secret, signed with
	 * another service's own key (what a compromised service holds) or with the master
	 * itself, with a changed subject or role, unsigned ({@code alg: none}), without or
	 * with an empty signature, no JWS at all, and far too long.
	 */
	public static List<String> untrustworthy(EdgeIdentity identity, String audience) {
		String[] parts = mint(identity, audience).split("\\.");
		String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
		String otherService = "orders-service".equals(audience) ? "profile-service" : "orders-service";
		String noneHeader = base64Url("{\"alg\":\"none\",\"typ\":\"edge+jwt\"}");
		return List.of(mint(identity, otherService),
				minter(MASTER_SECRET, Clock.fixed(Instant.now().minus(Duration.ofMinutes(2)), ZoneOffset.UTC))
					.mint(identity, audience),
				minter(Base64.getEncoder().encodeToString(new byte[32]), Clock.systemUTC()).mint(identity, audience),
				signedWithTheKeyOf(otherService, identity, audience),
				resigned(parts, Base64.getDecoder().decode(MASTER_SECRET)),
				parts[0] + "." + base64Url(payload.replace(identity.userId().toString(), UUID.randomUUID().toString()))
						+ "." + parts[2],
				parts[0] + "." + base64Url(payload.replace("\"USER\"", "\"ADMIN\"")) + "." + parts[2],
				noneHeader + "." + parts[1] + ".", parts[0] + "." + parts[1] + ".", parts[0] + "." + parts[1],
				"not-a-jws", "x".repeat(5_000));
	}

	private static EdgeAssertionMinter minter(String masterSecret, Clock clock) {
		return new EdgeAssertionMinter(
				EdgeTrustProperties.gateway(masterSecret, "edgepass-gateway", Duration.ofSeconds(30)), clock);
	}

	/**
	 * What a compromised service could mint: a valid-looking assertion of
	 * {@code identity} for {@code audience}, signed with {@code keyHolder}'s own key.
	 */
	public static String signedWithTheKeyOf(String keyHolder, EdgeIdentity identity, String audience) {
		return resigned(mint(identity, audience).split("\\."),
				EdgeAssertionKeys.derive(Base64.getDecoder().decode(MASTER_SECRET), keyHolder));
	}

	/** The same header and claims, signed with {@code key}. */
	private static String resigned(String[] parts, byte[] key) {
		try {
			JWSObject jws = new JWSObject(JWSHeader.parse(Base64URL.from(parts[0])),
					new Payload(Base64URL.from(parts[1])));
			jws.sign(new MACSigner(key));
			return jws.serialize();
		}
		catch (JOSEException | ParseException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String base64Url(String json) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
	}

}
