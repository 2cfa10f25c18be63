package io.edgepass.trust.servlet;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits on what a servlet service accepts.
 *
 * @param maxRequestBody the largest request body; larger ones get 413
 */
@ConfigurationProperties("edgepass.http")
public record RequestLimitsProperties(@DefaultValue("64KB") DataSize maxRequestBody) {

}
