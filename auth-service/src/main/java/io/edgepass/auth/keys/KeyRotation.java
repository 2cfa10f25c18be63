package io.edgepass.auth.keys;

import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import com.nimbusds.jose.jwk.JWK;
import io.edgepass.auth.token.SigningAlgorithm;
import io.edgepass.auth.token.TokenProperties;
import io.edgepass.trust.ProblemTypes;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.ErrorResponseException;

/**
 * Moves signing keys through their life: NEXT (published, not signing) → ACTIVE (signing)
 * → RETIRED (published until its tokens have expired) → deleted. Every change runs in one
 * transaction under an advisory lock, so replicas rotating at once take turns, and a
 * partial unique index forbids a second ACTIVE key whatever happens.
 */
@Component
class KeyRotation implements SmartInitializingSingleton {

	private static final Log logger = LogFactory.getLog(KeyRotation.class);

	/** Any constant, the same on every replica. */
	private static final long LOCK = 0x45_44_47_45_4B_45_59L;

	/** Tolerance for verifiers' clock skew. */
	private static final Duration SKEW = Duration.ofMinutes(1);

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final KeyEncryption encryption;

	private final KeyProperties properties;

	private final TokenProperties tokens;

	private final Clock clock;

	KeyRotation(JdbcClient jdbc, PlatformTransactionManager transactionManager, KeyEncryption encryption,
			KeyProperties properties, TokenProperties tokens, Clock clock) {
		this.jdbc = jdbc;
		this.transactions = new TransactionTemplate(transactionManager);
		this.encryption = encryption;
		this.properties = properties;
		this.tokens = tokens;
		this.clock = clock;
	}

	/** Makes sure a key of the configured algorithm signs and a next one is published. */
	@Override
	public void afterSingletonsInstantiated() {
		if (isHmac()) {
			return;
		}
		this.transactions.executeWithoutResult((status) -> {
			lock();
			Optional<String> activeAlgorithm = this.jdbc
				.sql("SELECT algorithm FROM signing_keys WHERE state = 'ACTIVE'")
				.query(String.class)
				.optional();
			if (activeAlgorithm.isEmpty() || !activeAlgorithm.get().equals(algorithm().name())) {
				logger.info("Activated signing key " + promote());
			}
			else if (this.jdbc.sql("SELECT count(*) FROM signing_keys WHERE state = 'NEXT'")
				.query(Long.class)
				.single() == 0) {
				insert("NEXT", this.clock.instant());
			}
		});
	}

	/**
	 * Retires the active key, activates the next one and publishes a new next one.
	 * @return the kid of the key that signs from now on
	 */
	String rotate() {
		if (isHmac()) {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
					"Keys are not rotated in HS256 mode: change EDGEPASS_TOKEN_HS256_SECRET instead.");
			problem.setType(ProblemTypes.CONFLICT);
			throw new ErrorResponseException(HttpStatus.CONFLICT, problem, null);
		}
		return this.transactions.execute((status) -> {
			lock();
			return promote();
		});
	}

	/**
	 * Rotates when the active key has signed for a whole rotation period.
	 * @return whether it rotated
	 */
	boolean rotateIfDue() {
		if (isHmac()) {
			return false;
		}
		Boolean rotated = this.transactions.execute((status) -> {
			lock();
			Instant dueBefore = this.clock.instant().minus(this.properties.rotationPeriod());
			boolean due = this.jdbc
				.sql("SELECT count(*) FROM signing_keys WHERE state = 'ACTIVE' AND activated_at > :dueBefore")
				.param("dueBefore", Timestamp.from(dueBefore))
				.query(Long.class)
				.single() == 0;
			if (due) {
				logger.info("Rotated to signing key " + promote());
			}
			else {
				deleteExpired();
			}
			return due;
		});
		return Boolean.TRUE.equals(rotated);
	}

	@Scheduled(fixedDelayString = "${edgepass.keys.rotation-check-interval:1m}")
	void check() {
		try {
			rotateIfDue();
		}
		catch (RuntimeException ex) {
			logger.warn("Signing key rotation check failed, retrying later: " + ex.getMessage());
		}
	}

	private String promote() {
		Instant now = this.clock.instant();
		// A replica may sign with the old key until it re-reads the active one.
		Instant publishUntil = now.plus(this.tokens.ttl()).plus(this.properties.refreshInterval()).plus(SKEW);
		this.jdbc.sql("UPDATE signing_keys SET state = 'RETIRED', publish_until = :until WHERE state = 'ACTIVE'")
			.param("until", Timestamp.from(publishUntil))
			.update();
		Optional<String> next = this.jdbc
			.sql("SELECT kid FROM signing_keys WHERE state = 'NEXT' AND algorithm = :algorithm")
			.param("algorithm", algorithm().name())
			.query(String.class)
			.optional();
		String active;
		if (next.isPresent()) {
			active = next.get();
			this.jdbc.sql("UPDATE signing_keys SET state = 'ACTIVE', activated_at = :now WHERE kid = :kid")
				.param("now", Timestamp.from(now))
				.param("kid", active)
				.update();
		}
		else {
			// None yet, or one of an algorithm no longer configured (it never signed).
			this.jdbc.sql("DELETE FROM signing_keys WHERE state = 'NEXT'").update();
			active = insert("ACTIVE", now);
		}
		insert("NEXT", now);
		deleteExpired();
		return active;
	}

	private String insert(String state, Instant now) {
		JWK key = KeyGeneration.generate(algorithm());
		this.jdbc.sql("""
				INSERT INTO signing_keys (kid, algorithm, state, public_jwk, private_jwk, created_at, activated_at)
				VALUES (:kid, :algorithm, :state, :publicJwk, :privateJwk, :now, :activatedAt)
				""")
			.param("kid", key.getKeyID())
			.param("algorithm", algorithm().name())
			.param("state", state)
			.param("publicJwk", key.toPublicJWK().toJSONString())
			.param("privateJwk", this.encryption.encrypt(key.getKeyID(), key.toJSONString()))
			.param("now", Timestamp.from(now))
			.param("activatedAt", "ACTIVE".equals(state) ? Timestamp.from(now) : null, Types.TIMESTAMP)
			.update();
		return key.getKeyID();
	}

	private void deleteExpired() {
		this.jdbc.sql("DELETE FROM signing_keys WHERE state = 'RETIRED' AND publish_until <= :now")
			.param("now", Timestamp.from(this.clock.instant()))
			.update();
	}

	private void lock() {
		this.jdbc.sql("SELECT pg_advisory_xact_lock(:lock)").param("lock", LOCK).query().singleRow();
	}

	private SigningAlgorithm algorithm() {
		return this.tokens.algorithm();
	}

	private boolean isHmac() {
		return algorithm() == SigningAlgorithm.HS256;
	}

}
