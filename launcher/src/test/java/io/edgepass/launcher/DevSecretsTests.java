package io.edgepass.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

import io.edgepass.trust.EdgeAssertionKeys;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class DevSecretsTests {

	@Test
	void generatedKeysAreBase64Of256RandomBits() {
		DevSecrets secrets = DevSecrets.generate();
		assertThat(Base64.getDecoder().decode(secrets.edgeMasterSecret())).hasSize(32);
		assertThat(Base64.getDecoder().decode(secrets.keyEncryptionKey())).hasSize(32);
		assertThat(secrets.edgeMasterSecret()).isNotEqualTo(secrets.keyEncryptionKey());
	}

	@Test
	void eachServiceBehindTheGatewayGetsAKeyOfItsOwnAndNeverTheMaster() {
		DevSecrets secrets = DevSecrets.generate();
		List<String> keys = Stream.of(Service.AUTH, Service.ORDERS, Service.PROFILE).map(secrets::edgeKey).toList();
		assertThat(keys).doesNotHaveDuplicates().doesNotContain(secrets.edgeMasterSecret());
		assertThat(keys).allSatisfy((key) -> assertThat(Base64.getDecoder().decode(key)).hasSize(32));
		assertThat(secrets.edgeKey(Service.ORDERS))
			.isEqualTo(EdgeAssertionKeys.derive(secrets.edgeMasterSecret(), "orders-service"));
		assertThatIllegalArgumentException().isThrownBy(() -> secrets.edgeKey(Service.GATEWAY));
	}

	@Test
	void everyRunGetsOtherSecretsAndAnotherAdminPassword() {
		DevSecrets first = DevSecrets.generate();
		DevSecrets second = DevSecrets.generate();
		assertThat(second.edgeMasterSecret()).isNotEqualTo(first.edgeMasterSecret());
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
		assertThat(Files.readString(file)).contains("EDGEPASS_EDGE_MASTER_SECRET=");
	}

	@Test
	void aFileKeptBeforePerServiceKeysKeepsItsSharedSecretAsTheMaster(@TempDir Path directory) throws IOException {
		Path file = directory.resolve("dev-secrets.properties");
		Files.writeString(file, "EDGEPASS_EDGE_SECRET=b2xk\nEDGEPASS_KEY_ENCRYPTION_KEY=a2Vr\n"
				+ "EDGEPASS_ADMIN_USERNAME=admin\nEDGEPASS_ADMIN_PASSWORD=pw\n");
		assertThat(DevSecrets.loadOrCreate(file).edgeMasterSecret()).isEqualTo("b2xk");
	}

	@Test
	void secretsNeverShowInToString() {
		DevSecrets secrets = DevSecrets.generate();
		assertThat(secrets.toString()).doesNotContain(secrets.edgeMasterSecret(), secrets.keyEncryptionKey(),
				secrets.adminPassword());
	}

	@Test
	void aBlankSecretIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> new DevSecrets(" ", "key", "admin", "password"))
			.withMessageContaining("edge master secret");
	}

}
