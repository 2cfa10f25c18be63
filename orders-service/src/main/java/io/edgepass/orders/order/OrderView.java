package io.edgepass.orders.order;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;

/** An order as clients see it; money as decimal strings with two decimals. */
record OrderView(UUID id, UUID ownerId, OrderStatus status, List<ItemView> items, String currency,
		@Schema(example = "19.98") String total, Instant createdAt, Instant updatedAt) {

	record ItemView(String sku, int quantity, @Schema(example = "9.99") String unitPrice) {

	}

	static OrderView of(Order order) {
		return new OrderView(order.getId(), order.getOwnerId(), order.getStatus(),
				order.getItems()
					.stream()
					.map((item) -> new ItemView(item.getSku(), item.getQuantity(),
							item.getUnitPrice().setScale(2).toPlainString()))
					.toList(),
				order.getCurrency(), order.getTotal().setScale(2).toPlainString(), order.getCreatedAt(),
				order.getUpdatedAt());
	}

}
