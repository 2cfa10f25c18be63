package io.edgepass.gateway.system;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How the gateway reaches the services behind it and guards its edge.
 *
 * @param auth auth-service
 * @param orders orders-service
 * @param profile profile-service
 * @param trustedProxies addresses or CIDR ranges of proxies whose {@code X-Forwarded-*}
 * and {@code Forwarded} headers are believed; none by default
 * @param corsOrigins browser origins allowed to call the API
 * @param maxHeaderSize the largest total of request headers accepted (431 above)
 * @param maxBodySize the largest request body forwarded (413 above)
 * @param circuitBreaker when a failing service stops being called for a while
 */
@ConfigurationProperties("edgepass.gateway")
public record EdgeGatewayProperties(@DefaultValue Upstream auth, @DefaultValue Upstream orders,
		@DefaultValue Upstream profile, @DefaultValue List<String> trustedProxies,
		@DefaultValue List<String> corsOrigins, @DefaultValue("16KB") DataSize maxHeaderSize,
		@DefaultValue("1MB") DataSize maxBodySize, @DefaultValue CircuitBreaker circuitBreaker) {

	/**
	 * A service behind the gateway.
	 *
	 * @param urls the base URL of each of its instances (one in Kubernetes: the Service's
	 * name, whose pods kube-proxy balances)
	 * @param connectTimeout how long connecting may take
	 * @param responseTimeout how long its response may take (504 after)
	 */
	public record Upstream(List<URI> urls, @DefaultValue("2s") Duration connectTimeout,
			@DefaultValue("5s") Duration responseTimeout) {

	}

	/**
	 * Per-service circuit breaker settings.
	 *
	 * @param failureRateThreshold percentage of failed calls that opens the circuit
	 * @param minimumCalls calls seen before the rate is judged
	 * @param slidingWindow calls the rate is computed over
	 * @param openFor how long an open circuit rejects calls before trying again
	 */
	public record CircuitBreaker(@DefaultValue("50") float failureRateThreshold, @DefaultValue("20") int minimumCalls,
			@DefaultValue("50") int slidingWindow, @DefaultValue("10s") Duration openFor) {

	}

}
