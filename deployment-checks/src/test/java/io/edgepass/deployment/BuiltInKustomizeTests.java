package io.edgepass.deployment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

/**
 * The built-in kustomize renders what kubectl's does, and refuses what it does not know.
 */
class BuiltInKustomizeTests {

	private static final String REGENERATE = "regenerate it with deployment-checks/render-golden.sh (kubectl 1.32)";

	/**
	 * Compares with what kubectl 1.32 rendered once, committed under
	 * {@code kustomize/rendered/}, so that the comparison runs without kubectl. Where
	 * kubectl is on the PATH (always in CI), its rendering must still be the committed
	 * one.
	 * @param directory the kustomization: both overlays, dev with the optional
	 * components, and a fixture using every supported feature
	 * @param name the name of its golden rendering
	 */
	@ParameterizedTest
	@CsvSource({ "k8s/overlays/dev, dev", "k8s/overlays/prod, prod",
			"deployment-checks/src/test/resources/kustomize/options, options",
			"deployment-checks/src/test/resources/kustomize/overlay, fixture" })
	void rendersWhatKubectlRenders(String directory, String name) {
		String golden = "deployment-checks/src/test/resources/kustomize/rendered/" + name + ".yaml";
		Map<String, Object> expected = documents(Repository.read(golden));
		assertThat(expected).as("what kubectl rendered of %s (%s)", directory, golden).isNotEmpty();
		Optional<Path> kubectl = Repository.onPath("kubectl");
		if (kubectl.isPresent()) {
			assertSameDocuments(documents(Repository.run(List.of(kubectl.get().toString(), "kustomize", directory))),
					expected,
					"what " + kubectl.get() + " renders of " + directory + ": " + golden + " is stale, " + REGENERATE);
		}
		assertSameDocuments(documents(BuiltInKustomize.render(Repository.path(directory))), expected,
				"what the built-in kustomize renders of " + directory + ", against kubectl's in " + golden + " (if "
						+ directory + " changed since, " + REGENERATE + ")");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '"',
			textBlock = """
					namePrefix: x-                                                          | namePrefix
					labels: [{pairs: {a: b}, includeSelectors: true}]                       | includeSelectors
					images: [{name: app, digest: 'sha256:00'}]                              | digest
					images: [{name: app, newTag: 1.10}]                                     | newTag
					patches: [{path: patch.yaml, target: {kind: Service}}]                  | path
					patches: [{target: {kind: Service, labelSelector: a=b}, patch: '[]'}]   | labelSelector
					patches: [{target: {name: 'app.*'}, patch: '[]'}]                       | app.*
					patches: [{target: {kind: Service}, patch: 'metadata: {name: app}'}]    | JSON 6902
					patches: [{target: {kind: Service}, patch: '[{op: test, path: /kind}]'}] | operation test
					resources: [https://example.com/app.yaml]                               | https://example.com/app.yaml
					replacements: [{path: replacements.yaml}]                               | path
					replacements: [{source: {kind: Service, name: app, fieldPath: 'spec.ports.*.port'}, targets: []}] | replacement field path
					replacements: [{source: {kind: Service, name: app, fieldPath: metadata.name}, targets: [{select: {kind: Service, name: app}, fieldPaths: [metadata.name], options: {create: true}}]}] | options
					""")
	void refusesWhatItDoesNotSupport(String field, String named, @TempDir Path directory) throws IOException {
		Files.writeString(directory.resolve("service.yaml"), "apiVersion: v1\nkind: Service\nmetadata: {name: app}\n");
		Files.writeString(directory.resolve("kustomization.yaml"),
				"apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n"
						+ (field.startsWith("resources") ? "" : "resources: [service.yaml]\n") + field + "\n");
		assertThatIllegalStateException().isThrownBy(() -> BuiltInKustomize.render(directory))
			.withMessageContaining("does not support")
			.withMessageContaining(named);
	}

	@ParameterizedTest
	@CsvSource({ "rbac.authorization.k8s.io/v1, RoleBinding", "rbac.authorization.k8s.io/v1, ClusterRole" })
	void refusesANamespaceOnKindsItDoesNotKnow(String apiVersion, String kind, @TempDir Path directory)
			throws IOException {
		Files.writeString(directory.resolve("resource.yaml"),
				"apiVersion: " + apiVersion + "\nkind: " + kind + "\nmetadata: {name: app}\n");
		Files.writeString(directory.resolve("kustomization.yaml"),
				"apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n"
						+ "namespace: example\nresources: [resource.yaml]\n");
		assertThatIllegalStateException().isThrownBy(() -> BuiltInKustomize.render(directory))
			.withMessageContaining("namespace on a " + kind);
	}

	private static void assertSameDocuments(Map<String, Object> actual, Map<String, Object> expected,
			String description) {
		assertThat(actual.keySet()).as(description).isEqualTo(expected.keySet());
		assertSoftly((softly) -> expected.forEach(
				(id, document) -> softly.assertThat(actual.get(id)).as(description + ": " + id).isEqualTo(document)));
	}

	/** The documents, by kind, namespace and name. */
	private static Map<String, Object> documents(String yaml) {
		Map<String, Object> documents = new TreeMap<>();
		for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(yaml)) {
			if (document instanceof Map<?, ?> resource && resource.get("metadata") instanceof Map<?, ?> metadata) {
				String id = resource.get("kind") + " " + metadata.get("namespace") + "/" + metadata.get("name");
				assertThat(documents.put(id, document)).as("%s rendered twice", id).isNull();
			}
			else if (document != null) {
				throw new AssertionError("Not a Kubernetes object: " + document);
			}
		}
		return documents;
	}

}
