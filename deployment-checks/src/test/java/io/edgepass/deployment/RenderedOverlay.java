package io.edgepass.deployment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * An overlay as {@code kubectl kustomize} renders it, parsed into typed objects.
 *
 * <p>
 * CAUTION: rendering needs {@code kubectl} (which bundles kustomize) on the PATH. There
 * is no kustomize for the JVM on Maven Central, and re-implementing its merge rules here
 * would check our copy rather than what the cluster gets; so without kubectl these checks
 * fail and say so.
 */
record RenderedOverlay(String name, List<HasMetadata> resources) {

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

	private static RenderedOverlay render(String overlay) {
		String directory = "k8s/overlays/" + overlay;
		String yaml;
		try {
			yaml = Repository.run(List.of("kubectl", "kustomize", directory));
		}
		catch (IllegalStateException ex) {
			throw new IllegalStateException("Rendering " + directory + " needs kubectl (it bundles kustomize) on "
					+ "the PATH, e.g. apt-get install kubectl, or https://kubernetes.io/docs/tasks/tools/: "
					+ ex.getMessage(), ex);
		}
		return new RenderedOverlay(overlay, parse(yaml));
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
