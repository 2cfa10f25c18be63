package io.edgepass.auth.password;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Password hashing limits.
 *
 * @param concurrency how many hashes may run at once (0 = one less than the number of
 * processors, at least one, so a login storm leaves a core for token refreshes, probes
 * and the other requests); Argon2 takes ~19 MiB each, so this also bounds memory
 * @param maxWait how long a request waits for a free slot before it is answered 429
 */
@ConfigurationProperties("edgepass.password")
public record PasswordProperties(@DefaultValue("0") int concurrency, @DefaultValue("2s") Duration maxWait) {

	int permits() {
		return permits(Runtime.getRuntime().availableProcessors());
	}

	int permits(int processors) {
		return (this.concurrency > 0) ? this.concurrency : Math.max(1, processors - 1);
	}

}
