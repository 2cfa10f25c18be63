package io.edgepass.auth.keys;

import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.Ed25519Signer;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.OctetKeyPairGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import io.edgepass.auth.token.SigningAlgorithm;

/** New asymmetric signing keys as JWKs, and signers for them. */
final class KeyGeneration {

	private KeyGeneration() {
	}

	static JWK generate(SigningAlgorithm algorithm) {
		String kid = UUID.randomUUID().toString();
		try {
			return switch (algorithm) {
				case RS256 ->
					new RSAKeyGenerator(2048).keyID(kid).keyUse(KeyUse.SIGNATURE).algorithm(algorithm.jws()).generate();
				case ES256 -> new ECKeyGenerator(Curve.P_256).keyID(kid)
					.keyUse(KeyUse.SIGNATURE)
					.algorithm(algorithm.jws())
					.generate();
				case EdDSA -> new OctetKeyPairGenerator(Curve.Ed25519).keyID(kid)
					.keyUse(KeyUse.SIGNATURE)
					.algorithm(algorithm.jws())
					.generate();
				case HS256 -> throw new IllegalArgumentException("HS256 keys are configured, not generated");
			};
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Could not generate a " + algorithm + " key", ex);
		}
	}

	static JWSSigner signer(JWK key) {
		try {
			if (key instanceof RSAKey rsa) {
				return new RSASSASigner(rsa);
			}
			if (key instanceof ECKey ec) {
				return new ECDSASigner(ec);
			}
			if (key instanceof OctetKeyPair okp) {
				return new Ed25519Signer(okp);
			}
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Unusable signing key " + key.getKeyID(), ex);
		}
		throw new IllegalStateException("Unsupported signing key type " + key.getKeyType());
	}

}
