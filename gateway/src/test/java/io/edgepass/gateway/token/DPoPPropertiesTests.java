package io.edgepass.gateway.token;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/** DPoP's settings: safe defaults, and no window or replay cache that checks nothing. */
class DPoPPropertiesTests {

	private final ApplicationContextRunner context = new ApplicationContextRunner()
		.withUserConfiguration(Settings.class);

	@Test
	void theDefaultsAreAMinuteAHundredThousandProofsAndBearerStillAccepted() {
		this.context.run((context) -> {
			DPoPProperties dpop = context.getBean(DPoPProperties.class);
			assertThat(dpop.proofWindow()).isEqualTo(Duration.ofSeconds(60));
			assertThat(dpop.replayCacheSize()).isEqualTo(100_000);
			assertThat(dpop.required()).isFalse();
		});
	}

	@Test
	void aWindowOrReplayCacheOfNothingRefusesToStart() {
		for (String setting : new String[] { "edgepass.dpop.proof-window=0s", "edgepass.dpop.proof-window=-5s",
				"edgepass.dpop.replay-cache-size=0" }) {
			this.context.withPropertyValues(setting).run((context) -> assertThat(context).hasFailed());
		}
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(DPoPProperties.class)
	static class Settings {

	}

}
