package io.edgepass.gateway;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

import static org.assertj.core.api.Assertions.assertThat;

/** The web client, served by the gateway at its own origin with no token. */
class WebClientTests extends GatewayTestBase {

	private static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
			+ "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

	private static final Pattern SCRIPT = Pattern.compile("<script\\b([^>]*)>", Pattern.CASE_INSENSITIVE);

	private static final Pattern MODULE_IMPORT = Pattern.compile("from\\s+'\\./([\\w-]+\\.js)'");

	@Test
	void thePageIsServedAtTheRootAndAsIndexHtmlUnderTheStrictPolicyAndAlwaysRevalidated() {
		for (String path : new String[] { "/", "/index.html" }) {
			EntityExchangeResult<byte[]> page = fetch(path, "text/html");
			assertThat(page.getResponseHeaders().getCacheControl()).as(path).contains("no-cache");
			String html = new String(page.getResponseBody(), StandardCharsets.UTF_8);
			assertThat(html).as(path).contains("<script type=\"module\" src=\"app/app.js\">");
		}
	}

	@Test
	void thePageServedThroughTheGatewayHasNoInlineScriptStyleOrHandler() {
		String html = new String(fetch("/", "text/html").getResponseBody(), StandardCharsets.UTF_8);

		Matcher scripts = SCRIPT.matcher(html);
		int count = 0;
		while (scripts.find()) {
			count++;
			assertThat(scripts.group(1)).as("every script is loaded by URL").contains("src=");
			assertThat(html.substring(scripts.end())).as("and has no inline body").startsWith("</script>");
		}
		assertThat(count).isPositive();
		assertThat(html).doesNotContainPattern("(?i)<style\\b")
			.doesNotContainPattern("(?i)\\sstyle\\s*=")
			.doesNotContainPattern("(?i)\\son[a-z]+\\s*=")
			.doesNotContainPattern("(?i)javascript:");
	}

	@Test
	void scriptsAreServedAsJavaScriptModulesWithEveryImportResolvable() {
		String app = new String(fetch("/app/app.js", "text/javascript").getResponseBody(), StandardCharsets.UTF_8);

		Matcher imports = MODULE_IMPORT.matcher(app);
		int count = 0;
		while (imports.find()) {
			count++;
			fetch("/app/" + imports.group(1), "text/javascript");
		}
		assertThat(count).isPositive();
	}

	@Test
	void stylesAndIconHaveTheirContentTypes() {
		fetch("/app/styles.css", "text/css");
		fetch("/app/favicon.svg", "image/svg+xml");
	}

	@Test
	void anUnchangedFileIsNotSentAgain() {
		String lastModified = fetch("/app/app.js", "text/javascript").getResponseHeaders()
			.getFirst(HttpHeaders.LAST_MODIFIED);
		assertThat(lastModified).isNotNull();

		this.client.get()
			.uri("/app/app.js")
			.header(HttpHeaders.IF_MODIFIED_SINCE, lastModified)
			.exchange()
			.expectStatus()
			.isNotModified();
	}

	@Test
	void writingToTheWebClientsFilesIsNotAllowed() {
		this.client.post().uri("/index.html").exchange().expectStatus().isUnauthorized();
		this.client.delete().uri("/app/app.js").exchange().expectStatus().isUnauthorized();
	}

	/**
	 * GETs a public file: 200 with this content type and the gateway's browser headers.
	 */
	private EntityExchangeResult<byte[]> fetch(String path, String contentType) {
		EntityExchangeResult<byte[]> result = this.client.get()
			.uri(path)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.value(HttpHeaders.CONTENT_TYPE, (type) -> assertThat(type).as(path).startsWith(contentType))
			.expectHeader()
			.valueEquals("Content-Security-Policy", CSP)
			.expectHeader()
			.valueEquals("X-Content-Type-Options", "nosniff")
			.expectHeader()
			.valueEquals("Referrer-Policy", "no-referrer")
			.expectBody()
			.returnResult();
		assertThat(result.getResponseBody()).as(path).isNotEmpty();
		return result;
	}

}
