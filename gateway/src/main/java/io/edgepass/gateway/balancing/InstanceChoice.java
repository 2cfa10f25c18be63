package io.edgepass.gateway.balancing;

import java.util.List;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.simple.InstanceProperties;
import org.springframework.cloud.client.discovery.simple.reactive.SimpleReactiveDiscoveryProperties;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The load balancer of each service (round robin, Spring Cloud LoadBalancer's default)
 * chooses among the instances simple discovery lists, minus those lately refusing
 * connections. Registered in each service's own load-balancer context, not scanned.
 * <p>
 * The list is configuration, read once: Spring's discovery-client supplier would ask the
 * discovery client again on every request, under a timeout that schedules a timer per
 * request.
 */
class InstanceChoice {

	@Bean
	ServiceInstanceListSupplier reachableInstances(Environment environment, SimpleReactiveDiscoveryProperties discovery,
			RefusedInstances refused) {
		String service = LoadBalancerClientFactory.getName(environment);
		List<ServiceInstance> instances = discovery.getInstances(service)
			.stream()
			.map(InstanceProperties::toServiceInstance)
			.toList();
		return new ReachableInstances(service, instances, refused);
	}

}
