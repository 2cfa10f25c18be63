package io.edgepass.gateway.security;

import java.util.List;
import java.util.Map;

import io.edgepass.gateway.system.ProblemResponses;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Bounds what a request may carry before any of it is parsed: total header size (431) and
 * body size (413, from {@code Content-Length} or while a chunked body streams).
 */
final class RequestLimits implements WebFilter {

	private final long maxHeaderBytes;

	private final long maxBodyBytes;

	private final ProblemResponses problems;

	RequestLimits(long maxHeaderBytes, long maxBodyBytes, ProblemResponses problems) {
		this.maxHeaderBytes = maxHeaderBytes;
		this.maxBodyBytes = maxBodyBytes;
		this.problems = problems;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		long headerBytes = 0;
		for (Map.Entry<String, List<String>> header : request.getHeaders().headerSet()) {
			for (String value : header.getValue()) {
				headerBytes += header.getKey().length() + value.length() + 4;
			}
		}
		if (headerBytes > this.maxHeaderBytes) {
			return this.problems.write(exchange, HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE);
		}
		long declared = request.getHeaders().getContentLength();
		if (declared > this.maxBodyBytes) {
			return this.problems.write(exchange, HttpStatus.CONTENT_TOO_LARGE);
		}
		if (declared >= 0) {
			return chain.filter(exchange);
		}
		ServerHttpRequest bounded = new ServerHttpRequestDecorator(request) {

			@Override
			public Flux<DataBuffer> getBody() {
				long[] seen = { 0 };
				return super.getBody().doOnNext((buffer) -> {
					seen[0] += buffer.readableByteCount();
					if (seen[0] > RequestLimits.this.maxBodyBytes) {
						DataBufferUtils.release(buffer);
						throw new ResponseStatusException(HttpStatus.CONTENT_TOO_LARGE);
					}
				});
			}

		};
		return chain.filter(exchange.mutate().request(bounded).build());
	}

}
