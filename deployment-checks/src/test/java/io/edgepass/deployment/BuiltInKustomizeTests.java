package io.edgepass.deployment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.SoftAssertions.assertSoftly;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The built-in kustomize renders what kubectl's does, and refuses what it does not know.
 */
class BuiltInKustomizeTests {

	/**
	 * CAUTION: the one check that needs kubectl. Without it, it is reported as skipped
	 * (never passed), while every other check renders with the built-in kustomize.
	 * @param directory the kustomization: both overlays, and a fixture using every
	 * supported feature
	 */
	@ParameterizedTest
	@ValueSource(strings = { "k8s/overlays/dev", "k8s/overlays/prod",
			"deployment-checks/src/test/resources/kustomize/overlay" })
	void rendersWhatKubectlRenders(String directory) {
		Path kubectl = Repository.onPath("kubectl").orElse(null);
		assumeTrue(kubectl != null, "Comparing with kubectl kustomize needs kubectl on the PATH "
				+ "(.ci/run installs it, so CI always compares)");
		Map<String, Object> expected = documents(Repository.run(List.of(kubectl.toString(), "kustomize", directory)));
		Map<String, Object> actual = documents(BuiltInKustomize.render(Repository.path(directory)));
		assertThat(expected).as("what kubectl renders of %s", directory).isNotEmpty();
		assertThat(actual.keySet()).as("what %s renders", directory).isEqualTo(expected.keySet());
		assertSoftly((softly) -> expected
			.forEach((id, document) -> softly.assertThat(actual.get(id)).as(id).isEqualTo(document)));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
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
