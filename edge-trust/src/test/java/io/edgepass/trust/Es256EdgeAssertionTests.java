package io.edgepass.trust;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** ES256 assertions: the gateway signs, services verify with its published public key. */
class Es256EdgeAssertionTests {

	static final String SECRET = Base64.getEncoder().encodeToString(new byte[32]);

	static final ECKey GATEWAY_KEY = generate("gateway-1");

	static final EdgeAssertionMinter GATEWAY = new EdgeAssertionMinter(es256(GATEWAY_KEY.toJSONString(), null, null));

	static HttpServer jwksServer;

	final EdgeIdentity alice = new EdgeIdentity(UUID.randomUUID(), "alice", List.of("USER"),
			List.of("orders:read", "orders:write"), "session-1", "token-1");

	@BeforeAll
	static void publishTheGatewaysKeys() throws IOException {
		jwksServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		jwksServer.createContext("/actuator/edgejwks", (exchange) -> {
			byte[] body = JSONObjectUtils.toJSONString(GATEWAY.publicJwks()).getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		});
		jwksServer.start();
	}

	@AfterAll
	static void stopPublishing() {
		jwksServer.stop(0);
	}

	@Test
	void assertionSignedWithTheGatewaysKeyVerifiesThroughItsJwks() throws Exception {
		String assertion = GATEWAY.mint(this.alice, "orders-service");
		JWSHeader header = SignedJWT.parse(assertion).getHeader();
		assertThat(header.getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
		assertThat(header.getKeyID()).isEqualTo("gateway-1");
		assertThat(header.getType().getType()).isEqualTo("edge+jwt");
		assertThat(verifier("orders-service").verify(assertion)).isEqualTo(this.alice);
	}

	@Test
	void assertionSignedWithAnotherKeyUnderTheSameKidIsRejected() {
		String forged = new EdgeAssertionMinter(es256(generate("gateway-1").toJSONString(), null, null))
			.mint(this.alice, "orders-service");
		assertRejected(verifier("orders-service"), forged);
	}

	@Test
	void assertionForAnotherServiceIsRejectedAsWithHs256() {
		assertRejected(verifier("orders-service"), GATEWAY.mint(this.alice, "profile-service"));
	}

	@Test
	void hs256AssertionIsRejectedInEs256ModeWhateverItIsSignedWith() throws Exception {
		EdgeAssertionVerifier verifier = verifier("orders-service");
		assertRejected(verifier, hs256Minter().mint(this.alice, "orders-service"));
		JWTClaimsSet claims = SignedJWT.parse(GATEWAY.mint(this.alice, "orders-service")).getJWTClaimsSet();
		JWSHeader hs256 = new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("gateway-1")
			.type(EdgeAssertionVerifier.TYPE)
			.build();
		for (byte[] publicKeyAsSecret : List.of(
				GATEWAY_KEY.toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8),
				GATEWAY_KEY.toECPublicKey().getEncoded())) {
			SignedJWT confused = new SignedJWT(hs256, claims);
			confused.sign(new MACSigner(publicKeyAsSecret));
			assertRejected(verifier, confused.serialize());
		}
	}

	@Test
	void es256AssertionIsRejectedInHs256Mode() throws Exception {
		EdgeAssertionVerifier hs256 = new EdgeAssertionVerifier(
				EdgeTrustProperties.service(EdgeAssertionKeys.derive(SECRET, "orders-service"), "edgepass-gateway",
						"orders-service", Duration.ofSeconds(30), Duration.ofSeconds(5)));
		assertRejected(hs256, GATEWAY.mint(this.alice, "orders-service"));
		assertThat(hs256.verify(hs256Minter().mint(this.alice, "orders-service"))).isEqualTo(this.alice);
	}

	@Test
	void unreachableJwksRejectsTheAssertionInsteadOfFailing() throws Exception {
		EdgeAssertionVerifier verifier = new EdgeAssertionVerifier(
				es256(null, "orders-service", URI.create("http://127.0.0.1:1/actuator/edgejwks")));
		assertRejected(verifier, GATEWAY.mint(this.alice, "orders-service"));
	}

	@Test
	void publishedJwksHoldsOnlyThePublicKey() throws Exception {
		Map<String, Object> jwks = GATEWAY.publicJwks();
		assertThat(JSONObjectUtils.toJSONString(jwks)).doesNotContain("\"d\"")
			.doesNotContain(GATEWAY_KEY.getD().toString());
		List<Object> keys = JSONObjectUtils.getJSONArray(jwks, "keys");
		assertThat(keys).hasSize(1);
		ECKey published = ECKey
			.parse(JSONObjectUtils.toJSONString(JSONObjectUtils.getJSONObjectArray(jwks, "keys")[0]));
		assertThat(published.isPrivate()).isFalse();
		assertThat(published.getKeyID()).isEqualTo("gateway-1");
		assertThat(published.getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
		assertThat(published.getKeyUse()).isEqualTo(KeyUse.SIGNATURE);
		assertThat(published.toECPublicKey()).isEqualTo(GATEWAY_KEY.toECPublicKey());
	}

	@Test
	void settingsNeverPrintTheSigningKeyOrTheSecret() {
		EdgeTrustProperties properties = new EdgeTrustProperties(SECRET, SECRET, SECRET, "edgepass-gateway", null,
				Duration.ofSeconds(30), Duration.ofSeconds(5), EdgeTrustProperties.Algorithm.ES256,
				GATEWAY_KEY.toJSONString(), null);
		assertThat(properties.toString()).contains("ES256")
			.doesNotContain(SECRET)
			.doesNotContain(GATEWAY_KEY.getD().toString());
	}

	@Test
	void hs256GatewayPublishesNoKeyAtAll() {
		assertThat(JSONObjectUtils.toJSONString(hs256Minter().publicJwks())).isEqualTo("{\"keys\":[]}");
	}

	@Test
	void gatewayRefusesToStartWithoutAValidP256SigningKey() throws Exception {
		ECKey p384 = new ECKeyGenerator(Curve.P_384).keyID("k").generate();
		ECKey other = generate("gateway-1");
		String mismatched = new ECKey.Builder(GATEWAY_KEY.toPublicJWK()).d(other.getD()).build().toJSONString();
		List<String> unusable = Arrays.asList(null, "", "not json", "{\"kty\":\"EC\"}",
				new RSAKeyGenerator(2048).keyID("k").generate().toJSONString(), p384.toJSONString(),
				GATEWAY_KEY.toPublicJWK().toJSONString(),
				new ECKey.Builder(GATEWAY_KEY).keyID(null).build().toJSONString(),
				new ECKey.Builder(GATEWAY_KEY).algorithm(JWSAlgorithm.ES384).build().toJSONString(),
				new ECKey.Builder(GATEWAY_KEY).keyUse(KeyUse.ENCRYPTION).build().toJSONString(), mismatched);
		for (String key : unusable) {
			assertThatIllegalStateException().isThrownBy(() -> new EdgeAssertionMinter(es256(key, null, null)))
				.withMessageContaining("EDGEPASS_EDGE_SIGNING_KEY")
				.withMessageNotContaining(GATEWAY_KEY.getD().toString())
				.withMessageNotContaining(other.getD().toString());
		}
	}

	@Test
	void serviceRefusesToStartInEs256ModeWithoutAnHttpJwksUrlButNeedsNoSecret() {
		for (URI url : Arrays.asList(null, URI.create("/actuator/edgejwks"), URI.create("file:///etc/passwd"))) {
			assertThatIllegalStateException()
				.isThrownBy(() -> new EdgeAssertionVerifier(es256(null, "orders-service", url)))
				.withMessageContaining("EDGEPASS_EDGE_JWKS_URL");
		}
		assertThat(verifier("orders-service")).isNotNull();
	}

	EdgeAssertionVerifier verifier(String audience) {
		return new EdgeAssertionVerifier(es256(null, audience,
				URI.create("http://127.0.0.1:" + jwksServer.getAddress().getPort() + "/actuator/edgejwks")));
	}

	static EdgeTrustProperties es256(String signingKey, String audience, URI jwksUrl) {
		return new EdgeTrustProperties(null, null, null, "edgepass-gateway", audience, Duration.ofSeconds(30),
				Duration.ofSeconds(5), EdgeTrustProperties.Algorithm.ES256, signingKey, jwksUrl);
	}

	static EdgeAssertionMinter hs256Minter() {
		return new EdgeAssertionMinter(EdgeTrustProperties.gateway(SECRET, "edgepass-gateway", Duration.ofSeconds(30)));
	}

	static ECKey generate(String kid) {
		try {
			return new ECKeyGenerator(Curve.P_256).keyID(kid).generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static void assertRejected(EdgeAssertionVerifier verifier, String assertion) {
		assertThatExceptionOfType(InvalidEdgeAssertionException.class).isThrownBy(() -> verifier.verify(assertion));
	}

}
