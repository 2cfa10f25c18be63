package io.edgepass.gateway.system;

import io.edgepass.trust.EdgeAssertionMinter;
import io.edgepass.trust.EdgeTrustProperties;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The gateway mints the assertions every service behind it trusts. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EdgeTrustProperties.class)
class EdgeTrustConfiguration {

	@Bean
	EdgeAssertionMinter edgeAssertionMinter(EdgeTrustProperties properties) {
		return new EdgeAssertionMinter(properties);
	}

}
