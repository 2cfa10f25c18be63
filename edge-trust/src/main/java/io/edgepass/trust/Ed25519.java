package io.edgepass.trust;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;

/**
 * An Ed25519 public key verified with the JDK's own EdDSA (Nimbus JOSE's
 * {@code Ed25519Verifier} needs Google Tink), for EdDSA access tokens at the edge and
 * EdDSA DPoP proofs.
 */
public final class Ed25519 {

	private static final byte[] X509_PREFIX = { 0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21,
			0x00 };

	private final PublicKey key;

	private Ed25519(PublicKey key) {
		this.key = key;
	}

	/**
	 * @param x the key's 32 bytes, as a JWK's {@code x} holds them
	 * @return the key
	 * @throws GeneralSecurityException when they are not an Ed25519 public key
	 */
	public static Ed25519 publicKey(byte[] x) throws GeneralSecurityException {
		if (x.length != 32) {
			throw new GeneralSecurityException("Ed25519 public key must be 32 bytes");
		}
		byte[] encoded = new byte[X509_PREFIX.length + 32];
		System.arraycopy(X509_PREFIX, 0, encoded, 0, X509_PREFIX.length);
		System.arraycopy(x, 0, encoded, X509_PREFIX.length, 32);
		return new Ed25519(KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(encoded)));
	}

	/**
	 * @param input what was signed
	 * @param signature the 64-byte signature
	 * @return whether this key made it
	 */
	public boolean verify(byte[] input, byte[] signature) {
		if (signature.length != 64) {
			return false;
		}
		try {
			Signature verifier = Signature.getInstance("Ed25519");
			verifier.initVerify(this.key);
			verifier.update(input);
			return verifier.verify(signature);
		}
		catch (GeneralSecurityException ex) {
			return false;
		}
	}

}
