package io.edgepass.gateway;

import io.edgepass.gateway.ratelimit.RateLimitProperties;
import io.edgepass.gateway.revocation.RevocationProperties;
import io.edgepass.gateway.system.EdgeGatewayProperties;
import io.edgepass.gateway.token.TokenProperties;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

@SpringBootApplication
@EnableConfigurationProperties({ EdgeGatewayProperties.class, TokenProperties.class, RevocationProperties.class,
		RateLimitProperties.class })
public class GatewayApplication {

	public static void main(String[] args) {
		SpringApplication.run(GatewayApplication.class, args);
	}

}
