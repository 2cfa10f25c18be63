package io.edgepass.orders.order;

import java.util.UUID;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

interface OrderRepository extends JpaRepository<Order, UUID> {

	Page<Order> findByOwnerId(UUID ownerId, Pageable pageable);

}
