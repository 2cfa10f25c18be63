package io.edgepass.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.jayway.jsonpath.JsonPath;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API tables of {@code docs/CONTRACT.md}, the external contract: one row per request
 * with its success and failure statuses, grouped under a {@code ### <section>} heading
 * per service. A service's OpenAPI document must have every request of its section and
 * document every status the contract lists for it.
 */
public final class ContractTables {

	private static final Pattern HEADING = Pattern.compile("^###\\s+(\\w+)");

	private static final Pattern REQUEST = Pattern.compile("`(GET|HEAD|POST|PUT|PATCH|DELETE) (/[^`\\s?]*)[^`]*`");

	private static final Pattern STATUS = Pattern.compile("`([1-5]\\d\\d)`");

	private ContractTables() {
	}

	/**
	 * A request of the contract.
	 *
	 * @param method the HTTP method
	 * @param path the path, templated like OpenAPI ({@code /orders/{id}}), without query
	 * @param statuses every status listed for it, success and failure
	 */
	public record Request(String method, String path, Set<Integer> statuses) {
	}

	/**
	 * The requests of one section of {@code docs/CONTRACT.md} (found from any module).
	 */
	public static List<Request> section(String name) {
		return parse(read(), name);
	}

	/**
	 * The requests of a section. Rows for the same method and path (the same request with
	 * other query parameters) are merged.
	 */
	static List<Request> parse(String markdown, String name) {
		Map<String, Request> requests = new LinkedHashMap<>();
		String current = null;
		for (String line : markdown.split("\\R")) {
			Matcher heading = HEADING.matcher(line);
			if (heading.find()) {
				current = heading.group(1);
				continue;
			}
			if (!name.equals(current) || !line.startsWith("|")) {
				continue;
			}
			String[] cells = line.split("\\|");
			Matcher request = (cells.length > 1) ? REQUEST.matcher(cells[1]) : null;
			if (request == null || !request.find()) {
				continue;
			}
			Set<Integer> statuses = new LinkedHashSet<>();
			for (int i = 2; i < cells.length; i++) {
				Matcher status = STATUS.matcher(cells[i]);
				while (status.find()) {
					statuses.add(Integer.valueOf(status.group(1)));
				}
			}
			String key = request.group(1) + " " + request.group(2);
			Request previous = requests.get(key);
			if (previous != null) {
				statuses.addAll(previous.statuses());
			}
			requests.put(key, new Request(request.group(1), request.group(2), statuses));
		}
		assertThat(requests).as("requests of section '%s' in docs/CONTRACT.md", name).isNotEmpty();
		return List.copyOf(requests.values());
	}

	/**
	 * Asserts that an OpenAPI document has every request of a section with every status
	 * the contract lists.
	 */
	public static void assertDocumented(String openApiJson, String section) {
		assertDocumented(openApiJson, section(section));
	}

	static void assertDocumented(String openApiJson, List<Request> requests) {
		Map<String, Map<String, Object>> paths = JsonPath.read(openApiJson, "$.paths");
		Map<String, String> byShape = new LinkedHashMap<>();
		paths.keySet().forEach((path) -> byShape.put(shape(path), path));
		List<String> missing = new ArrayList<>();
		for (Request request : requests) {
			String path = byShape.get(shape(request.path()));
			Object operation = (path != null) ? paths.get(path).get(request.method().toLowerCase(Locale.ROOT)) : null;
			if (operation == null) {
				missing.add(request.method() + " " + request.path() + ": not documented");
				continue;
			}
			Map<String, Object> responses = JsonPath.read(operation, "$.responses");
			for (Integer status : request.statuses()) {
				if (!responses.containsKey(status.toString())) {
					missing.add(request.method() + " " + request.path() + ": no " + status + " response");
				}
			}
		}
		assertThat(missing).as("the OpenAPI document against docs/CONTRACT.md").isEmpty();
	}

	/**
	 * Path parameters may be named differently: {@code /a/{id}} and {@code /a/{x}} match.
	 */
	private static String shape(String path) {
		return path.replaceAll("\\{[^}]*}", "{}");
	}

	private static String read() {
		Path directory = Path.of("").toAbsolutePath();
		while (directory != null) {
			Path contract = directory.resolve("docs/CONTRACT.md");
			if (Files.isRegularFile(contract)) {
				try {
					return Files.readString(contract);
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			}
			directory = directory.getParent();
		}
		throw new IllegalStateException("docs/CONTRACT.md not found above " + Path.of("").toAbsolutePath());
	}

}
