package io.edgepass.orders.order;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

@Entity
@Table(name = "orders")
class Order {

	@Id
	private UUID id;

	private UUID ownerId;

	@Enumerated(EnumType.STRING)
	private OrderStatus status;

	@ElementCollection
	@CollectionTable(name = "order_items", joinColumns = @JoinColumn(name = "order_id"))
	@OrderColumn(name = "line_no")
	private List<OrderItem> items = new ArrayList<>();

	private String currency;

	private BigDecimal total;

	private Instant createdAt;

	private Instant updatedAt;

	/** Also tells Spring Data that an order with an id but no version is new. */
	@Version
	private Long version;

	protected Order() {
	}

	Order(UUID id, UUID ownerId, List<OrderItem> items, String currency, Instant now) {
		this.id = id;
		this.ownerId = ownerId;
		this.status = OrderStatus.PLACED;
		this.items = new ArrayList<>(items);
		this.currency = currency;
		this.total = items.stream()
			.map(OrderItem::subtotal)
			.reduce(BigDecimal.ZERO, BigDecimal::add)
			.setScale(2, RoundingMode.UNNECESSARY);
		this.createdAt = now;
		this.updatedAt = now;
	}

	boolean isOwnedBy(UUID userId) {
		return this.ownerId.equals(userId);
	}

	/**
	 * Cancels a placed order.
	 * @throws OrderNotCancellableException when it is no longer placed
	 */
	void cancel(Instant now) {
		if (this.status != OrderStatus.PLACED) {
			throw new OrderNotCancellableException(this.id, this.status);
		}
		this.status = OrderStatus.CANCELLED;
		this.updatedAt = now;
	}

	UUID getId() {
		return this.id;
	}

	UUID getOwnerId() {
		return this.ownerId;
	}

	OrderStatus getStatus() {
		return this.status;
	}

	List<OrderItem> getItems() {
		return this.items;
	}

	String getCurrency() {
		return this.currency;
	}

	BigDecimal getTotal() {
		return this.total;
	}

	Instant getCreatedAt() {
		return this.createdAt;
	}

	Instant getUpdatedAt() {
		return this.updatedAt;
	}

}
