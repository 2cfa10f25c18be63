package io.edgepass.bench.jmh;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;

/**
 * The gateway's {@code io.edgepass.gateway.token.AccessTokenVerifier} step by step
 * (strict segment and UTF-8 checks, bounded nesting, header rules, the key by
 * {@code kid}, the signature, the claims, an in-memory revocation lookup), without its
 * Spring and Reactor wiring: that class cannot be built outside its package. It builds a
 * Nimbus verifier from the JWK for every token, as the gateway does; with
 * {@code cacheVerifiers} it keeps one per {@code kid} instead, the change proposed in
 * docs/BENCHMARKS.md.
 */
final class GatewayStyleVerifier {

	private static final Pattern BASE64URL = Pattern.compile("[A-Za-z0-9_-]+");

	private static final Pattern SCOPE_TOKEN = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]{1,64}");

	private static final Pattern PRINTABLE = Pattern.compile("[\\x20-\\x7E]{1,256}");

	private static final Set<String> TYPES = Set.of("at+jwt", "application/at+jwt");

	private static final byte[] ED25519_X509_PREFIX = { 0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03,
			0x21, 0x00 };

	private final Map<String, JWK> keys;

	private final MACVerifier hs256;

	private final String issuer;

	private final String audience;

	private final boolean cacheVerifiers;

	private final Map<String, Verifier> verifiers = new ConcurrentHashMap<>();

	private final Map<String, Instant> revokedSessions = new ConcurrentHashMap<>();

	private final Map<String, Instant> revokedTokens = new ConcurrentHashMap<>();

	private final Map<String, Instant> revokedUsers = new ConcurrentHashMap<>();

	GatewayStyleVerifier(Map<String, JWK> keys, byte[] hs256Secret, String issuer, String audience,
			boolean cacheVerifiers) throws JOSEException {
		this.keys = Map.copyOf(keys);
		this.hs256 = new MACVerifier(hs256Secret);
		this.issuer = issuer;
		this.audience = audience;
		this.cacheVerifiers = cacheVerifiers;
	}

	/** The token's user id, or an exception when it does not pass. */
	UUID verify(String token) throws Exception {
		String[] parts = token.split("\\.", -1);
		if (token.length() > 8192 || parts.length != 3) {
			throw new IllegalArgumentException("malformed");
		}
		for (String part : parts) {
			if (!BASE64URL.matcher(part).matches()) {
				throw new IllegalArgumentException("malformed");
			}
		}
		String headerJson = json(parts[0]);
		String payloadJson = json(parts[1]);
		JWSHeader header = JWSHeader.parse(headerJson, new Base64URL(parts[0]));
		if (header.getType() == null || !TYPES.contains(header.getType().getType().toLowerCase(Locale.ROOT))
				|| header.getJWK() != null || header.getJWKURL() != null || header.getX509CertURL() != null
				|| header.getCriticalParams() != null || header.getKeyID() == null) {
			throw new IllegalArgumentException("header");
		}
		byte[] signingInput = (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
		Verifier verifier = verifier(header);
		if (!verifier.verify(signingInput, new Base64URL(parts[2]))) {
			throw new IllegalArgumentException("signature");
		}
		JWTClaimsSet claims = JWTClaimsSet.parse(payloadJson);
		Instant now = Instant.now();
		if (claims.getExpirationTime() == null || !claims.getExpirationTime().toInstant().isAfter(now)
				|| claims.getIssueTime() == null || claims.getIssueTime().toInstant().isAfter(now.plusSeconds(30))
				|| !this.issuer.equals(claims.getIssuer()) || claims.getAudience() == null
				|| !claims.getAudience().contains(this.audience)) {
			throw new IllegalArgumentException("claims");
		}
		UUID user = UUID.fromString(claims.getSubject());
		String username = claims.getStringClaim("preferred_username");
		List<String> roles = claims.getStringListClaim("roles");
		String scope = claims.getStringClaim("scope");
		String sid = claims.getStringClaim("sid");
		List<String> scopes = List.of(scope.trim().split(" +"));
		if (!PRINTABLE.matcher(username).matches() || !PRINTABLE.matcher(sid).matches()
				|| !PRINTABLE.matcher(claims.getJWTID()).matches()
				|| !roles.stream().allMatch((role) -> SCOPE_TOKEN.matcher(role).matches())
				|| !scopes.stream().allMatch((token2) -> SCOPE_TOKEN.matcher(token2).matches())) {
			throw new IllegalArgumentException("claims");
		}
		if (this.revokedSessions.get(sid) != null || this.revokedTokens.get(claims.getJWTID()) != null
				|| this.revokedUsers.get(user.toString()) != null) {
			throw new IllegalArgumentException("revoked");
		}
		return user;
	}

	private static String json(String segment) throws CharacterCodingException {
		String json = StandardCharsets.UTF_8.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT)
			.decode(ByteBuffer.wrap(new Base64URL(segment).decode()))
			.toString();
		int depth = 0;
		int deepest = 0;
		boolean inString = false;
		for (int i = 0; i < json.length(); i++) {
			char c = json.charAt(i);
			if (inString) {
				if (c == '\\') {
					i++;
				}
				else if (c == '"') {
					inString = false;
				}
			}
			else if (c == '"') {
				inString = true;
			}
			else if (c == '{' || c == '[') {
				deepest = Math.max(deepest, ++depth);
			}
			else if (c == '}' || c == ']') {
				depth--;
			}
		}
		if (deepest > 8) {
			throw new IllegalArgumentException("too deep");
		}
		return json;
	}

	private Verifier verifier(JWSHeader header) throws JOSEException, GeneralSecurityException {
		if (JWSAlgorithm.HS256.equals(header.getAlgorithm())) {
			return (input, signature) -> this.hs256.verify(header, input, signature);
		}
		JWK jwk = this.keys.get(header.getKeyID());
		if (jwk == null) {
			throw new IllegalArgumentException("unknown kid");
		}
		if (!this.cacheVerifiers) {
			return verifierFor(header.getAlgorithm(), jwk);
		}
		Verifier cached = this.verifiers.get(header.getKeyID());
		if (cached == null) {
			cached = verifierFor(header.getAlgorithm(), jwk);
			this.verifiers.put(header.getKeyID(), cached);
		}
		return cached;
	}

	private static Verifier verifierFor(JWSAlgorithm alg, JWK jwk) throws JOSEException, GeneralSecurityException {
		if (JWSAlgorithm.RS256.equals(alg) && jwk instanceof RSAKey rsa) {
			return nimbus(new RSASSAVerifier(rsa), alg);
		}
		if (JWSAlgorithm.ES256.equals(alg) && jwk instanceof ECKey ec) {
			return nimbus(new ECDSAVerifier(ec), alg);
		}
		if (JWSAlgorithm.EdDSA.equals(alg) && jwk instanceof OctetKeyPair okp) {
			byte[] encoded = new byte[ED25519_X509_PREFIX.length + 32];
			System.arraycopy(ED25519_X509_PREFIX, 0, encoded, 0, ED25519_X509_PREFIX.length);
			System.arraycopy(okp.getDecodedX(), 0, encoded, ED25519_X509_PREFIX.length, 32);
			PublicKey key = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(encoded));
			return (input, signature) -> {
				try {
					Signature verifier = Signature.getInstance("Ed25519");
					verifier.initVerify(key);
					verifier.update(input);
					return verifier.verify(signature.decode());
				}
				catch (GeneralSecurityException ex) {
					return false;
				}
			};
		}
		throw new IllegalArgumentException("algorithm");
	}

	private static Verifier nimbus(JWSVerifier verifier, JWSAlgorithm alg) {
		JWSHeader header = new JWSHeader(alg);
		return (input, signature) -> verifier.verify(header, input, signature);
	}

	@FunctionalInterface
	private interface Verifier {

		boolean verify(byte[] signingInput, Base64URL signature) throws JOSEException;

	}

}
