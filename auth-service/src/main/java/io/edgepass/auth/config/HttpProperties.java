package io.edgepass.auth.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * HTTP limits of this service.
 *
 * @param maxBodySize the largest request body accepted; larger ones get 413
 */
@ConfigurationProperties("edgepass.http")
public record HttpProperties(@DefaultValue("16KB") DataSize maxBodySize) {
}
