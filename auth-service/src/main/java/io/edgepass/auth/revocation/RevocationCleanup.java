package io.edgepass.auth.revocation;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Forgets revocations once every token they cover has expired. */
@Component
class RevocationCleanup {

	private static final Log logger = LogFactory.getLog(RevocationCleanup.class);

	private final Revocations revocations;

	RevocationCleanup(Revocations revocations) {
		this.revocations = revocations;
	}

	@Scheduled(fixedDelayString = "${edgepass.cleanup-interval:1m}")
	void deleteExpired() {
		try {
			int deleted = this.revocations.deleteExpired();
			if (deleted > 0) {
				logger.debug("Deleted " + deleted + " expired revocations");
			}
		}
		catch (RuntimeException ex) {
			logger.warn("Revocation cleanup failed, retrying later: " + ex.getMessage());
		}
	}

}
