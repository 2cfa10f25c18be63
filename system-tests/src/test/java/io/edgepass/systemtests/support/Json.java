package io.edgepass.systemtests.support;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** JSON in and out of request and response bodies. */
public final class Json {

	private static final JsonMapper mapper = JsonMapper.builder().build();

	private Json() {
	}

	public static String write(Object value) {
		return mapper.writeValueAsString(value);
	}

	public static JsonNode read(String text) {
		return mapper.readTree(text);
	}

	public static JsonMapper mapper() {
		return mapper;
	}

}
