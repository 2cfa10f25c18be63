package io.edgepass.gateway.system;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;

import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;

/**
 * Who is on the other end of a request: the connection's peer, unless that peer is a
 * configured trusted proxy, in which case the nearest untrusted address it reports in
 * {@code X-Forwarded-For}. Nothing a client sends is believed otherwise.
 */
@Component
public class ClientAddresses {

	private static final String UNKNOWN = "unknown";

	private final List<Range> trustedProxies;

	ClientAddresses(EdgeGatewayProperties properties) {
		this.trustedProxies = properties.trustedProxies()
			.stream()
			.filter((proxy) -> !proxy.isBlank())
			.map((proxy) -> Range.parse(proxy.trim()))
			.toList();
	}

	public boolean fromTrustedProxy(ServerHttpRequest request) {
		return isTrusted(peer(request));
	}

	public String clientOf(ServerHttpRequest request) {
		String peer = peer(request);
		if (!isTrusted(peer)) {
			return peer;
		}
		List<String> forwarded = request.getHeaders().getValuesAsList("X-Forwarded-For");
		for (int i = forwarded.size() - 1; i >= 0; i--) {
			String hop = forwarded.get(i).trim();
			if (!isTrusted(hop)) {
				return isAddress(hop) ? hop : peer;
			}
		}
		return peer;
	}

	private static String peer(ServerHttpRequest request) {
		InetSocketAddress remote = request.getRemoteAddress();
		return (remote != null && remote.getAddress() != null) ? remote.getAddress().getHostAddress() : UNKNOWN;
	}

	private boolean isTrusted(String address) {
		if (this.trustedProxies.isEmpty()) {
			return false;
		}
		InetAddress parsed = literal(address);
		return parsed != null && this.trustedProxies.stream().anyMatch((proxy) -> proxy.contains(parsed));
	}

	private static boolean isAddress(String candidate) {
		return literal(candidate) != null;
	}

	/** An IP literal, never a name lookup. */
	private static InetAddress literal(String candidate) {
		if (candidate.isEmpty() || candidate.length() > 45) {
			return null;
		}
		boolean colon = false;
		for (int i = 0; i < candidate.length(); i++) {
			char c = candidate.charAt(i);
			colon |= c == ':';
			if (Character.digit(c, 16) == -1 && c != '.' && c != ':') {
				return null;
			}
		}
		if (!colon && !candidate.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
			return null;
		}
		try {
			return InetAddress.getByName(candidate);
		}
		catch (UnknownHostException ex) {
			return null;
		}
	}

	/** An address or CIDR range of trusted proxies. */
	private record Range(byte[] network, int prefix) {

		static Range parse(String spec) {
			int slash = spec.indexOf('/');
			InetAddress address = literal((slash < 0) ? spec : spec.substring(0, slash));
			if (address == null) {
				throw new IllegalArgumentException(
						"edgepass.gateway.trusted-proxies: '" + spec + "' is not an IP address or CIDR range");
			}
			int bits = address.getAddress().length * 8;
			int prefix = (slash < 0) ? bits : Integer.parseInt(spec.substring(slash + 1));
			if (prefix < 0 || prefix > bits) {
				throw new IllegalArgumentException("edgepass.gateway.trusted-proxies: bad prefix in '" + spec + "'");
			}
			return new Range(address.getAddress(), prefix);
		}

		boolean contains(InetAddress address) {
			byte[] candidate = address.getAddress();
			if (candidate.length != this.network.length) {
				return false;
			}
			for (int bit = 0; bit < this.prefix; bit++) {
				int mask = 0x80 >> (bit % 8);
				if ((candidate[bit / 8] & mask) != (this.network[bit / 8] & mask)) {
					return false;
				}
			}
			return true;
		}

	}

}
