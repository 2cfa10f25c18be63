package io.edgepass.gateway;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import io.edgepass.testsupport.DPoPKey;

/**
 * Access tokens minted in tests with test keys, exactly as auth-service would, and every
 * way of getting them wrong. Signing is done here with the JDK so that any header or
 * payload, however broken, can be signed.
 */
final class TestTokens {

	static final String ISSUER = "http://issuer.test";

	static final String AUDIENCE = "edgepass-api";

	static final String ALL_SCOPES = "orders:read orders:write profile:read profile:write";

	static final SigningKey RSA = rsa("rsa-1");

	static final SigningKey EC = ec("ec-1");

	static final SigningKey ED25519 = ed25519("ed-1");

	private TestTokens() {
	}

	static Builder rs256() {
		return new Builder(RSA);
	}

	static Builder es256() {
		return new Builder(EC);
	}

	static Builder eddsa() {
		return new Builder(ED25519);
	}

	static SigningKey rsa(String kid) {
		try {
			RSAKey key = new RSAKeyGenerator(2048).keyID(kid)
				.algorithm(JWSAlgorithm.RS256)
				.keyUse(KeyUse.SIGNATURE)
				.generate();
			return new SigningKey("RS256", kid, key.toPublicJWK(), key.toPrivateKey(), "SHA256withRSA");
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static SigningKey ec(String kid) {
		try {
			ECKey key = new ECKeyGenerator(Curve.P_256).keyID(kid)
				.algorithm(JWSAlgorithm.ES256)
				.keyUse(KeyUse.SIGNATURE)
				.generate();
			return new SigningKey("ES256", kid, key.toPublicJWK(), key.toPrivateKey(), "SHA256withECDSAinP1363Format");
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static SigningKey ed25519(String kid) {
		try {
			KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
			byte[] encoded = pair.getPublic().getEncoded();
			byte[] x = Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
			OctetKeyPair key = new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(x)).keyID(kid)
				.algorithm(JWSAlgorithm.EdDSA)
				.keyUse(KeyUse.SIGNATURE)
				.build();
			return new SigningKey("EdDSA", kid, key, pair.getPrivate(), "Ed25519");
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static String b64(String json) {
		return Base64URL.encode(json.getBytes(StandardCharsets.UTF_8)).toString();
	}

	static String b64(byte[] bytes) {
		return Base64URL.encode(bytes).toString();
	}

	/** A key pair whose public half can be served in the stub JWKS. */
	record SigningKey(String alg, String kid, JWK publicJwk, PrivateKey privateKey, String jdkAlgorithm) {

		byte[] sign(byte[] input) {
			try {
				Signature signature = Signature.getInstance(this.jdkAlgorithm);
				signature.initSign(this.privateKey);
				signature.update(input);
				return signature.sign();
			}
			catch (GeneralSecurityException ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

	static final class Builder {

		private final Map<String, Object> header = new LinkedHashMap<>();

		private final Map<String, Object> claims = new LinkedHashMap<>();

		private SigningKey key;

		private byte[] hmacSecret;

		private String rawPayload;

		private Builder(SigningKey key) {
			this.key = key;
			long now = Instant.now().getEpochSecond();
			this.header.put("alg", key.alg());
			this.header.put("kid", key.kid());
			this.header.put("typ", "at+jwt");
			this.claims.put("iss", ISSUER);
			this.claims.put("sub", UUID.randomUUID().toString());
			this.claims.put("aud", AUDIENCE);
			this.claims.put("exp", now + 300);
			this.claims.put("nbf", now - 5);
			this.claims.put("iat", now - 5);
			this.claims.put("jti", UUID.randomUUID().toString());
			this.claims.put("sid", UUID.randomUUID().toString());
			this.claims.put("client_id", "edgepass-web");
			this.claims.put("scope", ALL_SCOPES);
			this.claims.put("roles", List.of("USER"));
			this.claims.put("preferred_username", "alice");
		}

		Builder header(String name, Object value) {
			this.header.put(name, value);
			return this;
		}

		Builder withoutHeader(String name) {
			this.header.remove(name);
			return this;
		}

		Builder claim(String name, Object value) {
			this.claims.put(name, value);
			return this;
		}

		Builder without(String name) {
			this.claims.remove(name);
			return this;
		}

		/**
		 * Binds the token to a client's DPoP key ({@code cnf.jkt}), as auth-service does.
		 */
		Builder boundTo(DPoPKey key) {
			return claim("cnf", Map.of("jkt", key.thumbprint()));
		}

		Builder signedWith(SigningKey key) {
			this.key = key;
			return this;
		}

		/** Signs with HMAC-SHA256 under this secret instead of the key. */
		Builder hmac(byte[] secret) {
			this.hmacSecret = secret;
			return this;
		}

		/** Uses this exact payload JSON, for claims no map can express. */
		Builder rawPayload(String json) {
			this.rawPayload = json;
			return this;
		}

		String subject() {
			return (String) this.claims.get("sub");
		}

		String claimValue(String name) {
			return String.valueOf(this.claims.get(name));
		}

		String signingInput() {
			String payload = (this.rawPayload != null) ? this.rawPayload : JSONObjectUtils.toJSONString(this.claims);
			return b64(JSONObjectUtils.toJSONString(this.header)) + "." + b64(payload);
		}

		String sign() {
			String input = signingInput();
			byte[] bytes = input.getBytes(StandardCharsets.US_ASCII);
			return input + "." + b64((this.hmacSecret != null) ? hmac(this.hmacSecret, bytes) : this.key.sign(bytes));
		}

		private static byte[] hmac(byte[] secret, byte[] input) {
			try {
				// HMAC zero-pads its key, so one zero byte signs exactly as an empty key
				// would
				Mac mac = Mac.getInstance("HmacSHA256");
				mac.init(new SecretKeySpec((secret.length == 0) ? new byte[1] : secret, "HmacSHA256"));
				return mac.doFinal(input);
			}
			catch (GeneralSecurityException ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

}
