package io.edgepass.trust;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Function;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Mints the short-lived {@code X-Edge-Assertion} the gateway attaches to every
 * authenticated request it forwards. The format is defined here and in
 * {@link EdgeAssertionVerifier} only. With {@code HS256} each service's assertions are
 * signed with that service's own key, derived from the master secret
 * ({@link EdgeAssertionKeys}); with {@code ES256} one private key signs for every service
 * and the minter also holds the public key the gateway publishes for services to verify
 * with.
 */
public final class EdgeAssertionMinter {

	private static final int RECENT_SLOTS = 1024;

	private final JWSHeader header;

	private final Function<String, JWSSigner> signers;

	private final JWKSet publicKeys;

	private final String issuer;

	private final Duration ttl;

	private final Clock clock;

	/**
	 * The last assertion minted into each slot (chosen by identity and audience). Claims
	 * are in whole seconds, so an assertion for the same identity and audience minted in
	 * the same second would be the same claims again: it is reused instead of signed
	 * anew. A client sending its token many times a second (the normal case) costs one
	 * signature per second and service. Bounded by the slot count; a collision only means
	 * signing again.
	 */
	private final AtomicReferenceArray<Minted> recent = new AtomicReferenceArray<>(RECENT_SLOTS);

	public EdgeAssertionMinter(EdgeTrustProperties properties) {
		this(properties, Clock.systemUTC());
	}

	public EdgeAssertionMinter(EdgeTrustProperties properties, Clock clock) {
		try {
			if (properties.algorithm() == EdgeTrustProperties.Algorithm.ES256) {
				ECKey key = properties.signingJwk();
				this.header = new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID())
					.type(EdgeAssertionVerifier.TYPE)
					.build();
				ECDSASigner signer = new ECDSASigner(key);
				signer.getJCAContext().setSecureRandom(seededRandom());
				ECKey publicKey = new ECKey.Builder(key.toPublicJWK()).keyUse(KeyUse.SIGNATURE)
					.algorithm(JWSAlgorithm.ES256)
					.build();
				requireKeyPair(signer, publicKey);
				this.signers = (audience) -> signer;
				this.publicKeys = new JWKSet(publicKey);
			}
			else {
				this.header = new JWSHeader.Builder(JWSAlgorithm.HS256).type(EdgeAssertionVerifier.TYPE).build();
				byte[] master = properties.masterSecretBytes();
				Map<String, JWSSigner> perAudience = new ConcurrentHashMap<>();
				this.signers = (audience) -> perAudience.computeIfAbsent(audience, (name) -> macSigner(master, name));
				this.publicKeys = new JWKSet();
			}
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Unusable edge assertion key", ex);
		}
		this.issuer = properties.issuer();
		this.ttl = properties.ttl();
		this.clock = clock;
	}

	/**
	 * The keys services verify assertions with, as a JWK Set without any private part.
	 * @return the ES256 public key, or no key at all for HS256 (a secret is never
	 * published)
	 */
	public Map<String, Object> publicJwks() {
		return this.publicKeys.toJSONObject(true);
	}

	/**
	 * Mints an assertion of {@code identity} for one service.
	 * @param identity who the request is for
	 * @param audience the target service's name, such as {@code orders-service}
	 * @return the compact JWS
	 */
	public String mint(EdgeIdentity identity, String audience) {
		long second = this.clock.instant().getEpochSecond();
		int slot = (31 * identity.hashCode() + audience.hashCode()) & (RECENT_SLOTS - 1);
		Minted last = this.recent.get(slot);
		if (last != null && last.second() == second && last.audience().equals(audience)
				&& last.identity().equals(identity)) {
			return last.assertion();
		}
		String assertion = sign(identity, audience, Instant.ofEpochSecond(second));
		this.recent.set(slot, new Minted(identity, audience, second, assertion));
		return assertion;
	}

	private String sign(EdgeIdentity identity, String audience, Instant now) {
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(this.issuer)
			.audience(audience)
			.subject(identity.userId().toString())
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plus(this.ttl)))
			.jwtID(identity.tokenId())
			.claim("preferred_username", identity.username())
			.claim("roles", identity.roles())
			.claim("scope", String.join(" ", identity.scopes()))
			.claim("sid", identity.sessionId())
			.build();
		SignedJWT jwt = new SignedJWT(this.header, claims);
		try {
			jwt.sign(this.signers.apply(audience));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Could not sign an edge assertion", ex);
		}
		return jwt.serialize();
	}

	private record Minted(EdgeIdentity identity, String audience, long second, String assertion) {
	}

	private static JWSSigner macSigner(byte[] master, String audience) {
		try {
			return new MACSigner(EdgeAssertionKeys.derive(master, audience));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Unusable edge assertion key", ex);
		}
	}

	/**
	 * A generator seeded now, at start-up: the default one reads {@code /dev/urandom} on
	 * every signature, a blocking call on the gateway's event loop.
	 */
	private static SecureRandom seededRandom() {
		try {
			SecureRandom random = SecureRandom.getInstance("DRBG");
			random.nextBytes(new byte[32]);
			return random;
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("No DRBG to sign edge assertions with", ex);
		}
	}

	/**
	 * A JWK whose public part does not match its {@code d} would sign what nothing
	 * verifies.
	 */
	private static void requireKeyPair(JWSSigner signer, ECKey publicKey) throws JOSEException {
		JWSObject probe = new JWSObject(new JWSHeader(JWSAlgorithm.ES256), new Payload("probe"));
		probe.sign(signer);
		if (!probe.verify(new ECDSAVerifier(publicKey))) {
			throw new IllegalStateException(
					"edgepass.edge.signing-key (EDGEPASS_EDGE_SIGNING_KEY): d does not match x and y");
		}
	}

}
