package io.edgepass.orders.order;

import java.math.BigDecimal;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

@Embeddable
class OrderItem {

	private String sku;

	private int quantity;

	@Column(name = "unit_price")
	private BigDecimal unitPrice;

	protected OrderItem() {
	}

	OrderItem(String sku, int quantity, BigDecimal unitPrice) {
		this.sku = sku;
		this.quantity = quantity;
		this.unitPrice = unitPrice;
	}

	String getSku() {
		return this.sku;
	}

	int getQuantity() {
		return this.quantity;
	}

	BigDecimal getUnitPrice() {
		return this.unitPrice;
	}

	BigDecimal subtotal() {
		return this.unitPrice.multiply(BigDecimal.valueOf(this.quantity));
	}

}
