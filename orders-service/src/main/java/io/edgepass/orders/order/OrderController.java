package io.edgepass.orders.order;

import java.net.URI;
import java.util.UUID;

import io.edgepass.trust.EdgeIdentity;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/orders", produces = MediaType.APPLICATION_JSON_VALUE)
class OrderController {

	static final String IDEMPOTENCY_KEY = "Idempotency-Key";

	/** Keeps {@code page * size} within an {@code int} offset. */
	static final int MAX_PAGE = 20_000_000;

	static final int MAX_PAGE_SIZE = 100;

	private final OrderService orders;

	OrderController(OrderService orders) {
		this.orders = orders;
	}

	@ApiResponse(responseCode = "201",
			description = "the order, at its Location; the same Idempotency-Key and body answer the original order again",
			useReturnTypeSchema = true)
	@ApiResponse(responseCode = "400", description = "invalid order")
	@ApiResponse(responseCode = "409", description = "an order with the same Idempotency-Key is still being placed")
	@ApiResponse(responseCode = "422", description = "the Idempotency-Key was used with a different body")
	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<OrderView> place(@AuthenticationPrincipal EdgeIdentity caller,
			@RequestHeader(name = IDEMPOTENCY_KEY, required = false) @Pattern(regexp = "[\\x21-\\x7E]{1,255}",
					message = "must be 1 to 255 printable ASCII characters") @Nullable String idempotencyKey,
			@Valid @RequestBody NewOrder request) {
		OrderService.Placement placement = this.orders.place(caller.userId(), request, idempotencyKey);
		ResponseEntity.BodyBuilder response = ResponseEntity.created(URI.create("/orders/" + placement.order().id()));
		if (placement.replayed()) {
			response.header("Idempotent-Replayed", "true");
		}
		return response.body(placement.order());
	}

	@ApiResponse(responseCode = "200",
			description = "a page of orders, newest first: the caller's own, or with all=true every user's",
			useReturnTypeSchema = true)
	@ApiResponse(responseCode = "403", description = "all=true by someone who is not an administrator")
	@GetMapping
	OrderPage list(@AuthenticationPrincipal EdgeIdentity caller,
			@RequestParam(defaultValue = "0") @Min(0) @Max(MAX_PAGE) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(MAX_PAGE_SIZE) int size,
			@RequestParam(defaultValue = "false") boolean all) {
		if (all && !caller.isAdmin()) {
			throw new ErrorResponseException(HttpStatus.FORBIDDEN, ProblemDetail
				.forStatusAndDetail(HttpStatus.FORBIDDEN, "Only administrators may list every user's orders."), null);
		}
		return this.orders.list(caller, all, page, size);
	}

	@ApiResponse(responseCode = "200", description = "the order", useReturnTypeSchema = true)
	@ApiResponse(responseCode = "404", description = "no such order of the caller (administrators see all)")
	@GetMapping("/{id}")
	OrderView get(@AuthenticationPrincipal EdgeIdentity caller, @PathVariable UUID id) {
		return this.orders.get(caller, id);
	}

	@ApiResponse(responseCode = "200", description = "the cancelled order", useReturnTypeSchema = true)
	@ApiResponse(responseCode = "404", description = "no such order of the caller (administrators see all)")
	@ApiResponse(responseCode = "409", description = "the order can no longer be cancelled")
	@PostMapping("/{id}/cancel")
	OrderView cancel(@AuthenticationPrincipal EdgeIdentity caller, @PathVariable UUID id) {
		return this.orders.cancel(caller, id);
	}

}
