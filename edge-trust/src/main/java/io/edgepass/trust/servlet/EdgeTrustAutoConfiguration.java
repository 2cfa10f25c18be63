package io.edgepass.trust.servlet;

import java.time.Clock;

import io.edgepass.trust.EdgeAssertionVerifier;
import io.edgepass.trust.EdgeTrustProperties;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;

/** Wires edge-assertion trust into every servlet service that has this module. */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(HttpSecurity.class)
@EnableConfigurationProperties(EdgeTrustProperties.class)
public class EdgeTrustAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	EdgeAssertionVerifier edgeAssertionVerifier(EdgeTrustProperties properties, ObjectProvider<Clock> clock) {
		return new EdgeAssertionVerifier(properties, clock.getIfAvailable(Clock::systemUTC));
	}

	@Bean
	@ConditionalOnMissingBean
	EdgeAssertionSecurity edgeAssertionSecurity(EdgeAssertionVerifier verifier) {
		return new EdgeAssertionSecurity(verifier);
	}

}
