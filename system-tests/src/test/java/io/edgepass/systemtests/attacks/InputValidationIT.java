package io.edgepass.systemtests.attacks;

import java.util.Map;
import java.util.UUID;

import io.edgepass.systemtests.support.ApiClient;
import io.edgepass.systemtests.support.Json;
import io.edgepass.systemtests.support.Orders;
import io.edgepass.systemtests.support.Person;
import io.edgepass.systemtests.support.Reply;
import io.edgepass.systemtests.support.SharedSuite;
import io.edgepass.systemtests.support.SystemSuite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile input through the gateway (THREATS C27-C30): a clear 4xx or stored verbatim.
 */
@SharedSuite
class InputValidationIT {

	private final SystemSuite edgepass;

	InputValidationIT(SystemSuite edgepass) {
		this.edgepass = edgepass;
	}

	@ParameterizedTest(name = "C27 username ''{0}''")
	@ValueSource(strings = { "", "   ", "ab", "a-username-that-is-far-too-long-for-the-contract-which-stops-at-64-x",
			"with space", "user@example.com", "robert'); DROP TABLE users;--", "zoë", "tab\tname" })
	void aUsernameOutsideTheContractIsRefusedWith400(String username) {
		Reply reply = this.edgepass.client()
			.post("/auth/register", null, Json.write(Map.of("username", username, "password", "long enough password")));
		reply.expectProblem(400);
		assertThat(reply.body()).as(reply.toString()).doesNotContain("Exception", "SQL");
	}

	@Test
	void aPasswordUnder8OrOver128CharactersIsRefusedWith400() {
		for (String password : new String[] { "short", "p".repeat(129) }) {
			this.edgepass.client()
				.post("/auth/register", null, Json.write(Map.of("username", unique(), "password", password)))
				.expectProblem(400);
		}
	}

	@Test
	void usernamesAreCaseInsensitiveAndStoredInLowerCase() {
		String username = unique().toUpperCase();
		ApiClient client = this.edgepass.client();
		Reply registered = client
			.post("/auth/register", null, Json.write(Map.of("username", username, "password", "long enough password")))
			.expect(201);
		assertThat(registered.field("username")).as(registered.toString()).isEqualTo(username.toLowerCase());
		client
			.post("/auth/login", null,
					Json.write(Map.of("username", username.toLowerCase(), "password", "long enough password")))
			.expect(200);
		client
			.post("/auth/register", null,
					Json.write(Map.of("username", username.toLowerCase(), "password", "long enough password")))
			.expectProblem(409);
	}

	@Test
	void aPasswordLongerThan72BytesIsUsedWholeSoNoPrefixLogsIn() {
		String prefix = "a".repeat(68);
		String password = prefix + "\uD83D\uDE00\uD83D\uDE00";
		String username = unique();
		ApiClient client = this.edgepass.client();
		client.post("/auth/register", null, Json.write(Map.of("username", username, "password", password))).expect(201);

		for (String guess : new String[] { prefix + "\uD83D\uDE00", prefix, prefix + "\uD83D\uDE00\uD83D\uDE01" }) {
			client.post("/auth/login", null, Json.write(Map.of("username", username, "password", guess)))
				.expectUnauthorized();
		}
		client.post("/auth/login", null, Json.write(Map.of("username", username, "password", password))).expect(200);
	}

	@ParameterizedTest(name = "C29 sku ''{0}''")
	@ValueSource(strings = { "A'; DROP TABLE orders;--", "SKU\" OR \"1\"=\"1", "ÄÖÜ-1", "lower-case", "" })
	void anSkuOutsideTheContractIsRefusedWith400(String sku) {
		Person person = this.edgepass.register();
		Reply reply = person.client().post("/orders", person.login().accessToken(), Orders.oneLine(sku, 1, "1.00"));
		reply.expectProblem(400);
		assertThat(reply.body()).as(reply.toString()).doesNotContain("Exception", "SQL");
	}

	@Test
	void sqlMetacharactersAndUnicodeInProfileFieldsAreStoredVerbatim() {
		Person person = this.edgepass.register();
		ApiClient api = person.client();
		String token = person.login().accessToken();
		api.get("/profiles/me", token).expect(200);
		Map<String, String> profile = Map.of("displayName", "Zoë 🚀 O'Brien\"; DROP TABLE profiles;--", "email",
				"zoe@example.com", "bio", "日本語 ' OR '1'='1 \\ %_ <script>alert(1)</script>");

		api.put("/profiles/me", token, Json.write(profile)).expect(200);

		Reply read = api.get("/profiles/me", token).expect(200);
		assertThat(read.field("displayName")).as(read.toString()).isEqualTo(profile.get("displayName"));
		assertThat(read.field("bio")).as(read.toString()).isEqualTo(profile.get("bio"));
	}

	@Test
	void anOversizedBodyGets413MalformedJson400AndAWrongContentType415() {
		Person person = this.edgepass.register();
		ApiClient api = person.client();
		String token = person.login().accessToken();
		String huge = "{\"items\":[{\"sku\":\"BIG-1\",\"quantity\":1,\"unitPrice\":\"1.00\"}],\"currency\":\"EUR\",\"pad\":\""
				+ "x".repeat(2 * 1024 * 1024) + "\"}";

		api.post("/orders", token, huge).expectProblem(413);
		this.edgepass.client()
			.post("/auth/register", null,
					Json.write(Map.of("username", unique(), "password", "long enough password", "displayName",
							"x".repeat(100_000))))
			.expectProblem(413);
		api.post("/orders", token, "{\"items\":[").expectProblem(400);
		api.post("/orders", token, "not json at all").expectProblem(400);
		this.edgepass.client().post("/auth/login", null, "{\"username\":").expectProblem(400);
		api.post("/orders", token, Orders.oneLine("TEXT-1", 1, "1.00"), "Content-Type", "text/plain")
			.expectProblem(415);
		this.edgepass.client()
			.post("/auth/register", null, "username=a&password=b", "Content-Type", "application/x-www-form-urlencoded")
			.expectProblem(415);
	}

	private static String unique() {
		return "st-" + UUID.randomUUID().toString().substring(0, 13);
	}

}
