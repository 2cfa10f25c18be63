package io.edgepass.auth.session;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Login session lifetimes.
 *
 * @param idleTimeout a session ends when its refresh token is not used for this long
 * @param maxLifetime a session ends this long after login, however often it is refreshed
 */
@ConfigurationProperties("edgepass.session")
public record SessionProperties(@DefaultValue("7d") Duration idleTimeout, @DefaultValue("30d") Duration maxLifetime) {
}
