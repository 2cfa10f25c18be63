package io.edgepass.systemtests.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.edgepass.launcher.ServicePorts;

import static org.awaitility.Awaitility.await;

/**
 * A {@code redis-server} of the tests' own, a child process on a free port, in memory
 * only: fault tests stop it mid-run and start it again on the same port.
 */
public final class RedisServer {

	private final int port;

	private final Path log;

	private Process process;

	private RedisServer(int port, Path log) {
		this.port = port;
		this.log = log;
	}

	/**
	 * Starts one and waits until it answers.
	 * @param log where its output goes (appended to on every start)
	 * @return the running server
	 */
	public static RedisServer start(Path log) {
		RedisServer redis = new RedisServer(ServicePorts.freePort(), log);
		redis.start();
		return redis;
	}

	public String url() {
		return "redis://127.0.0.1:" + this.port;
	}

	public int port() {
		return this.port;
	}

	/** Starts it again if it is stopped, and waits until it answers PING. */
	public synchronized void start() {
		if (isRunning()) {
			return;
		}
		try {
			Files.createDirectories(this.log.getParent());
			this.process = new ProcessBuilder(List.of("redis-server", "--port", Integer.toString(this.port), "--bind",
					"127.0.0.1", "--save", "", "--appendonly", "no"))
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(this.log.toFile()))
				.start();
		}
		catch (IOException ex) {
			throw new IllegalStateException(
					"The system tests start their own redis-server, which is not on the PATH (apt-get install redis-server): "
							+ ex.getMessage(),
					ex);
		}
		await("redis-server on port " + this.port + " answers PING").atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(50))
			.until(() -> {
				if (!this.process.isAlive()) {
					throw new IllegalStateException(
							"redis-server exited with " + this.process.exitValue() + "; see " + this.log);
				}
				return answersPing();
			});
	}

	/** Stops it at once (SIGKILL, like a crash) and waits until it is gone. */
	public synchronized void stop() {
		if (this.process != null) {
			try {
				this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	public synchronized boolean isRunning() {
		return this.process != null && this.process.isAlive();
	}

	/** How many keys it holds now. */
	public long keyCount() {
		try {
			String reply = command("DBSIZE");
			if (!reply.startsWith(":")) {
				throw new IllegalStateException("redis-server answered DBSIZE with " + reply);
			}
			return Long.parseLong(reply.substring(1));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private boolean answersPing() {
		try {
			return "+PONG".equals(command("PING"));
		}
		catch (IOException ex) {
			return false;
		}
	}

	/** Sends one inline command and reads its one-line reply. */
	private String command(String command) throws IOException {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", this.port), 1000);
			socket.setSoTimeout(1000);
			socket.getOutputStream().write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
			BufferedReader reply = new BufferedReader(
					new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
			String line = reply.readLine();
			if (line == null) {
				throw new IOException("redis-server closed the connection without answering " + command);
			}
			return line;
		}
	}

}
