package io.edgepass.gateway;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import io.netty.handler.codec.http.HttpResponseStatus;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * A service behind the gateway, as small as possible: answers every request with the
 * method, path and headers it received as JSON, counts requests, and can be told to
 * refuse connections, hang, or drop the connection. Extra routes answer fixed documents.
 */
class StubUpstream {

	enum Mode {

		ECHO, HANG, RESET

	}

	static final JsonMapper JSON = JsonMapper.builder().build();

	private final Map<String, Function<HttpServerRequest, Mono<Answer>>> routes = new ConcurrentHashMap<>();

	private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

	private volatile Mode mode = Mode.ECHO;

	private volatile DisposableServer server;

	private volatile int port;

	StubUpstream() {
		this.server = bind(0);
		this.port = this.server.port();
	}

	String url() {
		return "http://127.0.0.1:" + this.port;
	}

	void route(String path, Function<HttpServerRequest, Mono<Answer>> answer) {
		this.routes.put(path, answer);
	}

	void mode(Mode mode) {
		this.mode = mode;
	}

	/** Requests received for this exact path and query. */
	int count(String method, String pathAndQuery) {
		AtomicInteger count = this.counts.get(method + " " + pathAndQuery);
		return (count != null) ? count.get() : 0;
	}

	/** Closes the listening socket: connections are refused until {@link #restore()}. */
	synchronized void refuse() {
		if (this.server != null) {
			this.server.disposeNow();
			this.server = null;
		}
	}

	synchronized void restore() {
		this.mode = Mode.ECHO;
		if (this.server == null) {
			this.server = bind(this.port);
		}
	}

	private DisposableServer bind(int port) {
		return HttpServer.create().host("127.0.0.1").port(port).handle(this::handle).bindNow();
	}

	private Mono<Void> handle(HttpServerRequest request, HttpServerResponse response) {
		String path = request.fullPath();
		this.counts.computeIfAbsent(request.method().name() + " " + request.uri(), (key) -> new AtomicInteger())
			.incrementAndGet();
		Function<HttpServerRequest, Mono<Answer>> route = this.routes.get(path);
		if (route != null) {
			return route.apply(request).flatMap((answer) -> {
				answer.headers().forEach(response::addHeader);
				return response.status(answer.status())
					.header("Content-Type", "application/json")
					.sendString(Mono.just(answer.body()))
					.then();
			});
		}
		return switch (this.mode) {
			case HANG -> Mono.never();
			case RESET -> Mono.fromRunnable(() -> response.withConnection((connection) -> connection.dispose()))
				.then(Mono.never());
			case ECHO -> request.receive().aggregate().asString().defaultIfEmpty("").flatMap((body) -> {
				Map<String, Object> echo = new LinkedHashMap<>();
				echo.put("method", request.method().name());
				echo.put("path", path);
				echo.put("query",
						request.uri().contains("?") ? request.uri().substring(request.uri().indexOf('?') + 1) : "");
				echo.put("bodyLength", body.length());
				Map<String, List<String>> headers = new LinkedHashMap<>();
				request.requestHeaders()
					.forEach((header) -> headers
						.computeIfAbsent(header.getKey().toLowerCase(Locale.ROOT), (name) -> new ArrayList<>())
						.add(header.getValue()));
				echo.put("headers", headers);
				return response.status(HttpResponseStatus.OK)
					.header("Content-Type", "application/json")
					.sendString(Mono.just(JSON.writeValueAsString(echo)))
					.then();
			});
		};
	}

	void stop() {
		refuse();
	}

	record Answer(int status, String body, Map<String, String> headers) {

		Answer(int status, String body) {
			this(status, body, Map.of());
		}

	}

}
