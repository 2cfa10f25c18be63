package io.edgepass.gateway.system;

import java.net.InetSocketAddress;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** THREATS B 20: forwarding headers count only when a configured proxy sent them. */
class ClientAddressesTests {

	@Test
	void withoutTrustedProxiesTheClientIsThePeerWhateverItClaims() {
		ClientAddresses clients = clients(List.of());
		MockServerHttpRequest request = from("198.51.100.1", "203.0.113.7");
		assertThat(clients.clientOf(request)).isEqualTo("198.51.100.1");
		assertThat(clients.fromTrustedProxy(request)).isFalse();
	}

	@Test
	void behindATrustedProxyTheClientIsTheNearestUntrustedHop() {
		ClientAddresses clients = clients(List.of("10.0.0.0/8", "192.0.2.1"));
		assertThat(clients.clientOf(from("10.1.2.3", "203.0.113.7, 192.0.2.1"))).isEqualTo("203.0.113.7");
		assertThat(clients.clientOf(from("10.1.2.3", "6.6.6.6, 203.0.113.7"))).isEqualTo("203.0.113.7");
		assertThat(clients.fromTrustedProxy(from("10.1.2.3", "203.0.113.7"))).isTrue();
		assertThat(clients.clientOf(from("11.1.2.3", "203.0.113.7"))).isEqualTo("11.1.2.3");
	}

	@Test
	void garbageInForwardedForFallsBackToThePeer() {
		ClientAddresses clients = clients(List.of("10.0.0.0/8"));
		assertThat(clients.clientOf(from("10.1.2.3", "evil.example.com"))).isEqualTo("10.1.2.3");
		assertThat(clients.clientOf(from("10.1.2.3", "' OR 1=1 --"))).isEqualTo("10.1.2.3");
	}

	@Test
	void trustedProxiesMustBeAddressesOrRangesNeverNames() {
		assertThatIllegalArgumentException().isThrownBy(() -> clients(List.of("proxy.internal")));
		assertThatIllegalArgumentException().isThrownBy(() -> clients(List.of("10.0.0.0/33")));
	}

	private static ClientAddresses clients(List<String> trusted) {
		return new ClientAddresses(new EdgeGatewayProperties(null, null, null, trusted, List.of(), null, null, null));
	}

	private static MockServerHttpRequest from(String peer, String forwardedFor) {
		return MockServerHttpRequest.get("/orders")
			.remoteAddress(new InetSocketAddress(peer, 40000))
			.header("X-Forwarded-For", forwardedFor)
			.build();
	}

}
