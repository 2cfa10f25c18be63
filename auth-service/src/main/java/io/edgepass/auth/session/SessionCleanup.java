package io.edgepass.auth.session;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Deletes ended sessions and expired refresh tokens. */
@Component
class SessionCleanup {

	private static final Log logger = LogFactory.getLog(SessionCleanup.class);

	private final Sessions sessions;

	SessionCleanup(Sessions sessions) {
		this.sessions = sessions;
	}

	@Scheduled(fixedDelayString = "${edgepass.cleanup-interval:1m}")
	void deleteEnded() {
		try {
			this.sessions.deleteEnded();
		}
		catch (RuntimeException ex) {
			logger.warn("Session cleanup failed, retrying later: " + ex.getMessage());
		}
	}

}
