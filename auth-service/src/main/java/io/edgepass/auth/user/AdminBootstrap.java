package io.edgepass.auth.user;

import java.util.regex.Pattern;

import io.edgepass.auth.password.ValidPassword;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Creates the configured administrator at start if that name is free. Replicas starting
 * together are safe: the insert does nothing when the name exists.
 */
@Component
class AdminBootstrap implements ApplicationRunner {

	private static final Log logger = LogFactory.getLog(AdminBootstrap.class);

	private final AdminProperties properties;

	private final Users users;

	private final Registration registration;

	AdminBootstrap(AdminProperties properties, Users users, Registration registration) {
		this.properties = properties;
		this.users = users;
		this.registration = registration;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (!this.properties.isSet()) {
			return;
		}
		String username = this.properties.username();
		int length = this.properties.password().codePointCount(0, this.properties.password().length());
		if (!Pattern.matches(ValidUsername.PATTERN, username) || length < ValidPassword.MIN
				|| length > ValidPassword.MAX) {
			throw new IllegalStateException("EDGEPASS_ADMIN_USERNAME must be 3 to 64 characters of a-z, 0-9, '.', "
					+ "'_' or '-' and EDGEPASS_ADMIN_PASSWORD 8 to 128 characters");
		}
		if (this.users.findCredentials(username).isPresent()) {
			return;
		}
		try {
			this.registration.register(username, this.properties.password(), null, null, true);
			logger.info("Created the administrator " + Users.normalize(username));
		}
		catch (UsernameTakenException ex) {
			// another replica created it first
		}
	}

}
