package io.edgepass.launcher;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Properties;

import io.edgepass.trust.EdgeAssertionKeys;

/**
 * The secrets of a local run: never committed, generated for the run (or once per kept
 * data directory, because the database holds keys encrypted with them and the admin's
 * password hash).
 *
 * @param edgeMasterSecret {@code EDGEPASS_EDGE_MASTER_SECRET}, the gateway's: base64 of
 * 256 random bits, from which each service's own {@code EDGEPASS_EDGE_SECRET} is derived
 * ({@link #edgeKey})
 * @param keyEncryptionKey {@code EDGEPASS_KEY_ENCRYPTION_KEY}: base64 of 256 random bits
 * @param adminUsername {@code EDGEPASS_ADMIN_USERNAME}
 * @param adminPassword {@code EDGEPASS_ADMIN_PASSWORD}
 */
public record DevSecrets(String edgeMasterSecret, String keyEncryptionKey, String adminUsername, String adminPassword) {

	static final String DEFAULT_ADMIN_USERNAME = "admin";

	private static final SecureRandom RANDOM = new SecureRandom();

	/**
	 * Fresh secrets and a random admin password.
	 * @return the secrets
	 */
	public static DevSecrets generate() {
		return new DevSecrets(randomKey(), randomKey(), DEFAULT_ADMIN_USERNAME, randomPassword());
	}

	/**
	 * The secrets kept in a file, created there on first use (readable by the owner
	 * only).
	 * @param file the properties file
	 * @return the secrets
	 */
	public static DevSecrets loadOrCreate(Path file) {
		try {
			if (Files.exists(file)) {
				Properties properties = new Properties();
				try (Reader reader = Files.newBufferedReader(file)) {
					properties.load(reader);
				}
				// Files kept before per-service keys held the one shared secret: it
				// becomes the master.
				return new DevSecrets(
						properties.getProperty("EDGEPASS_EDGE_MASTER_SECRET",
								properties.getProperty("EDGEPASS_EDGE_SECRET")),
						properties.getProperty("EDGEPASS_KEY_ENCRYPTION_KEY"),
						properties.getProperty("EDGEPASS_ADMIN_USERNAME"),
						properties.getProperty("EDGEPASS_ADMIN_PASSWORD"));
			}
			DevSecrets secrets = generate();
			Files.createDirectories(file.toAbsolutePath().getParent());
			Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
			Properties properties = new Properties();
			properties.setProperty("EDGEPASS_EDGE_MASTER_SECRET", secrets.edgeMasterSecret());
			properties.setProperty("EDGEPASS_KEY_ENCRYPTION_KEY", secrets.keyEncryptionKey());
			properties.setProperty("EDGEPASS_ADMIN_USERNAME", secrets.adminUsername());
			properties.setProperty("EDGEPASS_ADMIN_PASSWORD", secrets.adminPassword());
			try (Writer writer = Files.newBufferedWriter(file)) {
				properties.store(writer, "Edgepass local-run secrets for the kept database; delete with the data");
			}
			return secrets;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read or write the local-run secrets in " + file, ex);
		}
	}

	public DevSecrets {
		requireText(edgeMasterSecret, "edge master secret");
		requireText(keyEncryptionKey, "key encryption key");
		requireText(adminUsername, "admin username");
		requireText(adminPassword, "admin password");
	}

	/**
	 * The same secrets with another admin password.
	 * @param password the password
	 * @return the secrets
	 */
	public DevSecrets withAdminPassword(String password) {
		return new DevSecrets(this.edgeMasterSecret, this.keyEncryptionKey, this.adminUsername, password);
	}

	/**
	 * The key a service behind the gateway verifies assertions with, and the only one it
	 * gets.
	 * @param service a service other than the gateway
	 * @return its {@code EDGEPASS_EDGE_SECRET}, derived from the master secret
	 */
	public String edgeKey(Service service) {
		if (service == Service.GATEWAY) {
			throw new IllegalArgumentException("The gateway holds the master secret, not a derived key");
		}
		return EdgeAssertionKeys.derive(this.edgeMasterSecret, service.module());
	}

	static String randomKey() {
		byte[] key = new byte[32];
		RANDOM.nextBytes(key);
		return Base64.getEncoder().encodeToString(key);
	}

	static String randomPassword() {
		byte[] bytes = new byte[18];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	private static void requireText(String value, String what) {
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException("The " + what + " is missing");
		}
	}

	@Override
	public String toString() {
		return "DevSecrets[adminUsername=" + this.adminUsername + ", (secrets hidden)]";
	}

}
