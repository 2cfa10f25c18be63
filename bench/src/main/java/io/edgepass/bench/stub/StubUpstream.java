package io.edgepass.bench.stub;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * The trivial upstream every variant is measured against: a small JSON for any path, plus
 * what the gateway itself reads from auth-service (the JWKS at {@value #JWKS_PATH} and an
 * empty revocation feed), so that only the edge's own work is measured.
 */
public final class StubUpstream implements AutoCloseable {

	public static final String JWKS_PATH = "/bench/jwks.json";

	static final String REVOCATIONS_PATH = "/internal/revocations";

	static final byte[] BODY = """
			{"id":"6f1d3c2a-8a57-4d55-9b7e-3c1f0e2d4b6a","status":"PLACED","currency":"EUR","total":"19.98"}"""
		.getBytes(StandardCharsets.UTF_8);

	static final byte[] EMPTY_FEED = "{\"cursor\":0,\"hasMore\":false,\"entries\":[]}".getBytes(StandardCharsets.UTF_8);

	private final byte[] jwks;

	private final DisposableServer server;

	private StubUpstream(String host, int port, byte[] jwks) {
		this.jwks = jwks;
		this.server = HttpServer.create().host(host).port(port).handle(this::answer).bindNow();
	}

	public static StubUpstream start(String host, int port, String jwksJson) {
		return new StubUpstream(host, port, jwksJson.getBytes(StandardCharsets.UTF_8));
	}

	public int port() {
		return this.server.port();
	}

	private Mono<Void> answer(HttpServerRequest request, HttpServerResponse response) {
		String path = request.fullPath();
		byte[] body = switch (path) {
			case JWKS_PATH -> this.jwks;
			case REVOCATIONS_PATH -> EMPTY_FEED;
			default -> BODY;
		};
		return request.receive()
			.then(response.header(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
				.header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(body.length))
				.send(Mono.just(Unpooled.wrappedBuffer(body)))
				.then());
	}

	@Override
	public void close() {
		this.server.disposeNow();
	}

	/**
	 * Runs until killed: {@code stub <port> <jwks file>}.
	 * @param args the port and the JWKS file
	 * @throws Exception when the file cannot be read
	 */
	public static void main(String[] args) throws Exception {
		StubUpstream stub = start("127.0.0.1", Integer.parseInt(args[0]), Files.readString(Path.of(args[1])));
		System.out.println("stub upstream listening on 127.0.0.1:" + stub.port());
		stub.server.onDispose().block();
	}

}
