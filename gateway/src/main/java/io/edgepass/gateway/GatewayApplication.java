package io.edgepass.gateway;

import io.edgepass.gateway.ratelimit.RateLimitProperties;
import io.edgepass.gateway.revocation.RevocationProperties;
import io.edgepass.gateway.system.EdgeGatewayProperties;
import io.edgepass.gateway.token.TokenProperties;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

@SpringBootApplication
// Found as a bean, so springdoc does not scan the classpath for it (blocking) on an event
// loop.
@OpenAPIDefinition(info = @Info(title = "Edgepass gateway", version = "1",
		description = "The gateway has no API of its own: each service's document is listed at /docs."))
@EnableConfigurationProperties({ EdgeGatewayProperties.class, TokenProperties.class, RevocationProperties.class,
		RateLimitProperties.class })
public class GatewayApplication {

	public static void main(String[] args) {
		SpringApplication.run(GatewayApplication.class, args);
	}

}
