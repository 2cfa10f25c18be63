package io.edgepass.orders.system;

import io.edgepass.orders.OrdersServiceTest;
import io.edgepass.testsupport.ContractTables;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ApiDocumentationTests extends OrdersServiceTest {

	@Test
	void theOpenApiDocumentHasEveryRequestAndStatusOfTheContractsTable() {
		Response docs = send(request("/v3/api-docs").GET());

		assertThat(docs.status()).isEqualTo(200);
		ContractTables.assertDocumented(docs.body(), "Orders");
	}

	@Test
	void theOpenApiDocumentIsForUseThroughTheGateway() {
		Response docs = send(request("/v3/api-docs").GET());

		assertThat((String) docs.json("$.servers[0].url")).isEqualTo("/");
		assertThat((String) docs.json("$.components.securitySchemes.bearer.scheme")).isEqualTo("bearer");
	}

	@Test
	void errorResponsesAreDocumentedAsProblems() {
		Response docs = send(request("/v3/api-docs").GET());

		assertThat((String) docs
			.json("$.paths['/orders'].post.responses['409'].content['application/problem+json']" + ".schema['$ref']"))
			.isEqualTo("#/components/schemas/ProblemDetail");
		assertThat((java.util.Map<String, Object>) docs.json("$.paths['/orders/{id}'].get.responses['404'].content"))
			.containsOnlyKeys("application/problem+json");
		assertThat((String) docs.json("$.components.schemas.ProblemDetail.properties.status.type"))
			.isEqualTo("integer");
	}

}
