package io.edgepass.systemtests.support;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;

/**
 * Reads and crafts compact JWS tokens byte by byte, as an attacker would: nothing here
 * validates anything, and nothing uses the suite's own JWT code.
 */
public final class Tokens {

	private static final Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();

	private static final Base64.Decoder decoder = Base64.getUrlDecoder();

	private Tokens() {
	}

	public static JsonNode header(String token) {
		return Json.read(new String(decoder.decode(token.split("\\.")[0]), StandardCharsets.UTF_8));
	}

	public static JsonNode claims(String token) {
		return Json.read(new String(decoder.decode(token.split("\\.")[1]), StandardCharsets.UTF_8));
	}

	/** The header or claims of a token as an editable map. */
	public static Map<String, Object> headerMap(String token) {
		return part(token, 0);
	}

	public static Map<String, Object> claimsMap(String token) {
		return part(token, 1);
	}

	private static Map<String, Object> part(String token, int index) {
		String text = new String(decoder.decode(token.split("\\.")[index]), StandardCharsets.UTF_8);
		return new LinkedHashMap<>(Json.mapper().readValue(text, new TypeReference<Map<String, Object>>() {
		}));
	}

	public static String base64url(byte[] bytes) {
		return encoder.encodeToString(bytes);
	}

	public static String base64url(String text) {
		return base64url(text.getBytes(StandardCharsets.UTF_8));
	}

	/** {@code header.claims.} ready for a signature: both parts JSON-encoded. */
	public static String signingInput(Object header, Object claims) {
		return base64url(Json.write(header)) + "." + base64url(Json.write(claims));
	}

	/** A token with an unsigned or arbitrarily signed body. */
	public static String compact(Object header, Object claims, byte[] signature) {
		return signingInput(header, claims) + "." + base64url(signature);
	}

	public static String hs256(Map<String, Object> header, Map<String, Object> claims, byte[] secret) {
		String input = signingInput(header, claims);
		return input + "." + base64url(hmacSha256(secret, input));
	}

	public static String rs256(Map<String, Object> header, Map<String, Object> claims, PrivateKey key) {
		return rs256(Json.write(header), Json.write(claims), key);
	}

	/**
	 * RS256 over JSON texts given as they are, for payloads no JSON library would write.
	 */
	public static String rs256(String headerJson, String claimsJson, PrivateKey key) {
		String input = base64url(headerJson) + "." + base64url(claimsJson);
		try {
			Signature signature = Signature.getInstance("SHA256withRSA");
			signature.initSign(key);
			signature.update(input.getBytes(StandardCharsets.US_ASCII));
			return input + "." + base64url(signature.sign());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * HMAC-SHA256; an empty secret is allowed (it equals a block of zero bytes, which the
	 * JDK accepts as a key).
	 */
	public static byte[] hmacSha256(byte[] secret, String input) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec((secret.length == 0) ? new byte[64] : secret, "HmacSHA256"));
			return mac.doFinal(input.getBytes(StandardCharsets.US_ASCII));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** An RSA key pair nobody in the suite knows. */
	public static KeyPair attackerRsaKeys() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			return generator.generateKeyPair();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public static Map<String, Object> map(Object... keysAndValues) {
		Map<String, Object> map = new LinkedHashMap<>();
		for (int i = 0; i < keysAndValues.length; i += 2) {
			map.put((String) keysAndValues[i], keysAndValues[i + 1]);
		}
		return map;
	}

}
