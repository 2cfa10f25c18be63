package io.edgepass.deployment;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * An overlay as {@code kubectl kustomize} renders it, parsed into typed objects, each
 * once.
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
		Set<String> ids = new HashSet<>();
		for (String document : yaml.split("(?m)^---\\s*$")) {
			if (!document.isBlank()) {
				HasMetadata resource = SERIALIZATION.unmarshal(document, HasMetadata.class);
				String id = resource.getKind() + " " + resource.getMetadata().getNamespace() + "/"
						+ resource.getMetadata().getName();
				if (!ids.add(id)) {
					throw new AssertionError(id + " rendered twice");
				}
				resources.add(resource);
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
		Path kubectl = Repository.kubectl();
		System.out.println("Rendering " + directory + " with " + kubectl + " kustomize");
		List<HasMetadata> resources = parse(Repository.run(List.of(kubectl.toString(), "kustomize", directory)));
		if (resources.isEmpty()) {
			throw new AssertionError(kubectl + " kustomize " + directory + " renders nothing");
		}
		return new RenderedOverlay(overlay, resources);
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
