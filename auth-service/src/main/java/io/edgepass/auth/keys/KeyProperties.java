package io.edgepass.auth.keys;

import java.time.Duration;
import java.util.Base64;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Signing key storage and rotation.
 *
 * @param encryptionKey the AES-256 key-encryption key that protects private keys at rest,
 * base64 ({@code EDGEPASS_KEY_ENCRYPTION_KEY}, no default)
 * @param rotationPeriod how long a key signs before the next one takes over
 * @param rotationCheckInterval how often a replica checks whether rotation is due
 * @param refreshInterval how often a replica re-reads which key is active, to follow a
 * rotation done by another replica
 */
@ConfigurationProperties("edgepass.keys")
public record KeyProperties(String encryptionKey, @DefaultValue("30d") Duration rotationPeriod,
		@DefaultValue("1m") Duration rotationCheckInterval, @DefaultValue("10s") Duration refreshInterval) {

	/** The decoded key-encryption key; start-up fails clearly without a usable one. */
	byte[] encryptionKeyBytes() {
		if (this.encryptionKey == null || this.encryptionKey.isBlank()) {
			throw new IllegalStateException(
					"EDGEPASS_KEY_ENCRYPTION_KEY is not set: give a base64-encoded 256-bit AES key (e.g. openssl rand -base64 32)");
		}
		byte[] bytes;
		try {
			bytes = Base64.getDecoder().decode(this.encryptionKey.trim());
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException("EDGEPASS_KEY_ENCRYPTION_KEY is not valid base64");
		}
		if (bytes.length != 32) {
			throw new IllegalStateException(
					"EDGEPASS_KEY_ENCRYPTION_KEY must be exactly 256 bits, got " + (bytes.length * 8));
		}
		return bytes;
	}

}
