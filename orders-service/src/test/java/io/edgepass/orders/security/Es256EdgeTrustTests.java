package io.edgepass.orders.security;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.sun.net.httpserver.HttpServer;
import io.edgepass.orders.OrdersServiceTest;
import io.edgepass.testsupport.TestEdgeAssertions;
import io.edgepass.trust.EdgeAssertionMinter;
import io.edgepass.trust.EdgeHeaders;
import io.edgepass.trust.EdgeIdentity;
import io.edgepass.trust.EdgeTrustProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service in ES256 mode: it trusts what the gateway's key signed, fetched from the
 * gateway's JWKS, and nothing HS256, not even with the secret it still has configured.
 */
class Es256EdgeTrustTests extends OrdersServiceTest {

	private static final EdgeAssertionMinter gateway = es256Minter("gateway-1");

	private static final HttpServer gatewayManagement = publish(gateway);

	@DynamicPropertySource
	static void es256(DynamicPropertyRegistry registry) {
		registry.add("edgepass.edge.algorithm", () -> "ES256");
		registry.add("edgepass.edge.jwks-url",
				() -> "http://127.0.0.1:" + gatewayManagement.getAddress().getPort() + "/actuator/edgejwks");
	}

	@AfterAll
	static void stopTheGateway() {
		gatewayManagement.stop(0);
	}

	@Test
	void theGatewaysEs256AssertionIsAccepted() {
		EdgeIdentity alice = newUser();
		Response listed = send(request("/orders").header(EdgeHeaders.ASSERTION, gateway.mint(alice, AUDIENCE)).GET());
		assertThat(listed.status()).isEqualTo(200);
		assertThat((Integer) listed.json("$.page.totalElements")).isZero();
	}

	@Test
	void anHs256AssertionIsRejectedEvenWithTheConfiguredSecret() {
		String hs256 = TestEdgeAssertions.mint(newUser(), AUDIENCE);
		assertUnauthorized(send(request("/orders").header(EdgeHeaders.ASSERTION, hs256).GET()),
				"Bearer error=\"invalid_token\"");
	}

	@Test
	void anEs256AssertionSignedWithAnotherKeyIsRejected() {
		String forged = es256Minter("gateway-1").mint(newUser(), AUDIENCE);
		assertUnauthorized(send(request("/orders").header(EdgeHeaders.ASSERTION, forged).GET()),
				"Bearer error=\"invalid_token\"");
	}

	private static EdgeAssertionMinter es256Minter(String kid) {
		try {
			String key = new ECKeyGenerator(Curve.P_256).keyID(kid).generate().toJSONString();
			return new EdgeAssertionMinter(new EdgeTrustProperties(null, null, null, "edgepass-gateway", null,
					Duration.ofSeconds(30), Duration.ofSeconds(5), EdgeTrustProperties.Algorithm.ES256, key, null));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static HttpServer publish(EdgeAssertionMinter minter) {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			server.createContext("/actuator/edgejwks", (exchange) -> {
				byte[] body = JSONObjectUtils.toJSONString(minter.publicJwks()).getBytes(StandardCharsets.UTF_8);
				exchange.getResponseHeaders().add("Content-Type", "application/json");
				exchange.sendResponseHeaders(200, body.length);
				try (OutputStream out = exchange.getResponseBody()) {
					out.write(body);
				}
			});
			server.start();
			return server;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
