package io.edgepass.bench.peer;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import reactor.netty.ReactorNetty;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;

/**
 * The peer Edgepass is measured against: what a user would set up instead, the bare
 * Spring Cloud Gateway with Spring Security's OAuth2 resource server of the usual "SCG +
 * JWT" samples. A public route and an RS256-protected route to the benchmark's stub
 * ({@code peer.yml}), Spring's own {@link NimbusReactiveJwtDecoder} on the same JWKS with
 * only the timestamp validator (and {@code typ: at+jwt} accepted, which Spring Security 7
 * refuses by default), one event loop per core like the gateway.
 */
@SpringBootApplication
public class PeerGatewayApplication {

	public static void main(String[] args) {
		if (System.getProperty(ReactorNetty.IO_WORKER_COUNT) == null) {
			System.setProperty(ReactorNetty.IO_WORKER_COUNT,
					Integer.toString(Math.max(1, Runtime.getRuntime().availableProcessors())));
		}
		new SpringApplicationBuilder(PeerGatewayApplication.class).properties("spring.config.name=peer").run(args);
	}

	@Bean
	SecurityWebFilterChain peerSecurity(ServerHttpSecurity http) {
		return http.csrf((csrf) -> csrf.disable())
			.authorizeExchange((exchanges) -> exchanges.pathMatchers("/.well-known/jwks.json")
				.permitAll()
				.anyExchange()
				.authenticated())
			.oauth2ResourceServer((server) -> server.jwt(Customizer.withDefaults()))
			.build();
	}

	@Bean
	ReactiveJwtDecoder jwtDecoder(@Value("${bench.peer.jwks-url}") String jwksUrl) {
		NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withJwkSetUri(jwksUrl)
			.jwsAlgorithm(SignatureAlgorithm.RS256)
			.jwtProcessorCustomizer((processor) -> processor
				.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType("at+jwt"))))
			.build();
		decoder.setJwtValidator(new JwtTimestampValidator());
		return decoder;
	}

}
