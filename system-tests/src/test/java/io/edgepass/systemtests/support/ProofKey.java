package io.edgepass.systemtests.support;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A client's DPoP key (RFC 9449), made with the JDK alone as a client app would: an ES256
 * (P-256) or EdDSA (Ed25519) key pair that signs proofs, and the RFC 7638 thumbprint a
 * bound token names in {@code cnf.jkt}. Nothing here uses the suite's own JOSE code.
 */
public final class ProofKey {

	private final String alg;

	private final KeyPair keys;

	private final Map<String, Object> jwk;

	private ProofKey(String alg, KeyPair keys, Map<String, Object> jwk) {
		this.alg = alg;
		this.keys = keys;
		this.jwk = jwk;
	}

	public static ProofKey es256() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
			generator.initialize(new ECGenParameterSpec("secp256r1"));
			KeyPair keys = generator.generateKeyPair();
			ECPublicKey key = (ECPublicKey) keys.getPublic();
			// RFC 7638 §3.2: the required members only, in lexicographic order.
			Map<String, Object> jwk = new LinkedHashMap<>();
			jwk.put("crv", "P-256");
			jwk.put("kty", "EC");
			jwk.put("x", Tokens.base64url(unsigned32(key.getW().getAffineX())));
			jwk.put("y", Tokens.base64url(unsigned32(key.getW().getAffineY())));
			return new ProofKey("ES256", keys, jwk);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public static ProofKey ed25519() {
		try {
			KeyPair keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
			// The X.509 encoding of an Ed25519 key ends with its 32 raw bytes (RFC 8410).
			byte[] encoded = keys.getPublic().getEncoded();
			Map<String, Object> jwk = new LinkedHashMap<>();
			jwk.put("crv", "Ed25519");
			jwk.put("kty", "OKP");
			jwk.put("x", Tokens.base64url(Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length)));
			return new ProofKey("EdDSA", keys, jwk);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** What {@code cnf.jkt} of a token bound to this key holds. */
	public String thumbprint() {
		return Tokens.base64url(sha256(Json.write(this.jwk)));
	}

	/** A fresh proof for a request without an access token (login, refresh). */
	public String proof(String method, String url) {
		return proof(method, url, null, Instant.now());
	}

	/** A fresh proof for a request carrying {@code accessToken}. */
	public String proofFor(String method, String url, String accessToken) {
		return proof(method, url, accessToken, Instant.now());
	}

	public String proof(String method, String url, String accessToken, Instant issuedAt) {
		Map<String, Object> header = Tokens.map("typ", "dpop+jwt", "alg", this.alg, "jwk", this.jwk);
		Map<String, Object> claims = Tokens.map("jti", UUID.randomUUID().toString(), "htm", method, "htu", url, "iat",
				issuedAt.getEpochSecond());
		if (accessToken != null) {
			claims.put("ath", Tokens.base64url(sha256(accessToken)));
		}
		String input = Tokens.signingInput(header, claims);
		try {
			Signature signature = Signature
				.getInstance(this.alg.equals("ES256") ? "SHA256withECDSAinP1363Format" : "Ed25519");
			signature.initSign(this.keys.getPrivate());
			signature.update(input.getBytes(StandardCharsets.US_ASCII));
			return input + "." + Tokens.base64url(signature.sign());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static byte[] unsigned32(BigInteger value) {
		byte[] bytes = value.toByteArray();
		byte[] fixed = new byte[32];
		int length = Math.min(bytes.length, 32);
		System.arraycopy(bytes, bytes.length - length, fixed, 32 - length, length);
		return fixed;
	}

	private static byte[] sha256(String text) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.US_ASCII));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public String toString() {
		return "ProofKey[" + this.alg + " " + thumbprint() + "]";
	}

}
