package io.edgepass.launcher;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.edgepass.trust.EdgeAssertionKeys;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ComposeSecretsTests {

	private static final Pattern REQUIRED = Pattern.compile("\\$\\{([A-Z0-9_]+):\\?");

	private final DevSecrets secrets = DevSecrets.generate();

	@Test
	void everyVariableComposeRequiresIsWritten() throws IOException {
		String compose = Files.readString(Path.of("..", "docker-compose.yml"));
		Set<String> required = new TreeSet<>();
		Matcher matcher = REQUIRED.matcher(compose);
		while (matcher.find()) {
			required.add(matcher.group(1));
		}
		assertThat(required).contains("EDGEPASS_EDGE_MASTER_SECRET", "EDGEPASS_ORDERS_EDGE_SECRET");
		assertThat(printed()).containsKeys(required.toArray(String[]::new))
			.allSatisfy((name, value) -> assertThat(value).as(name).isNotBlank());
	}

	@Test
	void eachServiceGetsTheKeyDerivedFromTheMasterForItsOwnName() {
		Map<String, String> env = printed();
		String master = env.get("EDGEPASS_EDGE_MASTER_SECRET");
		assertThat(Base64.getDecoder().decode(master)).hasSize(32);
		assertThat(env).containsEntry("EDGEPASS_AUTH_EDGE_SECRET", EdgeAssertionKeys.derive(master, "auth-service"))
			.containsEntry("EDGEPASS_ORDERS_EDGE_SECRET", EdgeAssertionKeys.derive(master, "orders-service"))
			.containsEntry("EDGEPASS_PROFILE_EDGE_SECRET", EdgeAssertionKeys.derive(master, "profile-service"));
	}

	@Test
	void everyRunWritesFreshValues() {
		DevSecrets other = DevSecrets.generate();
		assertThat(ComposeSecrets.variables(other, "b")).doesNotContainValue(this.secrets.edgeMasterSecret())
			.doesNotContainValue(this.secrets.edgeKey(Service.ORDERS))
			.doesNotContainValue(this.secrets.adminPassword());
	}

	private Map<String, String> printed() {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		ComposeSecrets.print(this.secrets, "pg-password", new PrintStream(bytes, true, StandardCharsets.UTF_8));
		Map<String, String> env = new LinkedHashMap<>();
		for (String line : bytes.toString(StandardCharsets.UTF_8).split("\n")) {
			if (!line.isBlank() && !line.startsWith("#")) {
				env.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
			}
		}
		return env;
	}

}
