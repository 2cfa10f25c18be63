package io.edgepass.gateway.system;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import io.edgepass.trust.ProblemTypes;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ServerWebExchange;

/**
 * Writes the gateway's own RFC 9457 problem responses: security failures, rate limits,
 * routing errors and upstream faults. Details are fixed per status, never taken from an
 * exception.
 */
@Component
public class ProblemResponses {

	private final JsonMapper json;

	ProblemResponses(JsonMapper json) {
		this.json = json;
	}

	public Mono<Void> write(ServerWebExchange exchange, HttpStatus status) {
		return write(exchange, status, ProblemTypes.forStatus(status.value()), detailOf(status));
	}

	public Mono<Void> write(ServerWebExchange exchange, HttpStatus status, URI type, String detail) {
		ServerHttpResponse response = exchange.getResponse();
		if (response.isCommitted()) {
			return Mono.empty();
		}
		byte[] bytes = this.json.writeValueAsString(body(exchange, status, type, detail))
			.getBytes(StandardCharsets.UTF_8);
		response.setStatusCode(status);
		HttpHeaders headers = response.getHeaders();
		headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		headers.setContentLength(bytes.length);
		headers.setCacheControl("no-store");
		DataBuffer buffer = response.bufferFactory().wrap(bytes);
		return response.writeWith(Mono.just(buffer));
	}

	/** The same problem as a functional-endpoint response. */
	public Mono<ServerResponse> response(ServerWebExchange exchange, HttpStatus status) {
		return ServerResponse.status(status)
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.cacheControl(CacheControl.noStore())
			.bodyValue(this.json
				.writeValueAsString(body(exchange, status, ProblemTypes.forStatus(status.value()), detailOf(status))));
	}

	private static Map<String, Object> body(ServerWebExchange exchange, HttpStatus status, URI type, String detail) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", type.toString());
		body.put("title", status.getReasonPhrase());
		body.put("status", status.value());
		body.put("detail", detail);
		body.put("instance", instance(exchange));
		return body;
	}

	/** The path the client asked for, also when a fallback was forwarded to. */
	private static String instance(ServerWebExchange exchange) {
		Set<URI> originals = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ORIGINAL_REQUEST_URL_ATTR);
		return (originals != null && !originals.isEmpty()) ? originals.iterator().next().getRawPath()
				: exchange.getRequest().getPath().value();
	}

	static String detailOf(HttpStatusCode status) {
		return switch (status.value()) {
			case 401 -> "Authentication is required to access this resource.";
			case 403 -> "You are not allowed to do this.";
			case 404 -> "No such resource.";
			case 405 -> "This method is not allowed on this resource.";
			case 413 -> "The request body is too large.";
			case 429 -> "Too many requests; retry later.";
			case 431 -> "The request headers are too large.";
			case 503 -> "The service is unavailable; retry later.";
			case 504 -> "The service did not answer in time.";
			default -> status.is4xxClientError() ? "The request is not valid." : "An unexpected error occurred.";
		};
	}

}
