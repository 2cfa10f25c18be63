package io.edgepass.gateway.revocation;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the gateway follows auth-service's revocation feed.
 *
 * @param feedUrl the feed, on auth-service's main port
 * @param pollInterval how often it is polled
 * @param pageSize entries asked for per call
 * @param fetchTimeout how long one call may take
 */
@ConfigurationProperties("edgepass.gateway.revocation")
public record RevocationProperties(@DefaultValue("http://localhost:8081/internal/revocations") URI feedUrl,
		@DefaultValue("1s") Duration pollInterval, @DefaultValue("500") int pageSize,
		@DefaultValue("2s") Duration fetchTimeout) {

}
