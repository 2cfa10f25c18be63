package io.edgepass.auth;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A TCP proxy in front of the test PostgreSQL, so a test can take the database away
 * (refuse and cut every connection) and bring it back, as an outage would.
 */
public final class DatabaseProxy {

	private static final Pattern JDBC_URL = Pattern.compile("jdbc:postgresql://([^/:]+)(?::(\\d+))?/(.*)");

	private final String targetHost;

	private final int targetPort;

	private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();

	private volatile ServerSocket server;

	private int port;

	private DatabaseProxy(String targetHost, int targetPort) {
		this.targetHost = targetHost;
		this.targetPort = targetPort;
	}

	/** Starts a proxy to the server of {@code jdbcUrl}; returns the URL through it. */
	static DatabaseProxy to(String jdbcUrl) {
		Matcher matcher = matcher(jdbcUrl);
		DatabaseProxy proxy = new DatabaseProxy(matcher.group(1),
				(matcher.group(2) != null) ? Integer.parseInt(matcher.group(2)) : 5432);
		proxy.start();
		return proxy;
	}

	String url(String jdbcUrl) {
		Matcher matcher = matcher(jdbcUrl);
		return "jdbc:postgresql://127.0.0.1:" + this.port + "/" + matcher.group(3);
	}

	private static Matcher matcher(String jdbcUrl) {
		Matcher matcher = JDBC_URL.matcher(jdbcUrl);
		if (!matcher.matches()) {
			throw new IllegalArgumentException("Not a PostgreSQL JDBC URL: " + jdbcUrl);
		}
		return matcher;
	}

	public synchronized void start() {
		try {
			ServerSocket server = new ServerSocket();
			server.setReuseAddress(true);
			server.bind(new InetSocketAddress("127.0.0.1", this.port));
			this.port = server.getLocalPort();
			this.server = server;
			Thread.ofVirtual().start(() -> accept(server));
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not start the database proxy", ex);
		}
	}

	/** Refuses new connections and cuts open ones. */
	public synchronized void stop() {
		close(this.server);
		this.sockets.forEach(DatabaseProxy::close);
		this.sockets.clear();
	}

	private void accept(ServerSocket server) {
		while (!server.isClosed()) {
			try {
				Socket client = server.accept();
				Socket upstream = new Socket(this.targetHost, this.targetPort);
				this.sockets.add(client);
				this.sockets.add(upstream);
				Thread.ofVirtual().start(() -> pump(client, upstream));
				Thread.ofVirtual().start(() -> pump(upstream, client));
			}
			catch (IOException ex) {
				// closed by stop(), or the upstream refused: the client sees a cut
			}
		}
	}

	private void pump(Socket from, Socket to) {
		try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
			in.transferTo(out);
		}
		catch (IOException ex) {
			// one side went away
		}
		finally {
			close(from);
			close(to);
			this.sockets.remove(from);
			this.sockets.remove(to);
		}
	}

	private static void close(java.io.Closeable closeable) {
		try {
			if (closeable != null) {
				closeable.close();
			}
		}
		catch (IOException ex) {
			// already gone
		}
	}

}
