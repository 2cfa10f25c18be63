package io.edgepass.orders.order;

import java.util.List;

import org.springframework.data.domain.Page;

/** One page of orders, newest first. */
record OrderPage(List<OrderView> content, PageInfo page) {

	record PageInfo(int number, int size, long totalElements, int totalPages) {

	}

	static OrderPage of(Page<Order> page) {
		return new OrderPage(page.getContent().stream().map(OrderView::of).toList(),
				new PageInfo(page.getNumber(), page.getSize(), page.getTotalElements(), page.getTotalPages()));
	}

}
