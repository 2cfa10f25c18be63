package io.edgepass.testsupport;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import io.edgepass.trust.dpop.DPoPProofVerifier;

/**
 * A client's DPoP key in tests: makes proofs (RFC 9449 §4.2) the way the web client does,
 * ES256 or EdDSA, and lets a test bend any claim to check a rule.
 */
public final class DPoPKey {

	private final JWSAlgorithm alg;

	private final JWK publicJwk;

	private final Signer signer;

	private DPoPKey(JWSAlgorithm alg, JWK publicJwk, Signer signer) {
		this.alg = alg;
		this.publicJwk = publicJwk;
		this.signer = signer;
	}

	/** A new P-256 key, for ES256 proofs. */
	public static DPoPKey es256() {
		try {
			ECKey key = new ECKeyGenerator(Curve.P_256).generate();
			ECDSASigner signer = new ECDSASigner(key);
			return new DPoPKey(JWSAlgorithm.ES256, key.toPublicJWK(),
					(header, input) -> signer.sign(header, input).decode());
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A new Ed25519 key, for EdDSA proofs (signed by the JDK: Nimbus's signer needs
	 * Tink).
	 */
	public static DPoPKey ed25519() {
		try {
			KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
			byte[] encoded = pair.getPublic().getEncoded();
			byte[] x = Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
			OctetKeyPair jwk = new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(x)).build();
			return new DPoPKey(JWSAlgorithm.EdDSA, jwk, (header, input) -> {
				try {
					Signature signature = Signature.getInstance("Ed25519");
					signature.initSign(pair.getPrivate());
					signature.update(input);
					return signature.sign();
				}
				catch (GeneralSecurityException ex) {
					throw new JOSEException(ex.getMessage(), ex);
				}
			});
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The public key, as the proof's {@code jwk} header carries it. */
	public JWK publicJwk() {
		return this.publicJwk;
	}

	/** The RFC 7638 thumbprint, as {@code cnf.jkt} holds it. */
	public String thumbprint() {
		return DPoPProofVerifier.thumbprint(this.publicJwk);
	}

	/**
	 * A fresh proof for the token endpoint: no {@code ath}.
	 * @param method the request's method
	 * @param url the request's URL
	 * @return the {@code DPoP} header's value
	 */
	public String proof(String method, String url) {
		return proof(method, url, null);
	}

	/**
	 * A fresh proof for a request with an access token.
	 * @param method the request's method
	 * @param url the request's URL
	 * @param accessToken the token sent with it, hashed into {@code ath}; {@code null}
	 * for none
	 * @return the {@code DPoP} header's value
	 */
	public String proof(String method, String url, String accessToken) {
		return proof(claims(method, url, accessToken).build());
	}

	/**
	 * The claims of a fresh proof, to bend before {@link #proof(JWTClaimsSet)}.
	 * @param method the request's method
	 * @param url the request's URL
	 * @param accessToken the token sent with it, or {@code null}
	 * @return the claims
	 */
	public JWTClaimsSet.Builder claims(String method, String url, String accessToken) {
		JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().jwtID(UUID.randomUUID().toString())
			.claim("htm", method)
			.claim("htu", url)
			.issueTime(java.util.Date.from(Instant.now()));
		if (accessToken != null) {
			claims.claim("ath", DPoPProofVerifier.hash(accessToken));
		}
		return claims;
	}

	/**
	 * A proof with these claims, header {@code typ: dpop+jwt} and this key's {@code jwk}.
	 * @param claims the claims
	 * @return the {@code DPoP} header's value
	 */
	public String proof(JWTClaimsSet claims) {
		return proof(new JWSHeader.Builder(this.alg).type(new JOSEObjectType("dpop+jwt")).jwk(this.publicJwk).build(),
				claims);
	}

	/**
	 * A proof with this header and these claims, signed with this key whatever they say.
	 * @param header the header
	 * @param claims the claims
	 * @return the {@code DPoP} header's value
	 */
	public String proof(JWSHeader header, JWTClaimsSet claims) {
		try {
			Base64URL encodedHeader = header.toBase64URL();
			Base64URL payload = Base64URL.encode(JSONObjectUtils.toJSONString(claims.toJSONObject()));
			byte[] input = (encodedHeader + "." + payload).getBytes(StandardCharsets.US_ASCII);
			return encodedHeader + "." + payload + "." + Base64URL.encode(this.signer.sign(header, input));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@FunctionalInterface
	private interface Signer {

		byte[] sign(JWSHeader header, byte[] input) throws JOSEException;

	}

}
