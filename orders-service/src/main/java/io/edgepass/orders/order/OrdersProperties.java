package io.edgepass.orders.order;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the orders service.
 *
 * @param idempotency how {@code Idempotency-Key}s are kept
 */
@ConfigurationProperties("edgepass.orders")
record OrdersProperties(@DefaultValue Idempotency idempotency) {

	/**
	 * @param retention how long a key is remembered (the contract asks for at least 24
	 * hours)
	 * @param cleanupInterval how often expired keys are deleted
	 * @param inFlightWait how long a request waits for another one with the same key to
	 * finish before answering 409; keep it under the gateway's response timeout
	 */
	record Idempotency(@DefaultValue("PT25H") Duration retention, @DefaultValue("PT1H") Duration cleanupInterval,
			@DefaultValue("PT3S") Duration inFlightWait) {

		Idempotency {
			if (retention.compareTo(Duration.ofHours(24)) < 0) {
				throw new IllegalArgumentException("edgepass.orders.idempotency.retention must be at least 24 hours");
			}
		}

	}

}
