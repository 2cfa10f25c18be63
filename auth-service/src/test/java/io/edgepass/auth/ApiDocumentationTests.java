package io.edgepass.auth;

import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import io.edgepass.testsupport.ContractTables;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class ApiDocumentationTests extends AuthServiceTest {

	@Test
	void theOpenApiDocumentHasEveryRequestAndStatusOfTheContractsAuthTable() throws Exception {
		ContractTables.assertDocumented(apiDocs(), "Auth");
	}

	@Test
	void theOpenApiDocumentNeedsNoAssertionAndLeavesTheInternalFeedOut() throws Exception {
		String docs = apiDocs();

		assertThat((String) JsonPath.read(docs, "$.info.title")).isEqualTo("Edgepass auth");
		assertThat((String) JsonPath.read(docs, "$.servers[0].url")).isEqualTo("/");
		assertThat((Map<String, Object>) JsonPath.read(docs, "$.paths")).isNotEmpty()
			.allSatisfy((path, operations) -> assertThat(path).doesNotStartWith("/internal"));
	}

	private String apiDocs() throws Exception {
		return this.mvc.perform(get("/v3/api-docs"))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
	}

}
