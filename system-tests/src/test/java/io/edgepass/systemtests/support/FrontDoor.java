package io.edgepass.systemtests.support;

import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What stands in front of several gateways (a cloud load balancer, an ingress): spreads a
 * client's requests over them round robin, skips a gateway that refused a connection for
 * a few seconds, and sends a GET that found no gateway once more to the next. A POST is
 * not resent here: its retry is the client's, with an Idempotency-Key.
 */
public final class FrontDoor implements AutoCloseable {

	private static final Duration SKIP = Duration.ofSeconds(5);

	private final List<ApiClient> gateways;

	private final Map<Integer, Instant> skippedUntil = new ConcurrentHashMap<>();

	private final AtomicInteger next = new AtomicInteger();

	FrontDoor(List<URI> gateways, InetAddress address) {
		this.gateways = gateways.stream().map((base) -> new ApiClient(base, address)).toList();
	}

	public Reply get(String path, String bearer) {
		int first = choose();
		Reply reply = this.gateways.get(first).get(path, bearer);
		if (!refused(first, reply)) {
			return reply;
		}
		return this.gateways.get(choose()).get(path, bearer);
	}

	public Reply post(String path, String bearer, String jsonBody, String... headers) {
		int gateway = choose();
		Reply reply = this.gateways.get(gateway).post(path, bearer, jsonBody, headers);
		refused(gateway, reply);
		return reply;
	}

	private int choose() {
		Instant now = Instant.now();
		for (int attempt = 0; attempt < this.gateways.size(); attempt++) {
			int candidate = Math.floorMod(this.next.getAndIncrement(), this.gateways.size());
			Instant until = this.skippedUntil.get(candidate);
			if (until == null || until.isBefore(now)) {
				return candidate;
			}
		}
		return Math.floorMod(this.next.getAndIncrement(), this.gateways.size());
	}

	private boolean refused(int gateway, Reply reply) {
		boolean refused = reply.status() == 0 && reply.body().contains(ConnectException.class.getSimpleName());
		if (refused) {
			this.skippedUntil.put(gateway, Instant.now().plus(SKIP));
		}
		return refused;
	}

	@Override
	public void close() {
		this.gateways.forEach(ApiClient::close);
	}

}
