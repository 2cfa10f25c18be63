package io.edgepass.orders.order;

enum OrderStatus {

	PLACED, CANCELLED

}
