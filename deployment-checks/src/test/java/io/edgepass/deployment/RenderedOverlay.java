package io.edgepass.deployment;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * An overlay as kustomize renders it, parsed into typed objects.
 *
 * <p>
 * CAUTION: rendered by {@code kubectl kustomize} when kubectl is on the PATH (as it is in
 * CI: {@code .ci/run} installs it), else by {@link BuiltInKustomize}, which supports only
 * what {@code k8s/} uses and fails on anything else. {@link BuiltInKustomizeTests} checks
 * that both render the same.
 */
record RenderedOverlay(String name, List<HasMetadata> resources) {

	/**
	 * The dev overlay with the optional components ({@code gateway-jwks},
	 * {@code prometheus-scrape}).
	 */
	static final String OPTIONS = "options";

	private static final Map<String, RenderedOverlay> RENDERED = new ConcurrentHashMap<>();

	private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

	static RenderedOverlay of(String overlay) {
		return RENDERED.computeIfAbsent(overlay, RenderedOverlay::render);
	}

	static List<HasMetadata> parse(String yaml) {
		List<HasMetadata> resources = new ArrayList<>();
		for (String document : yaml.split("(?m)^---\\s*$")) {
			if (!document.isBlank()) {
				resources.add(SERIALIZATION.unmarshal(document, HasMetadata.class));
			}
		}
		return resources;
	}

	/** The kustomization an overlay name stands for. */
	static String directory(String overlay) {
		return overlay.equals(OPTIONS) ? "deployment-checks/src/test/resources/kustomize/options"
				: "k8s/overlays/" + overlay;
	}

	private static RenderedOverlay render(String overlay) {
		String directory = directory(overlay);
		Optional<Path> kubectl = Repository.onPath("kubectl");
		if (kubectl.isPresent()) {
			System.out.println("Rendering " + directory + " with " + kubectl.get() + " kustomize");
			return new RenderedOverlay(overlay,
					parse(Repository.run(List.of(kubectl.get().toString(), "kustomize", directory))));
		}
		System.out.println("Rendering " + directory + " with the built-in kustomize: no kubectl on the PATH");
		return new RenderedOverlay(overlay, parse(BuiltInKustomize.render(Repository.path(directory))));
	}

	<T extends HasMetadata> List<T> all(Class<T> type) {
		return this.resources.stream().filter(type::isInstance).map(type::cast).toList();
	}

	<T extends HasMetadata> T named(Class<T> type, String name) {
		return all(type).stream()
			.filter((resource) -> resource.getMetadata().getName().equals(name))
			.findFirst()
			.orElseThrow(
					() -> new AssertionError(this.name + " renders no " + type.getSimpleName() + " named " + name));
	}

	/** Every pod template: the Deployments' and the StatefulSets'. */
	Map<String, PodTemplateSpec> podTemplates() {
		Map<String, PodTemplateSpec> templates = new java.util.TreeMap<>();
		all(Deployment.class).forEach((deployment) -> templates.put("Deployment/" + deployment.getMetadata().getName(),
				deployment.getSpec().getTemplate()));
		all(StatefulSet.class)
			.forEach((set) -> templates.put("StatefulSet/" + set.getMetadata().getName(), set.getSpec().getTemplate()));
		return templates;
	}

	Stream<ConfigMap> configMaps() {
		return all(ConfigMap.class).stream();
	}

	Stream<Secret> secrets() {
		return all(Secret.class).stream();
	}

	Service service(String name) {
		return named(Service.class, name);
	}

}
