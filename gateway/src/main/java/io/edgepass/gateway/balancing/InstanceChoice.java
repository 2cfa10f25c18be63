package io.edgepass.gateway.balancing;

import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * The load balancer of each service (round robin, Spring Cloud LoadBalancer's default)
 * chooses among the instances simple discovery lists, minus those lately refusing
 * connections. Registered in each service's own load-balancer context, not scanned.
 */
class InstanceChoice {

	@Bean
	ServiceInstanceListSupplier reachableInstances(ConfigurableApplicationContext context, RefusedInstances refused) {
		return ServiceInstanceListSupplier.builder()
			.withDiscoveryClient()
			.with((ignored, discovered) -> new ReachableInstances(discovered, refused))
			.build(context);
	}

}
