package io.edgepass.gateway.balancing;

import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.edgepass.gateway.system.EdgeGatewayProperties;
import io.edgepass.gateway.system.EdgeGatewayProperties.Upstream;

import org.springframework.beans.factory.SmartInitializingSingleton;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webclient.WebClientCustomizer;
import org.springframework.cloud.client.discovery.ReactiveDiscoveryClient;
import org.springframework.cloud.client.discovery.simple.InstanceProperties;
import org.springframework.cloud.client.discovery.simple.reactive.SimpleReactiveDiscoveryProperties;
import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClients;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Every service behind the gateway is a list of instances, from configuration (simple
 * discovery): {@code EDGEPASS_<SERVICE>_URLS}, comma-separated, or the one
 * {@code EDGEPASS_<SERVICE>_URL}. Routes to {@code lb://<service>} are spread over them
 * by Spring Cloud LoadBalancer; the gateway's own calls to {@code lb://auth-service/...}
 * (JWKS, revocation feed) try them in turn ({@link InstancesInTurn}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BalancingProperties.class)
@LoadBalancerClients(defaultConfiguration = InstanceChoice.class)
public class ServiceInstancesConfiguration {

	public static final String AUTH = "auth-service";

	public static final String ORDERS = "orders-service";

	public static final String PROFILE = "profile-service";

	/**
	 * Simple discovery's instances: those of {@code edgepass.gateway.<service>.urls}, and
	 * any set as {@code spring.cloud.discovery.client.simple.instances.*}, which Spring
	 * binds on top.
	 */
	@Bean
	SimpleReactiveDiscoveryProperties simpleReactiveDiscoveryProperties(EdgeGatewayProperties properties) {
		Map<String, List<InstanceProperties>> instances = new LinkedHashMap<>();
		instances.put(AUTH, instances(AUTH, properties.auth()));
		instances.put(ORDERS, instances(ORDERS, properties.orders()));
		instances.put(PROFILE, instances(PROFILE, properties.profile()));
		SimpleReactiveDiscoveryProperties discovery = new SimpleReactiveDiscoveryProperties();
		discovery.setInstances(instances);
		return discovery;
	}

	private static List<InstanceProperties> instances(String service, Upstream upstream) {
		List<InstanceProperties> instances = new ArrayList<>();
		for (URI url : upstream.urls()) {
			InstanceProperties instance = new InstanceProperties();
			instance.setServiceId(service);
			instance.setUri(url);
			instances.add(instance);
		}
		return instances;
	}

	/**
	 * Creates each service's load-balancer context at start-up: created on first use, it
	 * would load classes on the non-blocking thread of the first call.
	 */
	@Bean
	SmartInitializingSingleton loadBalancerContexts(LoadBalancerClientFactory factory) {
		return () -> List.of(AUTH, ORDERS, PROFILE).forEach(factory::getInstance);
	}

	@Bean
	RefusedInstances refusedInstances(BalancingProperties properties, Clock clock) {
		return new RefusedInstances(properties.skipRefusedFor(), clock);
	}

	/**
	 * The gateway's own WebClients call {@code lb://<service>} URLs on the service's
	 * instances in turn until one answers; other URLs as they are.
	 */
	@Bean
	WebClientCustomizer instancesInTurn(ReactiveDiscoveryClient discovery, RefusedInstances refused) {
		InstancesInTurn inTurn = new InstancesInTurn(discovery, refused);
		return (builder) -> builder.filter(inTurn);
	}

}
