package io.edgepass.orders.order;

import java.net.http.HttpRequest;
import java.util.List;

import io.edgepass.orders.OrdersServiceTest;
import io.edgepass.trust.EdgeIdentity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Contract: Orders, {@code POST /orders} and its limits; THREATS C-29, C-30. */
class OrderPlacementTests extends OrdersServiceTest {

	private final EdgeIdentity alice = newUser();

	@Test
	void placingAnOrderAnswers201WithItsLocationAndTheOrderWithAServerComputedTotal() {
		Response placed = postJson("/orders", this.alice, order("EUR", "SKU-1:2:9.99", "B-2:1:\"0.01\""));

		assertThat(placed.status()).isEqualTo(201);
		assertThat(placed.contentType()).startsWith("application/json");
		String id = placed.json("$.id");
		assertThat(placed.header("Location")).isEqualTo("/orders/" + id);
		assertThat((String) placed.json("$.ownerId")).isEqualTo(this.alice.userId().toString());
		assertThat((String) placed.json("$.status")).isEqualTo("PLACED");
		assertThat((String) placed.json("$.currency")).isEqualTo("EUR");
		assertThat((String) placed.json("$.total")).isEqualTo("19.99");
		assertThat((List<String>) placed.json("$.items[*].sku")).containsExactly("SKU-1", "B-2");
		assertThat((List<Integer>) placed.json("$.items[*].quantity")).containsExactly(2, 1);
		assertThat((List<String>) placed.json("$.items[*].unitPrice")).containsExactly("9.99", "0.01");
		assertThat((String) placed.json("$.createdAt")).isEqualTo(placed.json("$.updatedAt"));

		Response fetched = get("/orders/" + id, this.alice);
		assertThat(fetched.status()).isEqualTo(200);
		assertThat(fetched.body()).isEqualTo(placed.body());
	}

	@Test
	void moneyIsAlwaysADecimalStringWithTwoDecimals() {
		Response placed = postJson("/orders", this.alice,
				order("USD", "A:1:\"9.9\"", "B:1:0", "C:1:1000000", "D:1:1e2", "E:1:\"3.50\""));

		assertThat(placed.status()).isEqualTo(201);
		assertThat((List<String>) placed.json("$.items[*].unitPrice")).containsExactly("9.90", "0.00", "1000000.00",
				"100.00", "3.50");
		assertThat((String) placed.json("$.total")).isEqualTo("1000113.40");
	}

	@Test
	void theLargestOrderTotalIsExact() {
		String[] lines = new String[100];
		java.util.Arrays.fill(lines, "MAX:1000:1000000.00");
		Response placed = postJson("/orders", this.alice, order("JPY", lines));

		assertThat(placed.status()).isEqualTo(201);
		assertThat((String) placed.json("$.total")).isEqualTo("100000000000.00");
	}

	@ParameterizedTest
	@ValueSource(ints = { 1, 100 })
	void anOrderMayHaveOneToAHundredItems(int count) {
		assertThat(postJson("/orders", this.alice, order("EUR", lines(count))).status()).isEqualTo(201);
	}

	@ParameterizedTest
	@ValueSource(ints = { 0, 101 })
	void anOrderWithNoItemsOrMoreThanAHundredIsRejected(int count) {
		assertInvalid(postJson("/orders", this.alice, order("EUR", lines(count))), "items");
	}

	@ParameterizedTest
	@ValueSource(strings = { "1", "1000" })
	void quantitiesFromOneToAThousandAreAccepted(String quantity) {
		assertThat(postJson("/orders", this.alice, order("EUR", "A:" + quantity + ":1")).status()).isEqualTo(201);
	}

	@ParameterizedTest
	@ValueSource(strings = { "0", "-1", "1001", "null" })
	void quantitiesOutsideOneToAThousandAreRejected(String quantity) {
		assertInvalid(postJson("/orders", this.alice, order("EUR", "A:" + quantity + ":1")), "items[0].quantity");
	}

	@ParameterizedTest
	@ValueSource(strings = { "1.5", "\"many\"", "99999999999999999999" })
	void quantitiesThatAreNotWholeNumbersAreRejected(String quantity) {
		assertProblem(postJson("/orders", this.alice, order("EUR", "A:" + quantity + ":1")), 400);
	}

	@ParameterizedTest
	@ValueSource(strings = { "A", "0", "-", "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345", "SKU-9" })
	void skusOfOneToThirtyTwoUpperCaseLettersDigitsAndHyphensAreAccepted(String sku) {
		Response placed = postJson("/orders", this.alice, order("EUR", sku + ":1:1"));

		assertThat(placed.status()).isEqualTo(201);
		assertThat((String) placed.json("$.items[0].sku")).isEqualTo(sku);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456", "sku-1", "SKU 1", "SKU_1", "ÄPFEL", "SKU-😀",
			"X'; DROP TABLE orders;--", "X\\\" OR 1=1", "%", "A\\u0000B" })
	void skusWithAnyOtherCharactersOrLengthAreRejected(String sku) {
		assertInvalid(postJson("/orders", this.alice, order("EUR", sku + ":1:1")), "items[0].sku");
	}

	@ParameterizedTest
	@ValueSource(strings = { "0", "0.00", "0.01", "999999.99", "1000000", "1000000.00", "\"1000000.00\"", "\"12.3\"" })
	void unitPricesFromZeroToAMillionWithAtMostTwoDecimalsAreAccepted(String unitPrice) {
		assertThat(postJson("/orders", this.alice, order("EUR", "A:1:" + unitPrice)).status()).isEqualTo(201);
	}

	@ParameterizedTest
	@ValueSource(strings = { "-0.01", "1000000.01", "1000001", "0.001", "\"9.999\"", "null" })
	void unitPricesOutOfRangeOrWithMoreThanTwoDecimalsAreRejected(String unitPrice) {
		assertInvalid(postJson("/orders", this.alice, order("EUR", "A:1:" + unitPrice)), "items[0].unitPrice");
	}

	@ParameterizedTest
	@ValueSource(strings = { "\"ten\"", "\"NaN\"", "true", "{}" })
	void unitPricesThatAreNotNumbersAreRejected(String unitPrice) {
		assertProblem(postJson("/orders", this.alice, order("EUR", "A:1:" + unitPrice)), 400);
	}

	@ParameterizedTest
	@ValueSource(strings = { "eur", "EU", "EURO", "E1R", "" })
	void currenciesOtherThanThreeUpperCaseLettersAreRejected(String currency) {
		assertInvalid(postJson("/orders", this.alice, order(currency, "A:1:1")), "currency");
	}

	@Test
	void aMissingCurrencyOrItemListIsRejected() {
		assertInvalid(postJson("/orders", this.alice, "{\"items\":[{\"sku\":\"A\",\"quantity\":1,\"unitPrice\":1}]}"),
				"currency");
		assertInvalid(postJson("/orders", this.alice, "{\"currency\":\"EUR\"}"), "items");
		assertInvalid(postJson("/orders", this.alice, "{\"items\":[null],\"currency\":\"EUR\"}"), "items[0]");
	}

	@Test
	void everyInvalidFieldIsReportedAtOnce() {
		Response rejected = postJson("/orders", this.alice, order("eur", "bad:0:-1"));

		assertProblem(rejected, 400);
		assertThat((List<String>) rejected.json("$.errors[*].field")).containsExactlyInAnyOrder("currency",
				"items[0].sku", "items[0].quantity", "items[0].unitPrice");
		assertThat((List<String>) rejected.json("$.errors[*].message")).allSatisfy((m) -> assertThat(m).isNotBlank());
	}

	@Test
	void unknownFieldsAreRejected() {
		assertProblem(postJson("/orders", this.alice,
				"{\"items\":[{\"sku\":\"A\",\"quantity\":1,\"unitPrice\":1}],\"currency\":\"EUR\",\"total\":\"0.00\"}"),
				400);
		assertProblem(postJson("/orders", this.alice,
				"{\"items\":[{\"sku\":\"A\",\"quantity\":1,\"unitPrice\":1,\"discount\":1}],\"currency\":\"EUR\"}"),
				400);
	}

	@ParameterizedTest
	@ValueSource(strings = { "{", "", "[]", "null", "{\"items\":[}", "{\"items\":[],\"currency\":\"EUR\"} trailing",
			"\"just a string\"" })
	void malformedJsonIsRejectedWith400(String body) {
		Response rejected = postJson("/orders", this.alice, body);

		assertProblem(rejected, 400);
		assertThat(rejected.body()).doesNotContain("Exception", "tools.jackson", "at [Source");
	}

	@Test
	void aBodyOverTheLimitIsRejectedWith413() {
		String huge = order("EUR", "A:1:1").replace("}]",
				"}" + ",{\"sku\":\"A\",\"quantity\":1,\"unitPrice\":1}".repeat(3000) + "]");
		assertThat(huge.length()).isGreaterThan(64 * 1024);

		assertProblem(postJson("/orders", this.alice, huge), 413);
	}

	@Test
	void aChunkedBodyOverTheLimitIsRejectedWith413() {
		byte[] huge = ("{\"items\":[" + "{\"sku\":\"A\",\"quantity\":1,\"unitPrice\":1},".repeat(3000)).getBytes();
		Response rejected = send(request("/orders", this.alice).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(huge))));

		assertProblem(rejected, 413);
	}

	@ParameterizedTest
	@ValueSource(strings = { "text/plain", "application/xml", "application/x-www-form-urlencoded" })
	void aBodyThatIsNotJsonIsRejectedWith415(String contentType) {
		Response rejected = send(request("/orders", this.alice).header("Content-Type", contentType)
			.POST(HttpRequest.BodyPublishers.ofString(order("EUR", "A:1:1"))));

		assertProblem(rejected, 415);
	}

	private static String[] lines(int count) {
		String[] lines = new String[count];
		for (int i = 0; i < count; i++) {
			lines[i] = "SKU-" + i + ":1:1.00";
		}
		return lines;
	}

}
