package io.edgepass.gateway.balancing;

import java.net.ConnectException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.CompletionContext;
import org.springframework.cloud.client.loadbalancer.LoadBalancerLifecycle;
import org.springframework.cloud.client.loadbalancer.Request;
import org.springframework.cloud.client.loadbalancer.Response;

/**
 * The service instances that refused a connection lately, whether to a route or to the
 * gateway's own calls (JWKS, revocation feed): each is skipped by the load balancer for
 * {@code edgepass.gateway.balancing.skip-refused-for}, then offered again, so that a
 * restarted instance gets traffic back. Learns of refusals as a
 * {@link LoadBalancerLifecycle}, which both the routes and the load-balanced WebClients
 * notify when a call ends.
 */
class RefusedInstances implements LoadBalancerLifecycle<Object, Object, ServiceInstance> {

	private static final Log logger = LogFactory.getLog(RefusedInstances.class);

	private final Map<URI, Instant> skippedUntil = new ConcurrentHashMap<>();

	private final Duration skipFor;

	private final Clock clock;

	RefusedInstances(Duration skipFor, Clock clock) {
		this.skipFor = skipFor;
		this.clock = clock;
	}

	/** Whether the instance refused a connection less than the skip time ago. */
	boolean isSkipped(ServiceInstance instance) {
		Instant until = this.skippedUntil.get(instance.getUri());
		if (until == null) {
			return false;
		}
		if (until.isAfter(this.clock.instant())) {
			return true;
		}
		this.skippedUntil.remove(instance.getUri(), until);
		return false;
	}

	void refused(ServiceInstance instance) {
		if (this.skippedUntil.put(instance.getUri(), this.clock.instant().plus(this.skipFor)) == null) {
			logger.info(instance.getServiceId() + " at " + instance.getUri() + " refused a connection: skipped for "
					+ this.skipFor.toSeconds() + "s");
		}
	}

	@Override
	public boolean supports(Class requestContextClass, Class responseClass, Class serverTypeClass) {
		return ServiceInstance.class.isAssignableFrom(serverTypeClass);
	}

	@Override
	public void onStart(Request<Object> request) {
	}

	@Override
	public void onStartRequest(Request<Object> request, Response<ServiceInstance> lbResponse) {
	}

	@Override
	public void onComplete(CompletionContext<Object, ServiceInstance, Object> completion) {
		Response<ServiceInstance> chosen = completion.getLoadBalancerResponse();
		if (completion.status() == CompletionContext.Status.FAILED && chosen != null && chosen.hasServer()
				&& isConnectFailure(completion.getThrowable())) {
			refused(chosen.getServer());
		}
	}

	/** Refused, or not accepted within the connect timeout. */
	static boolean isConnectFailure(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof ConnectException) {
				return true;
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return false;
	}

}
