package io.edgepass.auth.login;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Progressive account lockout.
 *
 * @param maxFailures failed logins in a row that lock the account
 * @param initialLock how long the first lockout lasts; each following one doubles it
 * @param maxLock the longest a lockout lasts
 */
@ConfigurationProperties("edgepass.lockout")
public record LockoutProperties(@DefaultValue("5") int maxFailures, @DefaultValue("1m") Duration initialLock,
		@DefaultValue("1h") Duration maxLock) {

	Duration lockFor(int previousLockouts) {
		Duration lock = this.initialLock.multipliedBy(1L << Math.min(previousLockouts, 20));
		return (lock.compareTo(this.maxLock) > 0) ? this.maxLock : lock;
	}

}
