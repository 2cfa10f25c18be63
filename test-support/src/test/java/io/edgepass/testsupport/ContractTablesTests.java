package io.edgepass.testsupport;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ContractTablesTests {

	private static final String CONTRACT = """
			### Things (Bearer)
			| request | success | failures |
			|---|---|---|
			| `POST /things` `{name}` + optional `Idempotency-Key` header | `201`, `Location: /things/{id}` | `400` invalid, `409` taken |
			| `GET /things?page=0` | `200` the caller's things | |
			| `GET /things?all=true` | `200` everyone's | `403` unless ADMIN |
			| `DELETE /things/{id}` | `204` | `401`, `404` |

			### Other
			| request | success | failures |
			|---|---|---|
			| `GET /other` | `200` | |
			""";

	private static final String DOCUMENT = """
			{"paths": {
			  "/things": {
			    "post": {"responses": {"201": {}, "400": {}, "409": {}}},
			    "get": {"responses": {"200": {}, "403": {}}}},
			  "/things/{thingId}": {"delete": {"responses": {"204": {}, "401": {}, "404": {}}}}}}
			""";

	@Test
	void eachRowGivesItsMethodPathAndEveryStatusOfItsSectionOnly() {
		assertThat(ContractTables.parse(CONTRACT, "Things")).containsExactly(
				new ContractTables.Request("POST", "/things", Set.of(201, 400, 409)),
				new ContractTables.Request("GET", "/things", Set.of(200, 403)),
				new ContractTables.Request("DELETE", "/things/{id}", Set.of(204, 401, 404)));
		assertThat(ContractTables.parse(CONTRACT, "Other"))
			.containsExactly(new ContractTables.Request("GET", "/other", Set.of(200)));
	}

	@Test
	void aDocumentWithEveryRequestAndStatusPassesWhateverItsPathParametersAreCalled() {
		ContractTables.assertDocumented(DOCUMENT, ContractTables.parse(CONTRACT, "Things"));
	}

	@Test
	void aMissingStatusOrRequestFails() {
		List<ContractTables.Request> things = ContractTables.parse(CONTRACT, "Things");

		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> ContractTables.assertDocumented(DOCUMENT.replace(", \"409\": {}", ""), things))
			.withMessageContaining("POST /things: no 409 response");
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> ContractTables.assertDocumented(DOCUMENT,
					List.of(new ContractTables.Request("PUT", "/things/{id}", Set.of(200)))))
			.withMessageContaining("PUT /things/{id}: not documented");
	}

	@Test
	void theRepositorysContractHasTheThreeServicesSections() {
		assertThat(ContractTables.section("Auth")).extracting(ContractTables.Request::path)
			.contains("/auth/register", "/.well-known/jwks.json", "/auth/admin/users/{id}/disable");
		assertThat(ContractTables.section("Orders")).hasSize(4);
		assertThat(ContractTables.section("Profiles")).hasSize(3);
	}

}
