package io.edgepass.systemtests.support;

import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/** Request bodies and reads for the orders API. */
public final class Orders {

	private Orders() {
	}

	/** An order of one line in EUR. */
	public static String oneLine(String sku, int quantity, String unitPrice) {
		return Json.write(Map.of("items", List.of(Map.of("sku", sku, "quantity", quantity, "unitPrice", unitPrice)),
				"currency", "EUR"));
	}

	/** The ids on one page of {@code GET /orders}. */
	public static List<String> ids(Reply page) {
		return page.json().path("content").valueStream().map((order) -> order.path("id").asString()).toList();
	}

	public static JsonNode pageInfo(Reply page) {
		return page.json().path("page");
	}

}
