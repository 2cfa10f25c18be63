package io.edgepass.bench.sessionedge;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The seed's comparison, kept out of the product: one small gateway-style edge in the
 * same framework as ours (Spring Cloud Gateway on WebFlux, Spring Security) that proxies
 * {@code /session/**} for requests carrying a server-side session looked up in Redis
 * (Spring Session) and {@code /jwt/**} for requests carrying an RS256 access token. Same
 * routes, same proxy code; only the authentication differs.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SessionEdgeApplication {

	public static void main(String[] args) {
		SpringApplication.run(SessionEdgeApplication.class, args);
	}

}
