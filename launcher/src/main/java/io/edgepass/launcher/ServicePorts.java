package io.edgepass.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * A service's main port and its management (actuator) port.
 *
 * @param port the API port ({@code SERVER_PORT})
 * @param managementPort the actuator port ({@code MANAGEMENT_SERVER_PORT})
 */
public record ServicePorts(int port, int managementPort) {

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
	 * Asks the operating system for a port that nothing listens on.
	 * @return the port
	 */
	public static int freePort() {
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
