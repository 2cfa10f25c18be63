package io.edgepass.trust;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;

/**
 * The HS256 keys of the edge assertion: the gateway holds one master secret and derives
 * each service's key from it with HKDF-SHA256 (RFC 5869: no salt, the service's name as
 * {@code info}, 256 bits out). A service holds only its own derived key, which verifies
 * assertions for its own {@code aud} and signs nothing that another service accepts.
 * <p>
 * The same key from a shell, for a master {@code $M} in base64: {@code openssl kdf
 * -keylen 32 -kdfopt digest:SHA256 -kdfopt hexkey:$(echo "$M" | base64 -d | xxd -p -c 256)
 * -kdfopt info:orders-service -binary HKDF | base64}.
 */
public final class EdgeAssertionKeys {

	/** The length of a derived key: HS256 wants at least the hash's 256 bits. */
	public static final int KEY_BYTES = 32;

	private EdgeAssertionKeys() {
	}

	/**
	 * Derives one service's key.
	 * @param master the gateway's master secret
	 * @param audience the service's name, its {@code aud}
	 * @return the service's 256-bit key
	 */
	public static byte[] derive(byte[] master, String audience) {
		if (audience == null || audience.isBlank()) {
			throw new IllegalArgumentException("An edge assertion key is derived for a named service");
		}
		HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
		hkdf.init(new HKDFParameters(master, null, audience.getBytes(StandardCharsets.UTF_8)));
		byte[] key = new byte[KEY_BYTES];
		hkdf.generateBytes(key, 0, key.length);
		return key;
	}

	/**
	 * Derives one service's key, base64 in and out, as the configuration holds them.
	 * @param base64Master the gateway's master secret, base64
	 * @param audience the service's name, its {@code aud}
	 * @return the service's key, base64
	 */
	public static String derive(String base64Master, String audience) {
		return Base64.getEncoder().encodeToString(derive(Base64.getDecoder().decode(base64Master.trim()), audience));
	}

}
