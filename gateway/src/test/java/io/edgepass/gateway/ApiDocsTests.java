package io.edgepass.gateway;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Swagger UI at /docs, over each service's OpenAPI document fetched through the gateway.
 */
class ApiDocsTests extends GatewayTestBase {

	@Test
	void docsRedirectsToSwaggerUiWhichNeedsNoToken() {
		this.client.get()
			.uri("/docs")
			.exchange()
			.expectStatus()
			.isPermanentRedirect()
			.expectHeader()
			.location("/docs/");
		String location = this.client.get()
			.uri("/docs/")
			.exchange()
			.expectStatus()
			.is3xxRedirection()
			.returnResult(String.class)
			.getResponseHeaders()
			.getLocation()
			.toString();
		assertThat(location).isEqualTo("/docs/swagger-ui/index.html");

		this.client.get()
			.uri(location)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.value(HttpHeaders.CONTENT_TYPE, (type) -> assertThat(type).startsWith("text/html"))
			.expectBody(String.class)
			.value((html) -> assertThat(html).contains("swagger-initializer.js").doesNotContain("<script>"));
	}

	@Test
	void swaggerUiMayUseInlineStylesButNeverInlineScripts() {
		this.client.get()
			.uri("/docs/swagger-ui/index.html")
			.exchange()
			.expectHeader()
			.value("Content-Security-Policy",
					(policy) -> assertThat(policy).contains("script-src 'self';", "style-src 'self' 'unsafe-inline';")
						.contains("frame-ancestors 'none'")
						.doesNotContain("unsafe-eval"));
		this.client.get()
			.uri("/docs/swagger-ui/swagger-initializer.js")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.value((script) -> assertThat(script).contains("/docs/openapi/swagger-config").doesNotContain("petstore"));
	}

	@Test
	void swaggerUiListsTheThreeServicesDocumentsAndNotTheGateways() {
		this.client.get()
			.uri("/docs/openapi/swagger-config")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.urls[*].url")
			.value((urls) -> assertThat((List<String>) urls).containsExactlyInAnyOrder("/docs/api/auth",
					"/docs/api/orders", "/docs/api/profile"));

		this.client.get().uri("/docs/openapi").exchange().expectStatus().isUnauthorized();
		this.client.get()
			.uri("/docs/openapi")
			.header(HttpHeaders.AUTHORIZATION, bearer(TestTokens.rs256().sign()))
			.exchange()
			.expectStatus()
			.isForbidden();
	}

	@Test
	void eachServicesDocumentIsFetchedFromItsApiDocsWithNoIdentityForwarded() {
		for (String service : List.of("orders", "profile")) {
			byte[] echo = this.client.get()
				.uri("/docs/api/" + service)
				.header(HttpHeaders.AUTHORIZATION, bearer(TestTokens.rs256().sign()))
				.header("X-Edge-Assertion", "forged")
				.header("X-User-Id", "someone")
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$.path")
				.isEqualTo("/v3/api-docs")
				.returnResult()
				.getResponseBody();
			assertThat(receivedHeaders(echo)).as(service)
				.doesNotContainKeys("authorization", "x-edge-assertion", "x-user-id");
		}
	}

	@Test
	void theDocumentRoutesAreReadOnly() {
		for (HttpMethod method : List.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.DELETE)) {
			this.client.method(method).uri("/docs/api/orders").exchange().expectStatus().isUnauthorized();
		}
		int before = orders.count("POST", "/v3/api-docs");
		this.client.post()
			.uri("/docs/api/orders")
			.header(HttpHeaders.AUTHORIZATION, bearer(TestTokens.rs256().sign()))
			.exchange()
			.expectStatus()
			.isNotFound();
		assertThat(orders.count("POST", "/v3/api-docs")).isEqualTo(before);
	}

}
