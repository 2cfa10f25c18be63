package io.edgepass.gateway.balancing;

import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import reactor.core.publisher.Mono;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.ReactiveDiscoveryClient;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * For the gateway's own calls (JWKS, revocation feed): a {@code lb://<service>/...} URL
 * goes to the service's instances in turn, starting with the next one each time and with
 * those lately refusing connections last, until one answers; a call that got an answer,
 * whatever its status, is not repeated. Other URLs are called as they are.
 */
class InstancesInTurn implements ExchangeFilterFunction {

	private final ReactiveDiscoveryClient discovery;

	private final RefusedInstances refused;

	private final AtomicInteger next = new AtomicInteger();

	InstancesInTurn(ReactiveDiscoveryClient discovery, RefusedInstances refused) {
		this.discovery = discovery;
		this.refused = refused;
	}

	@Override
	public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction exchange) {
		if (!"lb".equals(request.url().getScheme())) {
			return exchange.exchange(request);
		}
		String service = request.url().getHost();
		return this.discovery.getInstances(service).collectList().flatMap((instances) -> {
			if (instances.isEmpty()) {
				return Mono.error(new WebClientRequestException(
						new IllegalStateException("No instance of " + service + " is configured"), request.method(),
						request.url(), request.headers()));
			}
			return attempt(request, exchange, inTurn(instances), 0);
		});
	}

	private List<ServiceInstance> inTurn(List<ServiceInstance> instances) {
		int start = Math.floorMod(this.next.getAndIncrement(), instances.size());
		List<ServiceInstance> ordered = new ArrayList<>(instances.subList(start, instances.size()));
		ordered.addAll(instances.subList(0, start));
		ordered.sort(Comparator.comparing(this.refused::isSkipped));
		return ordered;
	}

	private Mono<ClientResponse> attempt(ClientRequest request, ExchangeFunction exchange,
			List<ServiceInstance> instances, int index) {
		ServiceInstance instance = instances.get(index);
		ClientRequest toInstance = ClientRequest.from(request).url(at(instance, request.url())).build();
		return exchange.exchange(toInstance).onErrorResume(WebClientRequestException.class, (failure) -> {
			if (RefusedInstances.isConnectFailure(failure)) {
				this.refused.refused(instance);
			}
			return (index + 1 < instances.size()) ? attempt(request, exchange, instances, index + 1)
					: Mono.error(failure);
		});
	}

	private static URI at(ServiceInstance instance, URI url) {
		return UriComponentsBuilder.fromUri(url)
			.scheme(instance.isSecure() ? "https" : "http")
			.host(instance.getHost())
			.port(instance.getPort())
			.build(true)
			.toUri();
	}

}
