package io.edgepass.systemtests.journeys;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;

import io.edgepass.systemtests.support.ApiClient;
import io.edgepass.systemtests.support.Chromium;
import io.edgepass.systemtests.support.Json;
import io.edgepass.systemtests.support.Person;
import io.edgepass.systemtests.support.Person.Login;
import io.edgepass.systemtests.support.Reply;
import io.edgepass.systemtests.support.Sessions;
import io.edgepass.systemtests.support.SharedSuite;
import io.edgepass.systemtests.support.SystemSuite;
import io.edgepass.systemtests.support.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.logging.LogEntry;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.attributeToBe;
import static org.openqa.selenium.support.ui.ExpectedConditions.domPropertyToBe;
import static org.openqa.selenium.support.ui.ExpectedConditions.invisibilityOfElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.not;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBe;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBePresentInElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated;

/**
 * The web client the gateway serves at {@code /}, driven in a real headless Chromium
 * against the real suite, along the journey of {@code web-client/BROWSER-TEST.md}: under
 * the gateway's CSP, with no console errors but the refused silent refresh of a
 * signed-out page, and a refresh token that lives in an {@code HttpOnly} cookie and
 * survives a reload.
 */
@SharedSuite
class BrowserJourneyIT {

	private static Chromium chromium;

	private final SystemSuite edgepass;

	BrowserJourneyIT(SystemSuite edgepass) {
		this.edgepass = edgepass;
	}

	@BeforeAll
	static void startChromium() {
		chromium = Chromium.start(SystemSuite.projectRoot().resolve("system-tests/target/chromium"));
	}

	/** Every test starts without the other's refresh cookie. */
	@BeforeEach
	void noCookies() {
		chromium.driver().executeCdpCommand("Network.clearBrowserCookies", Map.of());
	}

	@AfterAll
	static void quitChromium() {
		if (chromium != null) {
			chromium.close();
		}
	}

	@Test
	void aUserLogsInReloadsStillSignedInReadsTheirTokenOrdersEditsTheirProfileSeesTheirSessionsAndLogsOutWhichRevokesTheToken() {
		Person erin = this.edgepass.register();
		ApiClient api = erin.client();
		Login otherDevice = erin.login("system-test/1 other device");
		openThePage();

		logIn(erin.username(), erin.password());
		String token = readsTheirToken(erin);
		theTokenIsBoundToTheBrowsersKey(token);
		api.get("/orders?size=1", token).expectUnauthorized();
		String cookie = theRefreshTokenIsInAnHttpOnlyCookieNoScriptCanRead();

		String order = placesAndCancelsAnOrder();
		chromium.driver().navigate().refresh();
		staysSignedInAndListsTheirOrders(erin, order, "after a reload");
		String rotated = theRefreshTokenIsInAnHttpOnlyCookieNoScriptCanRead();
		assertThat(rotated).as("the reload's silent refresh rotated the cookie").isNotEqualTo(cookie);
		String page = chromium.driver().getWindowHandle();
		chromium.driver().switchTo().newWindow(WindowType.TAB).get(this.edgepass.issuer());
		staysSignedInAndListsTheirOrders(erin, order, "in a new tab");
		chromium.driver().close();
		chromium.driver().switchTo().window(page);

		editsTheirProfile(erin, api, otherDevice.accessToken());
		seesTheirSessionsWithThisOneMarked();

		chromium.find("#logout-button").click();
		chromium.await("the login form after logging out", visibilityOfElementLocated(By.id("login-form")));
		chromium.await("the signed-in area hidden after logging out",
				invisibilityOfElementLocated(By.id("app-section")));
		assertThat(chromium.find("#token-raw").getDomProperty("textContent")).as("the token view is emptied").isEmpty();
		assertThat(refreshCookie()).as("the refresh cookie after logging out").isEmpty();
		assertThat(Sessions.of(api.get("/auth/sessions", otherDevice.accessToken()).expect(200)))
			.as("the sessions left after logging out through the page")
			.hasSize(1);
		chromium.await("the page's token, with a proof of the page's key, refused after logging out",
				Duration.ofSeconds(5), (driver) -> statusOfOrdersWithThePagesKey(token) == 401);
		assertThat(consoleErrors()).as("the console after the refused in-page requests")
			.allSatisfy((entry) -> assertThat(entry.getMessage()).contains("/orders", "401"));
		api.get("/orders?size=1", otherDevice.accessToken()).expect(200);

		chromium.driver().navigate().refresh();
		awaitSignedOutAfterTheSilentRefresh("after a reload");
	}

	@Test
	void registeringThroughThePageLogsTheNewUserInAndAWrongPasswordShowsAnErrorOnTheLoginForm() {
		String username = "web-" + UUID.randomUUID().toString().substring(0, 12);
		String password = "pw-" + UUID.randomUUID();
		openThePage();

		chromium.type("#register-username", username);
		chromium.type("#register-password", password);
		chromium.type("#register-display-name", "Web Tester");
		chromium.find("#register-submit").click();
		chromium.await("the signed-in area after registering", visibilityOfElementLocated(By.id("app-section")));
		chromium.await("the new user's name", textToBe(By.id("current-user"), username));
		awaitSuccess("Account created.");
		chromium.find("#logout-button").click();
		chromium.await("the login form after logging out", visibilityOfElementLocated(By.id("login-form")));

		chromium.type("#login-username", username);
		chromium.type("#login-password", password + "-wrong");
		chromium.find("#login-submit").click();
		WebElement error = chromium.await("the error message of a wrong password",
				visibilityOfElementLocated(By.cssSelector("#messages [data-testid=\"message-error\"]")));
		assertThat(error.getAttribute("role")).isEqualTo("alert");
		assertThat(chromium.find("#app-section").isDisplayed()).as("still signed out").isFalse();
		assertThat(chromium.find("#login-form").isDisplayed()).as("still on the login form").isTrue();
		assertThat(consoleErrors()).as("console errors and CSP violations: only the refused login")
			.singleElement()
			.satisfies((entry) -> assertThat(entry.getMessage()).contains("/auth/login").contains("401"));
	}

	private void openThePage() {
		chromium.driver().get(this.edgepass.issuer());
		awaitSignedOutAfterTheSilentRefresh("on opening the page");
	}

	/**
	 * A page without a live refresh cookie: its one silent refresh is refused (401, which
	 * Chromium logs), then the login form shows. Nothing else may be in the console.
	 */
	private static void awaitSignedOutAfterTheSilentRefresh(String when) {
		chromium.await("the login form " + when, visibilityOfElementLocated(By.id("login-form")));
		assertThat(chromium.find("#app-section").isDisplayed()).as("the signed-in area " + when).isFalse();
		List<LogEntry> seen = new ArrayList<>();
		chromium.await("the refused silent refresh in the console " + when, (driver) -> {
			seen.addAll(consoleErrors());
			return seen.stream().anyMatch(BrowserJourneyIT::isRefusedSilentRefresh);
		});
		assertThat(seen).as("console errors and CSP violations %s: only the refused silent refresh", when)
			.singleElement()
			.satisfies((entry) -> assertThat(isRefusedSilentRefresh(entry)).as(entry.getMessage()).isTrue());
	}

	private static boolean isRefusedSilentRefresh(LogEntry entry) {
		return entry.getMessage().contains("/auth/refresh") && entry.getMessage().contains("401");
	}

	/**
	 * The browser holds the refresh token as {@code HttpOnly; Secure; SameSite=Strict}
	 * for {@code /auth} (accepted over http because the page is on localhost); the page's
	 * scripts see neither the cookie nor its value.
	 * @return the refresh token
	 */
	private static String theRefreshTokenIsInAnHttpOnlyCookieNoScriptCanRead() {
		Map<String, Object> cookie = refreshCookie()
			.orElseThrow(() -> new AssertionError("no edgepass_refresh cookie in the browser: "
					+ chromium.driver().executeCdpCommand("Network.getAllCookies", Map.of())));
		assertThat(cookie).containsEntry("httpOnly", true)
			.containsEntry("secure", true)
			.containsEntry("sameSite", "Strict")
			.containsEntry("path", "/auth")
			.containsEntry("session", false);
		String value = (String) cookie.get("value");
		assertThat(value).matches("[A-Za-z0-9_-]{43}");
		String visible = (String) chromium.driver().executeScript("return document.cookie");
		assertThat(visible).as("document.cookie").doesNotContain("edgepass_refresh").doesNotContain(value);
		assertThat(chromium.driver().executeScript("return document.body.textContent")).asString()
			.as("the page's text")
			.doesNotContain(value);
		return value;
	}

	@SuppressWarnings("unchecked")
	private static Optional<Map<String, Object>> refreshCookie() {
		Map<String, Object> all = chromium.driver().executeCdpCommand("Network.getAllCookies", Map.of());
		return ((List<Map<String, Object>>) all.get("cookies")).stream()
			.filter((cookie) -> "edgepass_refresh".equals(cookie.get("name")))
			.findFirst();
	}

	/** Signed in without typing the password: the orders are listed, no console error. */
	private void staysSignedInAndListsTheirOrders(Person person, String order, String when) {
		chromium.await("the signed-in area " + when, visibilityOfElementLocated(By.id("app-section")));
		chromium.await("the signed-in user's name " + when, textToBe(By.id("current-user"), person.username()));
		assertThat(chromium.find("#auth-section").isDisplayed()).as("the login forms " + when).isFalse();
		chromium.await("their order listed " + when, visibilityOfElementLocated(
				By.cssSelector("#orders-list [data-testid=\"order-row\"][data-order-id=\"" + order + "\"]")));
		assertThat(consoleErrors()).as("console errors and CSP violations " + when).isEmpty();
	}

	private void logIn(String username, String password) {
		chromium.type("#login-username", username);
		chromium.type("#login-password", password);
		chromium.find("#login-submit").click();
		chromium.await("the signed-in area after logging in", visibilityOfElementLocated(By.id("app-section")));
		chromium.await("the signed-in user's name", textToBe(By.id("current-user"), username));
		assertThat(chromium.find("#auth-section").isDisplayed()).as("the login forms hidden").isFalse();
	}

	/** The token view: parts, decoded header and payload, claims table, countdown. */
	private String readsTheirToken(Person person) {
		chromium.find("#tab-token").click();
		chromium.await("the token view", visibilityOfElementLocated(By.id("token-view")));
		assertThat(chromium.find("#tab-token").getAttribute("aria-selected")).isEqualTo("true");
		List<String> parts = new ArrayList<>();
		for (String part : List.of("header", "payload", "signature")) {
			WebElement shown = chromium.find("[data-testid=\"token-part-" + part + "\"]");
			assertThat(shown.isDisplayed()).as("the token's %s", part).isTrue();
			assertThat(shown.getText()).as("the token's %s", part).matches("[A-Za-z0-9_-]+");
			parts.add(shown.getText());
		}
		String token = String.join(".", parts);
		assertThat(chromium.find("#token-raw").getDomProperty("textContent")).isEqualTo(token);

		JsonNode payload = Json.read(chromium.find("#token-payload-json").getText());
		assertThat(payload).as("the decoded payload").isEqualTo(Tokens.claims(token));
		assertThat(payload.path("preferred_username").asString()).isEqualTo(person.username());
		assertThat(payload.path("sub").asString()).isEqualTo(person.id());
		JsonNode header = Json.read(chromium.find("#token-header-json").getText());
		assertThat(header).as("the decoded header").isEqualTo(Tokens.header(token));
		String kid = chromium.find("#token-kid").getText();
		assertThat(kid).isEqualTo(header.path("kid").asString()).isNotEmpty();
		Reply jwks = person.client().get("/.well-known/jwks.json", null).expect(200);
		assertThat(jwks.json().path("keys").valueStream().map((key) -> key.path("kid").asString()))
			.as("the kid shown is published: " + jwks)
			.contains(kid);

		assertThat(chromium.find("#token-refresh-note").getText()).as("where the refresh token is, and why")
			.contains("HttpOnly", "no script can read it");
		claimShown("alg", "header", "Signature algorithm");
		claimShown("kid", "header", "Key ID");
		claimShown("sub", "registered", "Subject");
		claimShown("exp", "registered", "Expiration time");
		claimShown("preferred_username", "public", "username");
		claimShown("scope", "public", "permissions");
		assertThat(chromium.find("#token-claims tr[data-claim=\"sub\"] .claim-value").getText()).isEqualTo(person.id());

		WebElement countdown = chromium.find("#token-countdown");
		String first = countdown.getText();
		assertThat(first).as("the countdown").matches("\\d{1,2}:\\d{2}");
		chromium.await("the countdown to tick within 2 s", Duration.ofSeconds(2),
				not(textToBe(By.id("token-countdown"), first)));
		return token;
	}

	/**
	 * The page logs in with DPoP: its token names the browser's key in {@code cnf.jkt},
	 * which the token view shows and explains; copied out of the page it is useless.
	 */
	private void theTokenIsBoundToTheBrowsersKey(String token) {
		String jkt = Tokens.claims(token).path("cnf").path("jkt").asString("");
		assertThat(jkt).as("the page's token is DPoP-bound").matches("[A-Za-z0-9_-]{43}");
		WebElement binding = chromium.find("#token-binding");
		assertThat(binding.isDisplayed()).as("the token view's binding section").isTrue();
		assertThat(chromium.find("#token-binding [data-testid=\"token-jkt\"]").getText()).isEqualTo(jkt);
		assertThat(binding.getDomAttribute("data-binding")).isEqualTo("bound");
		assertThat(chromium.find("[data-testid=\"token-key-jkt\"]").getText()).as("this browser's key").isEqualTo(jkt);
		assertThat(chromium.find("#token-binding-match").getText()).isEqualTo("The thumbprints match.");
		assertThat(chromium.find("#token-binding-explanation").getText()).contains("cannot be exported");
		claimShown("cnf", "public", "");
		assertThat(statusOfOrdersWithThePagesKey(token)).as("the token with a proof of the page's key").isEqualTo(200);
	}

	/**
	 * {@code GET /orders} with the token and a proof signed inside the page by its
	 * non-extractable key, the one way to use a bound token.
	 */
	private static long statusOfOrdersWithThePagesKey(String token) {
		Object status = chromium.driver().executeAsyncScript("""
				const [token, done] = arguments;
				(async () => {
				  const { loadKeyPair } = await import('/app/dpop-keys.js');
				  const { createProofSigner } = await import('/app/dpop.js');
				  const signer = await createProofSigner(await loadKeyPair());
				  const url = location.origin + '/orders';
				  const proof = await signer.proof('GET', url, token);
				  return (await fetch(url, { headers: { Authorization: 'DPoP ' + token, DPoP: proof } })).status;
				})().then(done, (failure) => done(String(failure)));
				""", token);
		assertThat(status).as("the in-page request's status").isInstanceOf(Long.class);
		return (Long) status;
	}

	private void claimShown(String name, String kind, String meaning) {
		WebElement row = chromium.find("#token-claims tr[data-claim=\"" + name + "\"]");
		assertThat(row.isDisplayed()).as("the %s row", name).isTrue();
		List<String> cells = row.findElements(By.cssSelector("th, td")).stream().map(WebElement::getText).toList();
		assertThat(cells).as("the %s row", name).hasSize(5);
		assertThat(cells.get(0)).isEqualTo(name);
		assertThat(cells.get(2)).as("the kind of %s", name).isEqualTo(kind);
		assertThat(cells.get(3)).as("the meaning of %s", name).contains(meaning);
		assertThat(cells.get(4)).as("where %s is defined", name).isNotBlank();
	}

	private String placesAndCancelsAnOrder() {
		chromium.find("#tab-orders").click();
		chromium.await("the order form", visibilityOfElementLocated(By.id("order-form")));
		chromium.type("[data-testid=\"order-item\"] [data-testid=\"order-item-sku\"]", "abc-1");
		chromium.type("[data-testid=\"order-item\"] [data-testid=\"order-item-quantity\"]", "2");
		chromium.type("[data-testid=\"order-item\"] [data-testid=\"order-item-unit-price\"]", "9.99");
		assertThat(chromium.find("#order-currency").getDomProperty("value")).isEqualTo("EUR");
		chromium.find("#order-submit").click();
		awaitSuccess("Order placed.");
		WebElement row = chromium.await("the new order in the list", visibilityOfElementLocated(
				By.cssSelector("#orders-list [data-testid=\"order-row\"][data-status=\"PLACED\"]")));
		assertThat(chromium.findAll("#orders-list [data-testid=\"order-row\"]")).hasSize(1);
		assertThat(row.getText()).contains("19.98 EUR", "2 × ABC-1 @ 9.99");
		String id = row.getDomAttribute("data-order-id");

		row.findElement(By.cssSelector("[data-testid=\"order-cancel\"]")).click();
		By cancelled = By.cssSelector("#orders-list [data-order-id=\"" + id + "\"][data-status=\"CANCELLED\"]");
		WebElement cancelledRow = chromium.await("the order cancelled", visibilityOfElementLocated(cancelled));
		awaitSuccess("Order cancelled.");
		assertThat(cancelledRow.findElement(By.cssSelector("[data-testid=\"order-status\"]")).getText())
			.isEqualTo("CANCELLED");
		assertThat(cancelledRow.findElements(By.cssSelector("[data-testid=\"order-cancel\"]")))
			.as("a cancelled order cannot be cancelled again")
			.isEmpty();
		return id;
	}

	private void editsTheirProfile(Person person, ApiClient api, String token) {
		chromium.find("#tab-profile").click();
		chromium.await("the profile loaded", textToBe(By.id("profile-username"), person.username()));
		String version = chromium.await("the profile's version", (driver) -> {
			String etag = chromium.find("#profile-etag").getText();
			return etag.isEmpty() ? null : etag;
		});
		String displayName = "Browser " + UUID.randomUUID().toString().substring(0, 8);
		chromium.type("#profile-display-name", displayName);
		chromium.find("#profile-save").click();
		awaitSuccess("Profile saved.");
		chromium.await("a new profile version", not(textToBe(By.id("profile-etag"), version)));

		chromium.type("#profile-display-name", "not saved");
		chromium.find("#tab-orders").click();
		chromium.find("#tab-profile").click();
		chromium.await("the saved display name after reloading the profile",
				domPropertyToBe(chromium.find("#profile-display-name"), "value", displayName));
		Reply profile = api.get("/profiles/me", token).expect(200);
		assertThat(profile.field("displayName")).as(profile.toString()).isEqualTo(displayName);
	}

	private void seesTheirSessionsWithThisOneMarked() {
		chromium.find("#tab-sessions").click();
		chromium.await("both sessions listed",
				(driver) -> chromium.findAll("[data-testid=\"session-row\"]").size() == 2);
		List<WebElement> current = chromium.findAll("[data-testid=\"session-row\"][data-current=\"true\"]");
		assertThat(current).as("exactly one session is this page's").hasSize(1);
		assertThat(current.get(0).findElement(By.cssSelector("[data-testid=\"session-current\"]")).isDisplayed())
			.isTrue();
		assertThat(current.get(0).findElements(By.cssSelector("[data-testid=\"session-revoke\"]"))).isEmpty();
		WebElement other = chromium.find("[data-testid=\"session-row\"][data-current=\"false\"]");
		assertThat(other.getText()).contains("system-test/1 other device");
		assertThat(other.findElement(By.cssSelector("[data-testid=\"session-revoke\"]")).isDisplayed()).isTrue();
		chromium.await("the sessions tab selected", attributeToBe(By.id("tab-sessions"), "aria-selected", "true"));
	}

	private static void awaitSuccess(String message) {
		chromium.await("the message '" + message + "'", textToBePresentInElementLocated(
				By.cssSelector("#messages [data-testid=\"message-success\"]"), message));
	}

	/** Severe console entries and CSP violations since the last look. */
	private static List<LogEntry> consoleErrors() {
		return chromium.console()
			.stream()
			.filter((entry) -> entry.getLevel().intValue() >= Level.SEVERE.intValue()
					|| entry.getMessage().contains("Content Security Policy"))
			.toList();
	}

}
