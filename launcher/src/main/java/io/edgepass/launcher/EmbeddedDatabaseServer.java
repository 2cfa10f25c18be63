package io.edgepass.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * An embedded PostgreSQL (zonky's binaries), on a fixed port and data directory so that
 * it can be stopped and started again with its data.
 */
final class EmbeddedDatabaseServer implements DatabaseServer {

	private final Path dataDirectory;

	private final boolean temporary;

	private final int port;

	private final Path logFile;

	private EmbeddedPostgres postgres;

	private EmbeddedDatabaseServer(Path dataDirectory, boolean temporary, int port, Path logFile) {
		this.dataDirectory = dataDirectory;
		this.temporary = temporary;
		this.port = port;
		this.logFile = logFile;
	}

	static EmbeddedDatabaseServer start(DatabaseSource.Embedded source, Path logFile) {
		try {
			boolean temporary = source.dataDirectory() == null;
			Path dataDirectory = temporary ? Files.createTempDirectory("edgepass-postgres")
					: Files.createDirectories(source.dataDirectory());
			int port = (source.port() != 0) ? source.port() : ServicePorts.freePort();
			Files.createDirectories(logFile.getParent());
			EmbeddedDatabaseServer server = new EmbeddedDatabaseServer(dataDirectory, temporary, port, logFile);
			server.start();
			return server;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not prepare the embedded PostgreSQL", ex);
		}
	}

	@Override
	public synchronized void start() {
		if (this.postgres != null) {
			return;
		}
		try {
			this.postgres = EmbeddedPostgres.builder()
				.setDataDirectory(this.dataDirectory)
				.setCleanDataDirectory(false)
				.setPort(this.port)
				.setRegisterShutdownHook(false)
				.setPGStartupWait(Duration.ofSeconds(30))
				.setOutputRedirector(Redirect.appendTo(this.logFile.toFile()))
				.setErrorRedirector(Redirect.appendTo(this.logFile.toFile()))
				.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("The embedded PostgreSQL did not start (see " + this.logFile + ")", ex);
		}
	}

	@Override
	public synchronized void stop() {
		if (this.postgres == null) {
			return;
		}
		try {
			this.postgres.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("The embedded PostgreSQL did not stop", ex);
		}
		finally {
			this.postgres = null;
		}
	}

	/** Stops the server and, when its directory was temporary, deletes its data. */
	synchronized void destroy() {
		stop();
		if (this.temporary) {
			deleteRecursively(this.dataDirectory);
		}
	}

	int port() {
		return this.port;
	}

	@Override
	public String jdbcUrl(String database) {
		return "jdbc:postgresql://localhost:" + this.port + "/" + database;
	}

	@Override
	public String username() {
		return "postgres";
	}

	@Override
	public String password() {
		return "";
	}

	@Override
	public String description() {
		return "embedded PostgreSQL on port " + this.port + " (data in " + this.dataDirectory
				+ (this.temporary ? ", deleted at stop)" : ")");
	}

	private static void deleteRecursively(Path directory) {
		try (Stream<Path> paths = Files.walk(directory)) {
			paths.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException ex) {
			// a temporary directory left behind is not worth failing a stop for
		}
	}

}
