package io.edgepass.deployment;

import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * An overlay as {@code kubectl kustomize} renders it, parsed into typed objects, each
 * once and with only the fields its kind has.
 *
 * <p>
 * CAUTION: kustomize passes a misspelled field on, and a server's lenient validation
 * drops it. Strict validation needs a server ({@code kubectl apply --dry-run=client
 * --validate=strict} asks it for the schema), so these checks hold each object against
 * fabric8's model of the Kubernetes API instead: whatever it does not know lands in an
 * {@code additionalProperties} map, which must stay empty.
 */
record RenderedOverlay(String name, List<HasMetadata> resources) {

	/**
	 * The dev overlay with the optional components ({@code gateway-jwks},
	 * {@code prometheus-scrape}).
	 */
	static final String OPTIONS = "options";

	private static final Map<String, RenderedOverlay> RENDERED = new ConcurrentHashMap<>();

	private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

	private static final String MODEL = "io.fabric8.kubernetes.api.model";

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
				List<String> unknown = new ArrayList<>();
				if (resource instanceof GenericKubernetesResource) {
					unknown.add("its kind (" + resource.getApiVersion() + ")");
				}
				collectUnknownFields(resource, "", unknown);
				if (!unknown.isEmpty()) {
					throw new AssertionError(id + " has what its kind does not: " + unknown);
				}
				resources.add(resource);
			}
		}
		return resources;
	}

	private static void collectUnknownFields(Object value, String path, List<String> unknown) {
		if (value instanceof List<?> list) {
			for (int i = 0; i < list.size(); i++) {
				collectUnknownFields(list.get(i), path + "[" + i + "]", unknown);
			}
		}
		else if (value instanceof Map<?, ?> map) {
			map.forEach((key, entry) -> collectUnknownFields(entry, field(path, String.valueOf(key)), unknown));
		}
		else if (value != null && value.getClass().getName().startsWith(MODEL)) {
			for (Class<?> type = value.getClass(); type != Object.class; type = type.getSuperclass()) {
				for (Field field : type.getDeclaredFields()) {
					JsonProperty property = field.getAnnotation(JsonProperty.class);
					if (property != null || field.getName().equals("additionalProperties")) {
						Object fieldValue = valueOf(field, value);
						if (property != null) {
							collectUnknownFields(fieldValue, field(path, property.value()), unknown);
						}
						else if (fieldValue instanceof Map<?, ?> additional) {
							additional.keySet().forEach((name) -> unknown.add(field(path, String.valueOf(name))));
						}
					}
				}
			}
		}
	}

	private static String field(String path, String name) {
		return path.isEmpty() ? name : path + "." + name;
	}

	private static Object valueOf(Field field, Object object) {
		try {
			field.setAccessible(true);
			return field.get(object);
		}
		catch (IllegalAccessException ex) {
			throw new IllegalStateException("Cannot read " + field, ex);
		}
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
