package io.edgepass.orders;

import io.edgepass.testsupport.ServiceHttpTest;
import io.edgepass.testsupport.TestEdgeAssertions;
import io.edgepass.testsupport.TestPostgres;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The one application context every orders-service test shares: the whole service on
 * random ports against its own PostgreSQL database, called over real HTTP.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0", "edgepass.orders.idempotency.in-flight-wait=PT1S" })
public abstract class OrdersServiceTest extends ServiceHttpTest {

	public static final String AUDIENCE = "orders-service";

	protected OrdersServiceTest() {
		super(AUDIENCE);
	}

	@DynamicPropertySource
	static void services(DynamicPropertyRegistry registry) {
		TestPostgres.register(registry, "orders");
		TestEdgeAssertions.register(registry, AUDIENCE);
	}

	/**
	 * An order body with one line per {@code sku:quantity:unitPrice} (unitPrice as JSON).
	 */
	protected static String order(String currency, String... lines) {
		StringBuilder items = new StringBuilder();
		for (String line : lines) {
			String[] parts = line.split(":", 3);
			items.append(items.isEmpty() ? "" : ",")
				.append("{\"sku\":\"")
				.append(parts[0])
				.append("\",\"quantity\":")
				.append(parts[1])
				.append(",\"unitPrice\":")
				.append(parts[2])
				.append("}");
		}
		return "{\"items\":[" + items + "],\"currency\":\"" + currency + "\"}";
	}

}
