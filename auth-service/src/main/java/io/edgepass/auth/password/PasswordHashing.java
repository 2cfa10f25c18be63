package io.edgepass.auth.password;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Hashes and checks passwords with Argon2id (OWASP's 19 MiB, 2 iterations, 1 lane), at
 * most {@link PasswordProperties#concurrency()} at a time. Whole passwords are hashed:
 * Argon2 has no 72-byte limit.
 */
@Component
public class PasswordHashing {

	static final String ARGON2 = "argon2";

	private final PasswordEncoder encoder = new DelegatingPasswordEncoder(ARGON2,
			Map.of(ARGON2, new Argon2PasswordEncoder(16, 32, 1, 19456, 2)));

	private final Semaphore slots;

	private final PasswordProperties properties;

	/** Checked for unknown users, so they cost the same time as known ones. */
	private final String dummyHash;

	PasswordHashing(PasswordProperties properties) {
		this.properties = properties;
		this.slots = new Semaphore(properties.permits(), true);
		byte[] random = new byte[24];
		new SecureRandom().nextBytes(random);
		this.dummyHash = this.encoder.encode(Base64.getEncoder().encodeToString(random));
	}

	public String hash(String password) {
		return bounded(() -> this.encoder.encode(password));
	}

	public boolean matches(String password, String hash) {
		return bounded(() -> this.encoder.matches(password, hash));
	}

	/** Spends the time of one {@link #matches} without a real account. */
	public void matchNothing(String password) {
		matches(password, this.dummyHash);
	}

	/** Whether a stored hash was made with other parameters than today's. */
	public boolean needsRehash(String hash) {
		return this.encoder.upgradeEncoding(hash);
	}

	private <T> T bounded(java.util.function.Supplier<T> work) {
		try {
			if (!this.slots.tryAcquire(this.properties.maxWait().toMillis(), TimeUnit.MILLISECONDS)) {
				throw new PasswordHashingBusyException();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new PasswordHashingBusyException();
		}
		try {
			return work.get();
		}
		finally {
			this.slots.release();
		}
	}

}
