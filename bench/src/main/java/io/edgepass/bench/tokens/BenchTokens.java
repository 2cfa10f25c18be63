package io.edgepass.bench.tokens;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.Ed25519Signer;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.OctetKeyPairGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.edgepass.trust.dpop.DPoPProofVerifier;
import org.jspecify.annotations.Nullable;

/**
 * Signing keys made for one benchmark run and access tokens shaped like auth-service's
 * (RFC 9068 {@code at+jwt}, the contract's claims), so the gateway does exactly the work
 * it does in production. The gateway trusts them because the stub serves {@link #jwks()}
 * at the configured JWKS URL.
 */
public final class BenchTokens {

	public static final String ISSUER = "http://localhost:8080";

	public static final String AUDIENCE = "edgepass-api";

	public static final String CLIENT_ID = "edgepass-bench";

	public static final String SCOPE = "orders:read orders:write profile:read profile:write";

	/**
	 * The users tokens are spread over; per-user state in an edge then sees many keys.
	 */
	static final int USERS = 1000;

	private final RSAKey rsa;

	private final ECKey ec;

	private final OctetKeyPair ed25519;

	private final byte[] hmacSecret;

	private final List<UUID> users = IntStream.range(0, USERS).mapToObj((i) -> UUID.randomUUID()).toList();

	public BenchTokens() {
		try {
			this.rsa = new RSAKeyGenerator(2048).keyID("bench-rs256")
				.algorithm(JWSAlgorithm.RS256)
				.keyUse(KeyUse.SIGNATURE)
				.generate();
			this.ec = new ECKeyGenerator(Curve.P_256).keyID("bench-es256")
				.algorithm(JWSAlgorithm.ES256)
				.keyUse(KeyUse.SIGNATURE)
				.generate();
			this.ed25519 = new OctetKeyPairGenerator(Curve.Ed25519).keyID("bench-eddsa")
				.algorithm(JWSAlgorithm.EdDSA)
				.keyUse(KeyUse.SIGNATURE)
				.generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Cannot generate benchmark keys", ex);
		}
		this.hmacSecret = new byte[32];
		new SecureRandom().nextBytes(this.hmacSecret);
	}

	/** The public keys, as the stub serves them. */
	public String jwks() {
		return new JWKSet(List.<JWK>of(this.rsa.toPublicJWK(), this.ec.toPublicJWK(), this.ed25519.toPublicJWK()))
			.toString(true);
	}

	/** The HS256 secret, base64, as {@code EDGEPASS_TOKEN_HS256_SECRET} takes it. */
	public String hs256Secret() {
		return Base64.getEncoder().encodeToString(this.hmacSecret);
	}

	public RSAKey rsaKey() {
		return this.rsa;
	}

	public ECKey ecKey() {
		return this.ec;
	}

	public OctetKeyPair ed25519Key() {
		return this.ed25519;
	}

	public byte[] hmacSecret() {
		return this.hmacSecret.clone();
	}

	/**
	 * Distinct tokens: each has its own {@code jti}, session and signature.
	 * @param algorithm RS256, ES256, EdDSA or HS256
	 * @param count how many
	 * @param lifetime how long they stay valid
	 * @return compact tokens
	 */
	public List<String> mint(JWSAlgorithm algorithm, int count, Duration lifetime) {
		return mint(algorithm, count, lifetime, null);
	}

	/**
	 * Distinct tokens bound to a client's DPoP key ({@code cnf.jkt}), as auth-service
	 * issues them after a login with a proof.
	 * @param algorithm RS256, ES256, EdDSA or HS256
	 * @param count how many
	 * @param lifetime how long they stay valid
	 * @param dpopKey the client's key, or {@code null} for bearer tokens
	 * @return compact tokens
	 */
	public List<String> mint(JWSAlgorithm algorithm, int count, Duration lifetime, @Nullable JWK dpopKey) {
		Instant now = Instant.now();
		String jkt = (dpopKey != null) ? DPoPProofVerifier.thumbprint(dpopKey) : null;
		return IntStream.range(0, count).parallel().mapToObj((i) -> mintOne(algorithm, i, now, lifetime, jkt)).toList();
	}

	private String mintOne(JWSAlgorithm algorithm, int index, Instant now, Duration lifetime, @Nullable String jkt) {
		UUID user = this.users.get(index % USERS);
		JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(ISSUER)
			.subject(user.toString())
			.audience(AUDIENCE)
			.issueTime(Date.from(now))
			.notBeforeTime(Date.from(now))
			.expirationTime(Date.from(now.plus(lifetime)))
			.jwtID(UUID.randomUUID().toString())
			.claim("client_id", CLIENT_ID)
			.claim("scope", SCOPE)
			.claim("roles", List.of("USER"))
			.claim("preferred_username", "bench-" + (index % USERS))
			.claim("sid", UUID.randomUUID().toString());
		if (jkt != null) {
			claims.claim("cnf", Map.of("jkt", jkt));
		}
		JWSHeader header = new JWSHeader.Builder(algorithm).type(new JOSEObjectType("at+jwt"))
			.keyID(keyId(algorithm))
			.build();
		SignedJWT jwt = new SignedJWT(header, claims.build());
		try {
			jwt.sign(signer(algorithm));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Cannot sign a benchmark token", ex);
		}
		return jwt.serialize();
	}

	private String keyId(JWSAlgorithm algorithm) {
		if (JWSAlgorithm.HS256.equals(algorithm)) {
			return "bench-hs256";
		}
		return signingKey(algorithm).getKeyID();
	}

	private JWK signingKey(JWSAlgorithm algorithm) {
		if (JWSAlgorithm.RS256.equals(algorithm)) {
			return this.rsa;
		}
		if (JWSAlgorithm.ES256.equals(algorithm)) {
			return this.ec;
		}
		if (JWSAlgorithm.EdDSA.equals(algorithm)) {
			return this.ed25519;
		}
		throw new IllegalArgumentException("No key pair for " + algorithm);
	}

	private JWSSigner signer(JWSAlgorithm algorithm) throws JOSEException {
		if (JWSAlgorithm.RS256.equals(algorithm)) {
			return new RSASSASigner(this.rsa);
		}
		if (JWSAlgorithm.ES256.equals(algorithm)) {
			return new ECDSASigner(this.ec);
		}
		if (JWSAlgorithm.EdDSA.equals(algorithm)) {
			return new Ed25519Signer(this.ed25519);
		}
		return new MACSigner(this.hmacSecret);
	}

	/**
	 * Writes a run's key material and token pools into a folder: {@code tokens
	 *
	<dir>
	 *  <count>} gives {@code jwks.json}, {@code hs256.secret} and {@code <alg>.tokens}
	 * (one per line) for RS256, ES256, EdDSA and HS256; and for DPoP, a client key
	 * {@code dpop-<alg>.jwk} (private, for {@link BenchProofs}) for ES256 and EdDSA, with
	 * {@code rs256-dpop-<alg>.tokens}, RS256 tokens bound to it.
	 * @param args the folder and the number of tokens per algorithm
	 * @throws IOException when the folder cannot be written
	 */
	public static void main(String[] args) throws IOException {
		Path dir = Files.createDirectories(Path.of(args[0]));
		int count = Integer.parseInt(args[1]);
		BenchTokens tokens = new BenchTokens();
		Files.writeString(dir.resolve("jwks.json"), tokens.jwks());
		Files.writeString(dir.resolve("hs256.secret"), tokens.hs256Secret());
		for (JWSAlgorithm algorithm : List.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256, JWSAlgorithm.EdDSA,
				JWSAlgorithm.HS256)) {
			long start = System.nanoTime();
			List<String> minted = tokens.mint(algorithm, count, Duration.ofHours(1));
			Files.write(dir.resolve(algorithm.getName().toLowerCase() + ".tokens"), minted);
			System.out.printf("%d %s tokens in %d ms%n", count, algorithm, (System.nanoTime() - start) / 1_000_000);
		}
		for (JWSAlgorithm proofs : List.of(JWSAlgorithm.ES256, JWSAlgorithm.EdDSA)) {
			long start = System.nanoTime();
			JWK key = BenchProofs.newKey(proofs);
			String name = proofs.getName().toLowerCase();
			Files.writeString(dir.resolve("dpop-" + name + ".jwk"), key.toJSONString());
			Files.write(dir.resolve("rs256-dpop-" + name + ".tokens"),
					tokens.mint(JWSAlgorithm.RS256, count, Duration.ofHours(1), key.toPublicJWK()));
			System.out.printf("%d RS256 tokens bound to an %s DPoP key in %d ms%n", count, proofs,
					(System.nanoTime() - start) / 1_000_000);
		}
	}

}
