package io.edgepass.systemtests.support;

import java.util.List;

import tools.jackson.databind.JsonNode;

/** Reads {@code GET /auth/sessions}. */
public final class Sessions {

	private Sessions() {
	}

	/** The sessions listed, whether the body is an array or wraps one. */
	public static List<JsonNode> of(Reply reply) {
		JsonNode body = reply.json();
		JsonNode list = body.isArray() ? body
				: body.path("sessions").isArray() ? body.path("sessions") : body.path("content");
		if (!list.isArray()) {
			throw new AssertionError("Expected a list of sessions: " + reply);
		}
		return list.valueStream().toList();
	}

}
