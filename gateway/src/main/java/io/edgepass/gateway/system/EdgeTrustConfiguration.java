package io.edgepass.gateway.system;

import java.time.Clock;

import io.edgepass.trust.EdgeAssertionMinter;
import io.edgepass.trust.EdgeTrustProperties;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The gateway mints the assertions every service behind it trusts, and with ES256
 * publishes the public key they verify them with.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EdgeTrustProperties.class)
class EdgeTrustConfiguration {

	@Bean
	EdgeAssertionMinter edgeAssertionMinter(EdgeTrustProperties properties, Clock clock) {
		return new EdgeAssertionMinter(properties, clock);
	}

	@Bean
	@ConditionalOnProperty(name = "edgepass.edge.algorithm", havingValue = "ES256")
	EdgeJwksEndpoint edgeJwksEndpoint(EdgeAssertionMinter minter) {
		return new EdgeJwksEndpoint(minter);
	}

}
