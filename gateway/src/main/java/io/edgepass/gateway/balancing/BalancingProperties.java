package io.edgepass.gateway.balancing;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the gateway spreads calls over a service's instances.
 *
 * @param skipRefusedFor how long an instance that refused a connection gets no calls
 * before it is tried again
 */
@ConfigurationProperties("edgepass.gateway.balancing")
public record BalancingProperties(@DefaultValue("10s") Duration skipRefusedFor) {

}
