package io.edgepass.orders.order;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

import io.edgepass.trust.EdgeIdentity;
import org.jspecify.annotations.Nullable;

import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
class OrderService {

	private static final Sort NEWEST_FIRST = Sort.by(Sort.Order.desc("createdAt"), Sort.Order.desc("id"));

	private final OrderRepository orders;

	private final IdempotencyKeys idempotencyKeys;

	private final Clock clock;

	OrderService(OrderRepository orders, IdempotencyKeys idempotencyKeys, Clock clock) {
		this.orders = orders;
		this.idempotencyKeys = idempotencyKeys;
		this.clock = clock;
	}

	/**
	 * Places an order, or with an {@code Idempotency-Key} already used for the same
	 * order, returns the order that key created.
	 */
	@Transactional
	Placement place(UUID ownerId, NewOrder request, @Nullable String idempotencyKey) {
		UUID id = UUID.randomUUID();
		if (idempotencyKey != null) {
			Optional<UUID> earlier = this.idempotencyKeys.claim(ownerId, idempotencyKey, request.fingerprint(), id);
			if (earlier.isPresent()) {
				return new Placement(OrderView.of(this.orders.findById(earlier.get()).orElseThrow()), true);
			}
		}
		Order order = new Order(id, ownerId, request.orderItems(), request.currency(), now());
		return new Placement(OrderView.of(this.orders.save(order)), false);
	}

	@Transactional(readOnly = true)
	OrderPage list(EdgeIdentity caller, boolean all, int page, int size) {
		PageRequest request = PageRequest.of(page, size, NEWEST_FIRST);
		return OrderPage.of(all ? this.orders.findAll(request) : this.orders.findByOwnerId(caller.userId(), request));
	}

	/** The order, if the caller may see it: their own, or any for an admin. */
	@Transactional(readOnly = true)
	OrderView get(EdgeIdentity caller, UUID id) {
		return this.orders.findById(id)
			.filter((order) -> caller.isAdmin() || order.isOwnedBy(caller.userId()))
			.map(OrderView::of)
			.orElseThrow(OrderNotFoundException::new);
	}

	/**
	 * Cancels one of the caller's own orders. Of two concurrent cancels, the version
	 * check lets one through; the other gets 409 like any cancel of a cancelled order.
	 */
	@Transactional
	OrderView cancel(EdgeIdentity caller, UUID id) {
		Order order = this.orders.findById(id)
			.filter((candidate) -> candidate.isOwnedBy(caller.userId()))
			.orElseThrow(OrderNotFoundException::new);
		order.cancel(now());
		return OrderView.of(this.orders.saveAndFlush(order));
	}

	/** PostgreSQL keeps microseconds: truncate so what we answer is what we stored. */
	private Instant now() {
		return this.clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

	record Placement(OrderView order, boolean replayed) {

	}

}
