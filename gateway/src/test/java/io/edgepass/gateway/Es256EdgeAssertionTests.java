package io.edgepass.gateway;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.SignedJWT;
import io.edgepass.trust.EdgeAssertionVerifier;
import io.edgepass.trust.EdgeIdentity;
import io.edgepass.trust.EdgeTrustProperties;
import io.edgepass.trust.InvalidEdgeAssertionException;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The gateway in ES256 mode: it signs with its private key and publishes only the public
 * one.
 */
class Es256EdgeAssertionTests extends GatewayTestBase {

	static final ECKey SIGNING_KEY = signingKey();

	@DynamicPropertySource
	static void es256(DynamicPropertyRegistry registry) {
		auth.trustEs256Gateway(SIGNING_KEY.toPublicJWK());
		registry.add("edgepass.edge.algorithm", () -> "ES256");
		registry.add("edgepass.edge.signing-key", SIGNING_KEY::toJSONString);
	}

	@Test
	void managementPortPublishesOnlyThePublicKey() throws Exception {
		String body = management().get()
			.uri("/actuator/edgejwks")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(body).doesNotContain("\"d\"").doesNotContain(SIGNING_KEY.getD().toString());
		List<JWK> keys = JWKSet.parse(body).getKeys();
		assertThat(keys).hasSize(1);
		ECKey published = keys.get(0).toECKey();
		assertThat(published.isPrivate()).isFalse();
		assertThat(published.getKeyID()).isEqualTo(SIGNING_KEY.getKeyID());
		assertThat(published.getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
		assertThat(published.toECPublicKey()).isEqualTo(SIGNING_KEY.toECPublicKey());
	}

	@Test
	void publicPortDoesNotServeTheEdgeKeys() {
		this.client.get().uri("/actuator/edgejwks").exchange().expectStatus().isNotFound();
	}

	@Test
	void forwardedAssertionIsEs256SignedWithoutBlockingAndVerifiesWithThePublishedKeyOnly() throws Exception {
		RecordingBlockHoundIntegration.VIOLATIONS.clear();
		TestTokens.Builder token = TestTokens.rs256();
		Map<String, List<String>> received = receivedHeaders(this.client.get()
			.uri("/orders/mine")
			.header(HttpHeaders.AUTHORIZATION, bearer(token.sign()))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.returnResult()
			.getResponseBody());
		assertThat(RecordingBlockHoundIntegration.VIOLATIONS).isEmpty();
		String assertion = received.get("x-edge-assertion").get(0);
		JWSHeader header = SignedJWT.parse(assertion).getHeader();
		assertThat(header.getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
		assertThat(header.getKeyID()).isEqualTo(SIGNING_KEY.getKeyID());
		EdgeAssertionVerifier es256 = new EdgeAssertionVerifier(
				new EdgeTrustProperties(null, null, null, "edgepass-gateway", "orders-service", Duration.ofSeconds(30),
						Duration.ofSeconds(5), EdgeTrustProperties.Algorithm.ES256, null,
						URI.create("http://127.0.0.1:" + this.managementPort + "/actuator/edgejwks")));
		EdgeIdentity identity = es256.verify(assertion);
		assertThat(identity.userId()).hasToString(token.subject());
		assertThat(identity.tokenId()).isEqualTo(token.claimValue("jti"));
		assertThatExceptionOfType(InvalidEdgeAssertionException.class)
			.isThrownBy(() -> verifierFor("orders-service").verify(assertion));
	}

	private static ECKey signingKey() {
		try {
			return new ECKeyGenerator(Curve.P_256).keyID("edge-test").generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
