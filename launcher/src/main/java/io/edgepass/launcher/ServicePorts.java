package io.edgepass.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A service's main port and its management (actuator) port.
 *
 * @param port the API port ({@code SERVER_PORT})
 * @param managementPort the actuator port ({@code MANAGEMENT_SERVER_PORT})
 */
public record ServicePorts(int port, int managementPort) {

	private static final int LOWEST_FREE_PORT = 20_000;

	private static final int EPHEMERAL_PORTS_START = 32_000;

	private static final Set<Integer> handedOut = ConcurrentHashMap.newKeySet();

	public ServicePorts {
		requireValid(port);
		requireValid(managementPort);
		if (port == managementPort) {
			throw new IllegalArgumentException("The main and the management port must differ, both are " + port);
		}
	}

	/**
	 * Two ports that are free right now, for tests.
	 * @return the ports
	 */
	public static ServicePorts free() {
		return new ServicePorts(freePort(), freePort());
	}

	/**
	 * A port that nothing listens on, never handed out before by this JVM, below the
	 * kernel's ephemeral range (32768 and up on Linux) so that no outgoing connection of
	 * another process takes it before the service binds.
	 * @return the port
	 */
	public static int freePort() {
		for (int attempt = 0; attempt < 1000; attempt++) {
			int port = ThreadLocalRandom.current().nextInt(LOWEST_FREE_PORT, EPHEMERAL_PORTS_START);
			if (handedOut.add(port) && isFree(port)) {
				return port;
			}
		}
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("No free port", ex);
		}
	}

	/**
	 * Whether a server could listen on the port now.
	 * @param port the port
	 * @return {@code true} when nothing is bound to it
	 */
	public static boolean isFree(int port) {
		try (ServerSocket socket = new ServerSocket()) {
			socket.setReuseAddress(true);
			socket.bind(new InetSocketAddress(port));
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static void requireValid(int port) {
		if (port < 1 || port > 65535) {
			throw new IllegalArgumentException("Not a TCP port: " + port);
		}
	}

}
