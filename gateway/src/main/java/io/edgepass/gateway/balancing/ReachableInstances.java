package io.edgepass.gateway.balancing;

import java.util.List;

import reactor.core.publisher.Flux;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.Request;
import org.springframework.cloud.client.loadbalancer.RequestDataContext;
import org.springframework.cloud.client.loadbalancer.Response;
import org.springframework.cloud.client.loadbalancer.RetryableRequestContext;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;

/**
 * A service's configured instances minus those that refused a connection lately, and, for
 * a retry, minus the instance the first attempt went to, so that a retried request goes
 * to another instance. When that leaves none, every instance is offered: a call that may
 * fail beats one that cannot succeed.
 */
class ReachableInstances implements ServiceInstanceListSupplier {

	private final String serviceId;

	private final List<ServiceInstance> instances;

	private final RefusedInstances refused;

	ReachableInstances(String serviceId, List<ServiceInstance> instances, RefusedInstances refused) {
		this.serviceId = serviceId;
		this.instances = List.copyOf(instances);
		this.refused = refused;
	}

	@Override
	public String getServiceId() {
		return this.serviceId;
	}

	@Override
	public Flux<List<ServiceInstance>> get() {
		return Flux.just(choosable(null));
	}

	@Override
	public Flux<List<ServiceInstance>> get(Request request) {
		return Flux.just(choosable(previousAttempt(request)));
	}

	private List<ServiceInstance> choosable(ServiceInstance previous) {
		List<ServiceInstance> reachable = this.instances.stream()
			.filter((instance) -> !this.refused.isSkipped(instance))
			.filter((instance) -> previous == null || !instance.getUri().equals(previous.getUri()))
			.toList();
		return reachable.isEmpty() ? this.instances : reachable;
	}

	/**
	 * The instance an earlier attempt of this request went to: the load-balanced
	 * WebClient says so in its retry context, a route leaves its choice in the exchange,
	 * which a retry keeps.
	 */
	private static ServiceInstance previousAttempt(Request<?> request) {
		Object context = request.getContext();
		if (context instanceof RetryableRequestContext retry) {
			return retry.getPreviousServiceInstance();
		}
		if (context instanceof RequestDataContext data && data.getClientRequest() != null
				&& data.getClientRequest().getAttributes() != null) {
			Object chosen = data.getClientRequest()
				.getAttributes()
				.get(ServerWebExchangeUtils.GATEWAY_LOADBALANCER_RESPONSE_ATTR);
			if (chosen instanceof Response<?> response && response.getServer() instanceof ServiceInstance instance) {
				return instance;
			}
		}
		return null;
	}

}
