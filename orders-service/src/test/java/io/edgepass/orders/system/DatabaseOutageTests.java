package io.edgepass.orders.system;

import java.util.List;

import javax.sql.DataSource;

import io.edgepass.orders.OrdersServiceTest;
import io.edgepass.testsupport.DatabaseOutageContract;
import io.edgepass.testsupport.DatabaseSwitch;
import io.edgepass.trust.EdgeIdentity;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** The shared database outage contract, on orders-service's orders. */
class DatabaseOutageTests extends OrdersServiceTest implements DatabaseOutageContract {

	private final DatabaseSwitch database;

	DatabaseOutageTests(@Autowired DataSource dataSource) {
		this.database = new DatabaseSwitch(dataSource);
	}

	@Override
	public DatabaseSwitch database() {
		return this.database;
	}

	@Override
	public String readable(EdgeIdentity caller) {
		return "/orders/" + write(caller, "Before").json("$.id");
	}

	@Override
	public Response write(EdgeIdentity caller, String label) {
		return postJson("/orders", caller, order("EUR", "A:1:1"));
	}

	@Override
	public int writtenStatus() {
		return 201;
	}

	@Override
	public List<String> alsoUnavailable() {
		return List.of("/orders");
	}

	@Override
	public void assertWrittenAfterTheOutage(EdgeIdentity caller) {
		assertThat((Integer) get("/orders", caller).json("$.page.totalElements")).isEqualTo(2);
	}

}
