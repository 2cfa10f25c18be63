package io.edgepass.gateway.token;

import java.util.Base64;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/** THREATS A 5 (start-up half): HS256 mode refuses to start with a weak secret. */
class TokenPropertiesTests {

	private final ApplicationContextRunner context = new ApplicationContextRunner()
		.withUserConfiguration(Settings.class);

	@Test
	void hs256ModeWithASecretUnder256BitsRefusesToStart() {
		String short31 = Base64.getEncoder().encodeToString(new byte[31]);
		this.context.withPropertyValues("edgepass.token.algorithms=HS256", "edgepass.token.hs256-secret=" + short31)
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("at least 256 bits"));
		this.context.withPropertyValues("edgepass.token.algorithms=RS256,HS256")
			.run((context) -> assertThat(context).hasFailed());
	}

	@Test
	void hs256ModeWithA256BitSecretStarts() {
		String secret = Base64.getEncoder().encodeToString(new byte[32]);
		this.context.withPropertyValues("edgepass.token.algorithms=HS256", "edgepass.token.hs256-secret=" + secret)
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void noneOrUnknownAlgorithmsCannotBeConfigured() {
		for (String algorithm : new String[] { "none", "NONE", "HS512", "RS256,none" }) {
			this.context.withPropertyValues("edgepass.token.algorithms=" + algorithm)
				.run((context) -> assertThat(context).hasFailed());
		}
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(TokenProperties.class)
	static class Settings {

	}

}
