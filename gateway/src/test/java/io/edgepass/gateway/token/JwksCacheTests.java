package io.edgepass.gateway.token;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.Curve;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.util.unit.DataSize;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The key cache on its own, over a JWKS answered in memory. */
class JwksCacheTests {

	@Test
	void eachKeysVerifierIsPreparedOnceWhenTheJwksLoadsNotPerToken() throws Exception {
		JWKSet jwks = new JWKSet(List.of(new RSAKeyGenerator(2048).keyID("rsa").generate().toPublicJWK(),
				new ECKeyGenerator(Curve.P_256).keyID("ec").generate().toPublicJWK()));
		JwksCache cache = new JwksCache(WebClient.builder()
			.exchangeFunction((request) -> Mono.just(ClientResponse.create(HttpStatus.OK)
				.header(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE)
				.body(jwks.toString())
				.build())), properties(), new SimpleMeterRegistry(), Clock.systemUTC());
		cache.fetch().block(Duration.ofSeconds(5));
		VerificationKey rsa = cache.find("rsa").block(Duration.ofSeconds(5));
		assertThat(cache.find("rsa").block(Duration.ofSeconds(5))).isSameAs(rsa);
		assertThat(rsa.checkFor(JWSAlgorithm.RS256)).isSameAs(rsa.checkFor(JWSAlgorithm.RS256));
		VerificationKey ec = cache.find("ec").block(Duration.ofSeconds(5));
		assertThat(ec.checkFor(JWSAlgorithm.ES256)).isSameAs(ec.checkFor(JWSAlgorithm.ES256));
	}

	private static TokenProperties properties() {
		return new TokenProperties("http://issuer.test", "edgepass-api", List.of("RS256", "ES256"), null,
				Duration.ofSeconds(30), 8192,
				new TokenProperties.Jwks(URI.create("http://jwks.test/jwks.json"), Duration.ofSeconds(60),
						Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofSeconds(1)),
				new TokenProperties.Cache(100, DataSize.ofMegabytes(1)));
	}

}
