package io.edgepass.auth.user;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The administrator created at start when both are set and the name is free.
 *
 * @param username from {@code EDGEPASS_ADMIN_USERNAME}
 * @param password from {@code EDGEPASS_ADMIN_PASSWORD}
 */
@ConfigurationProperties("edgepass.admin")
public record AdminProperties(String username, String password) {

	boolean isSet() {
		return this.username != null && !this.username.isBlank() && this.password != null && !this.password.isBlank();
	}

}
