package io.edgepass.gateway.token;

import java.security.GeneralSecurityException;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import io.edgepass.gateway.token.InvalidAccessTokenException.Reason;
import io.edgepass.trust.Ed25519;
import org.jspecify.annotations.Nullable;

/**
 * One public key from the JWKS with its signature verifier, prepared once when the JWKS
 * is loaded: building a Nimbus verifier (or decoding an Ed25519 key) costs more than a
 * lookup, so requests only look keys up. A key verifies only the one algorithm its type
 * and curve fit, and only if its declared {@code alg}, when present, is that algorithm.
 */
public final class VerificationKey {

	private final JWK jwk;

	private final @Nullable JWSAlgorithm fits;

	/** Null when the key fits an algorithm but could not be turned into a verifier. */
	private final @Nullable SignatureCheck check;

	private VerificationKey(JWK jwk, @Nullable JWSAlgorithm fits, @Nullable SignatureCheck check) {
		this.jwk = jwk;
		this.fits = fits;
		this.check = check;
	}

	/** The public key as published. */
	JWK jwk() {
		return this.jwk;
	}

	/**
	 * Prepares a public key; never fails, a key unfit for every algorithm rejects every
	 * token instead.
	 * @param jwk a public key
	 * @return the prepared key
	 */
	public static VerificationKey of(JWK jwk) {
		JWSAlgorithm fits = null;
		SignatureCheck check = null;
		try {
			if (jwk instanceof RSAKey rsa) {
				fits = JWSAlgorithm.RS256;
				check = new RSASSAVerifier(rsa)::verify;
			}
			else if (jwk instanceof ECKey ec && Curve.P_256.equals(ec.getCurve())) {
				fits = JWSAlgorithm.ES256;
				check = new ECDSAVerifier(ec)::verify;
			}
			else if (jwk instanceof OctetKeyPair okp && Curve.Ed25519.equals(okp.getCurve())) {
				fits = JWSAlgorithm.EdDSA;
				Ed25519 key = Ed25519.publicKey(okp.getDecodedX());
				check = (header, input, signature) -> key.verify(input, signature.decode());
			}
		}
		catch (JOSEException | GeneralSecurityException ex) {
			check = null;
		}
		return new VerificationKey(jwk, fits, check);
	}

	/**
	 * The check for a token signed with {@code alg}, only when this key's type, curve and
	 * declared use fit the algorithm.
	 */
	SignatureCheck checkFor(JWSAlgorithm alg) {
		if (this.jwk.getAlgorithm() != null && !this.jwk.getAlgorithm().getName().equals(alg.getName())) {
			throw new InvalidAccessTokenException(Reason.ALGORITHM);
		}
		if (!alg.equals(this.fits)) {
			throw new InvalidAccessTokenException(Reason.ALGORITHM);
		}
		if (this.check == null) {
			throw new InvalidAccessTokenException(Reason.SIGNATURE);
		}
		return this.check;
	}

	/**
	 * A signature check; Nimbus verifiers are thread-safe and read only the header's
	 * {@code alg}, so one serves every token.
	 */
	@FunctionalInterface
	interface SignatureCheck {

		boolean verify(JWSHeader header, byte[] signingInput, Base64URL signature) throws JOSEException;

	}

}
