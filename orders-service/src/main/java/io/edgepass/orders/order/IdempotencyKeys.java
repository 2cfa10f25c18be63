package io.edgepass.orders.order;

import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The {@code Idempotency-Key}s each user has sent, with the hash of the order they came
 * with and the order they created. A key is claimed in the same transaction that creates
 * its order, so a key exists exactly when its order does. A second request with the same
 * key blocks on the primary key until the first commits (then it replays the first's
 * order) or rolls back (then it creates the order itself); it waits at most
 * {@code in-flight-wait}, then gets 409.
 */
@Repository
class IdempotencyKeys {

	private static final Log logger = LogFactory.getLog(IdempotencyKeys.class);

	/** PostgreSQL's SQLSTATE when {@code lock_timeout} expired. */
	private static final String LOCK_NOT_AVAILABLE = "55P03";

	private final JdbcTemplate jdbc;

	private final OrdersProperties.Idempotency settings;

	private final Clock clock;

	IdempotencyKeys(JdbcTemplate jdbc, OrdersProperties properties, Clock clock) {
		this.jdbc = jdbc;
		this.settings = properties.idempotency();
		this.clock = clock;
	}

	/**
	 * Claims a key for a new order, in the caller's transaction.
	 * @return empty when the key is now the new order's; else the id of the order an
	 * earlier request with this key and the same body created
	 * @throws IdempotencyKeyReusedException when the earlier request had another body
	 * @throws IdempotencyKeyInFlightException when the earlier request is still running
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	Optional<UUID> claim(UUID ownerId, String key, String requestHash, UUID newOrderId) {
		this.jdbc.execute("SET LOCAL lock_timeout = " + this.settings.inFlightWait().toMillis());
		try {
			int inserted = this.jdbc.update(
					"INSERT INTO idempotency_keys (owner_id, idempotency_key, request_hash, order_id, created_at) "
							+ "VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
					ownerId, key, requestHash, newOrderId, Timestamp.from(this.clock.instant()));
			if (inserted == 1) {
				return Optional.empty();
			}
		}
		catch (DataAccessException ex) {
			if (ex.getMostSpecificCause() instanceof SQLException sql && LOCK_NOT_AVAILABLE.equals(sql.getSQLState())) {
				throw new IdempotencyKeyInFlightException();
			}
			throw ex;
		}
		List<Earlier> earlier = this.jdbc.query(
				"SELECT request_hash, order_id FROM idempotency_keys WHERE owner_id = ? AND idempotency_key = ?",
				(rs, row) -> new Earlier(rs.getString(1), rs.getObject(2, UUID.class)), ownerId, key);
		if (earlier.isEmpty()) {
			// deleted by the clean-up between the insert and the select
			throw new IdempotencyKeyInFlightException();
		}
		if (!earlier.get(0).requestHash().equals(requestHash)) {
			throw new IdempotencyKeyReusedException();
		}
		return Optional.of(earlier.get(0).orderId());
	}

	@Scheduled(fixedDelayString = "${edgepass.orders.idempotency.cleanup-interval:PT1H}")
	@Transactional
	public int deleteExpired() {
		int deleted = this.jdbc.update("DELETE FROM idempotency_keys WHERE created_at < ?",
				Timestamp.from(this.clock.instant().minus(this.settings.retention())));
		if (deleted > 0) {
			logger.info("Deleted " + deleted + " expired idempotency keys");
		}
		return deleted;
	}

	private record Earlier(String requestHash, UUID orderId) {

	}

}
