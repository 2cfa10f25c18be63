package io.edgepass.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class DevSecretsTests {

	@Test
	void generatedKeysAreBase64Of256RandomBits() {
		DevSecrets secrets = DevSecrets.generate();
		assertThat(Base64.getDecoder().decode(secrets.edgeSecret())).hasSize(32);
		assertThat(Base64.getDecoder().decode(secrets.keyEncryptionKey())).hasSize(32);
		assertThat(secrets.edgeSecret()).isNotEqualTo(secrets.keyEncryptionKey());
	}

	@Test
	void everyRunGetsOtherSecretsAndAnotherAdminPassword() {
		DevSecrets first = DevSecrets.generate();
		DevSecrets second = DevSecrets.generate();
		assertThat(second.edgeSecret()).isNotEqualTo(first.edgeSecret());
		assertThat(second.keyEncryptionKey()).isNotEqualTo(first.keyEncryptionKey());
		assertThat(second.adminPassword()).isNotEqualTo(first.adminPassword());
	}

	@Test
	void theAdminIsCalledAdminAndHisPasswordFitsTheContract() {
		DevSecrets secrets = DevSecrets.generate();
		assertThat(secrets.adminUsername()).isEqualTo("admin");
		assertThat(secrets.adminPassword()).hasSize(24).matches("[A-Za-z0-9_-]+");
	}

	@Test
	void keptSecretsAreCreatedOnceReadableByTheOwnerOnlyAndReused(@TempDir Path directory) throws IOException {
		Path file = directory.resolve("run/dev-secrets.properties");
		DevSecrets created = DevSecrets.loadOrCreate(file);
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
		assertThat(DevSecrets.loadOrCreate(file)).isEqualTo(created);
	}

	@Test
	void secretsNeverShowInToString() {
		DevSecrets secrets = DevSecrets.generate();
		assertThat(secrets.toString()).doesNotContain(secrets.edgeSecret(), secrets.keyEncryptionKey(),
				secrets.adminPassword());
	}

	@Test
	void aBlankSecretIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> new DevSecrets(" ", "key", "admin", "password"))
			.withMessageContaining("edge secret");
	}

}
