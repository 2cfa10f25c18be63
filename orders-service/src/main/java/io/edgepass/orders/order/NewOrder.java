package io.edgepass.orders.order;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /orders}. Unit prices may be JSON numbers or decimal strings.
 *
 * @param items what is ordered, 1 to 100 lines
 * @param currency ISO 4217 code
 */
record NewOrder(@NotNull @Size(min = 1, max = 100) List<@NotNull @Valid Item> items,
		@NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be three upper-case letters") String currency) {

	record Item(
			@NotNull @Pattern(regexp = "[A-Z0-9-]{1,32}",
					message = "must be 1 to 32 characters of A-Z, 0-9 and -") String sku,
			@NotNull @Min(1) @Max(1000) Integer quantity,
			@NotNull @DecimalMin("0") @DecimalMax("1000000") @Digits(integer = 7, fraction = 2) BigDecimal unitPrice) {

		OrderItem toOrderItem() {
			return new OrderItem(this.sku, this.quantity, this.unitPrice.setScale(2));
		}

	}

	List<OrderItem> orderItems() {
		return this.items.stream().map(Item::toOrderItem).toList();
	}

	/**
	 * A SHA-256 hash of the order's canonical form: the same order written differently
	 * ({@code 9.9} or {@code "9.90"}, other whitespace) has the same fingerprint.
	 */
	String fingerprint() {
		StringBuilder canonical = new StringBuilder(this.currency);
		for (OrderItem item : orderItems()) {
			canonical.append('\n')
				.append(item.getSku())
				.append(' ')
				.append(item.getQuantity())
				.append(' ')
				.append(item.getUnitPrice().toPlainString());
		}
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256")
					.digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is always available", ex);
		}
	}

}
