package io.edgepass.launcher;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Stands in for a service jar: answers the readiness probe on
 * {@code MANAGEMENT_SERVER_PORT} and the JWKS and its own environment on
 * {@code SERVER_PORT}, and runs until it is signalled.
 */
public final class FakeService {

	private FakeService() {
	}

	public static void main(String[] args) throws IOException, InterruptedException {
		HttpServer api = HttpServer.create(new InetSocketAddress(Integer.parseInt(System.getenv("SERVER_PORT"))), 0);
		api.createContext("/.well-known/jwks.json", (exchange) -> answer(exchange, "{\"keys\":[]}"));
		api.createContext("/env", (exchange) -> answer(exchange, properties(new TreeMap<>(System.getenv()))));
		HttpServer management = HttpServer
			.create(new InetSocketAddress(Integer.parseInt(System.getenv("MANAGEMENT_SERVER_PORT"))), 0);
		management.createContext("/actuator/health/readiness", (exchange) -> answer(exchange, "{\"status\":\"UP\"}"));
		api.start();
		management.start();
		System.out.println("fake service started, pid " + ProcessHandle.current().pid());
		new CountDownLatch(1).await();
	}

	private static String properties(Map<String, String> environment) {
		StringBuilder text = new StringBuilder();
		environment.forEach((name, value) -> text.append(name).append('=').append(value).append('\n'));
		return text.toString();
	}

	private static void answer(HttpExchange exchange, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.sendResponseHeaders(200, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

}
