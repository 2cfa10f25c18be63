package io.edgepass.trust;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Ed25519 signatures made by the JDK verify, and nothing else does.
 */
class Ed25519Tests {

	private static final byte[] INPUT = "header.payload".getBytes(StandardCharsets.US_ASCII);

	@Test
	void aSignatureByTheKeyVerifiesAndAnAlteredOneOrOneByAnotherKeyDoesNot() throws Exception {
		KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
		byte[] signature = sign(pair, INPUT);
		Ed25519 key = Ed25519.publicKey(x(pair));

		assertThat(key.verify(INPUT, signature)).isTrue();
		byte[] altered = signature.clone();
		altered[10] ^= 1;
		assertThat(key.verify(INPUT, altered)).isFalse();
		assertThat(key.verify("header.other".getBytes(StandardCharsets.US_ASCII), signature)).isFalse();
		assertThat(key.verify(INPUT, Arrays.copyOf(signature, 63))).isFalse();
		KeyPair other = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
		assertThat(Ed25519.publicKey(x(other)).verify(INPUT, signature)).isFalse();
	}

	@Test
	void aKeyOfAnotherLengthIsRefused() {
		assertThatExceptionOfType(GeneralSecurityException.class).isThrownBy(() -> Ed25519.publicKey(new byte[31]));
	}

	private static byte[] sign(KeyPair pair, byte[] input) throws GeneralSecurityException {
		Signature signer = Signature.getInstance("Ed25519");
		signer.initSign(pair.getPrivate());
		signer.update(input);
		return signer.sign();
	}

	/** The raw 32 bytes ending the key's X.509 encoding (RFC 8410). */
	private static byte[] x(KeyPair pair) {
		byte[] encoded = pair.getPublic().getEncoded();
		return Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
	}

}
