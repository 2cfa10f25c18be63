package io.edgepass.auth.keys;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.stereotype.Component;

/**
 * Encrypts private keys at rest with AES-256-GCM under the key-encryption key. The kid is
 * authenticated too, so a ciphertext cannot be moved to another key's row.
 */
@Component
class KeyEncryption {

	private static final int NONCE_BYTES = 12;

	private static final int TAG_BITS = 128;

	private final SecureRandom random = new SecureRandom();

	private final SecretKey key;

	KeyEncryption(KeyProperties properties) {
		this.key = new SecretKeySpec(properties.encryptionKeyBytes(), "AES");
	}

	byte[] encrypt(String kid, String plaintext) {
		byte[] nonce = new byte[NONCE_BYTES];
		this.random.nextBytes(nonce);
		try {
			Cipher cipher = cipher(Cipher.ENCRYPT_MODE, kid, nonce);
			byte[] ciphertext = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
			return ByteBuffer.allocate(NONCE_BYTES + ciphertext.length).put(nonce).put(ciphertext).array();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Could not encrypt signing key " + kid, ex);
		}
	}

	String decrypt(String kid, byte[] sealed) {
		try {
			Cipher cipher = cipher(Cipher.DECRYPT_MODE, kid, Arrays.copyOf(sealed, NONCE_BYTES));
			byte[] plaintext = cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
			return new String(plaintext, StandardCharsets.UTF_8);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Could not decrypt signing key " + kid
					+ ": is EDGEPASS_KEY_ENCRYPTION_KEY the one it was stored with?", ex);
		}
	}

	private Cipher cipher(int mode, String kid, byte[] nonce) throws GeneralSecurityException {
		Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
		cipher.init(mode, this.key, new GCMParameterSpec(TAG_BITS, nonce));
		cipher.updateAAD(kid.getBytes(StandardCharsets.UTF_8));
		return cipher;
	}

}
