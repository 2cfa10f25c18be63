package io.edgepass.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.representer.Representer;

/**
 * The part of kustomize that {@code k8s/} uses, to render an overlay where kubectl is not
 * on the PATH: {@code resources} (files, and directories holding a kustomization),
 * {@code components}, {@code patches} (inline JSON 6902 with a kind/name target),
 * {@code namespace}, {@code labels} (pairs, on {@code metadata.labels} only),
 * {@code images} (newName/newTag) and {@code replacements} (inline, a kind/name source
 * and targets, dotted field paths with list indices, a source
 * {@code delimiter}/{@code index}), applied in kustomize's order.
 *
 * <p>
 * CAUTION: anything else fails, naming what is not supported, so that this never renders
 * something different from kustomize in silence; {@link BuiltInKustomizeTests} compares
 * both outputs wherever kubectl is present (always in CI).
 */
final class BuiltInKustomize {

	private static final Set<String> FIELDS = Set.of("apiVersion", "kind", "resources", "components", "patches",
			"namespace", "labels", "images", "replacements");

	/**
	 * Kinds the namespace is set on; kustomize also rewrites fields inside some others
	 * (RoleBinding subjects, APIService, CustomResourceDefinition...).
	 */
	private static final Set<String> NAMESPACED = Set.of("ConfigMap", "Secret", "Service", "ServiceAccount",
			"Deployment", "StatefulSet", "HorizontalPodAutoscaler", "PodDisruptionBudget", "Ingress", "NetworkPolicy",
			"PersistentVolumeClaim");

	private BuiltInKustomize() {
	}

	/**
	 * Renders the kustomization in a directory, as {@code kubectl kustomize} would.
	 * @param directory the directory holding {@code kustomization.yaml}
	 * @return the rendered documents, separated by {@code ---}
	 * @throws IllegalStateException when it uses what this renderer does not support
	 */
	static String render(Path directory) {
		DumperOptions options = new DumperOptions();
		options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
		options.setExplicitStart(true);
		Yaml yaml = new Yaml(new Representer(options), options);
		return yaml.dumpAll(build(directory, "Kustomization", new ArrayList<>()).iterator());
	}

	/**
	 * Adds what a kustomization or component holds to what is accumulated, then
	 * transforms it all.
	 */
	private static List<Map<String, Object>> build(Path directory, String kind, List<Map<String, Object>> accumulated) {
		Path file = directory.resolve("kustomization.yaml");
		Map<String, Object> kustomization = map(load(file).get(0), file.toString());
		if (!kind.equals(kustomization.get("kind"))) {
			throw unsupported(file, "kind " + kustomization.get("kind") + " where a " + kind + " is expected");
		}
		onlyFields(kustomization, FIELDS, file);
		for (String resource : strings(kustomization, "resources", file)) {
			Path path = directory.resolve(resource).normalize();
			if (Files.isDirectory(path)) {
				accumulated.addAll(build(path, "Kustomization", new ArrayList<>()));
			}
			else {
				load(path).forEach((document) -> accumulated.add(map(document, path.toString())));
			}
		}
		for (String component : strings(kustomization, "components", file)) {
			build(directory.resolve(component).normalize(), "Component", accumulated);
		}
		patch(kustomization, accumulated, file);
		setNamespace(kustomization, accumulated, file);
		label(kustomization, accumulated, file);
		setImages(kustomization, accumulated, file);
		replace(kustomization, accumulated, file);
		return accumulated;
	}

	private static void patch(Map<String, Object> kustomization, List<Map<String, Object>> resources, Path file) {
		for (Object entry : list(kustomization, "patches", file)) {
			Map<String, Object> patch = map(entry, file + " patches");
			onlyFields(patch, Set.of("target", "patch"), file);
			if (patch.get("target") == null) {
				throw unsupported(file, "a patch without a target");
			}
			Map<String, Object> target = map(patch.get("target"), file + " patch target");
			onlyFields(target, Set.of("kind", "name"), file);
			if (!(patch.get("patch") instanceof String text && parse(text) instanceof List)) {
				throw unsupported(file, "a patch that is not an inline JSON 6902 patch (a list of operations)");
			}
			for (Object selector : target.values()) {
				// kustomize reads these as regular expressions: plain names mean the same
				if (!(selector instanceof String name && name.matches("[A-Za-z0-9-]+"))) {
					throw unsupported(file, "patch target " + selector);
				}
			}
			for (Map<String, Object> resource : resources) {
				if (target.getOrDefault("kind", resource.get("kind")).equals(resource.get("kind"))
						&& target.getOrDefault("name", name(resource)).equals(name(resource))) {
					// parsed for each resource, so that no two resources share a value
					for (Object operation : (List<?>) parse(text)) {
						apply(resource, map(operation, file + " patch operation"), file);
					}
				}
			}
		}
	}

	private static Object name(Map<String, Object> resource) {
		return map(resource.get("metadata"), "metadata of a " + resource.get("kind")).get("name");
	}

	/** Applies one JSON 6902 operation: add, replace or remove. */
	@SuppressWarnings("unchecked")
	private static void apply(Map<String, Object> resource, Map<String, Object> operation, Path file) {
		onlyFields(operation, Set.of("op", "path", "value"), file);
		String path = (String) operation.get("path");
		List<String> tokens = Stream.of(path.substring(1).split("/", -1))
			.map((token) -> token.replace("~1", "/").replace("~0", "~"))
			.toList();
		Object parent = resource;
		for (String token : tokens.subList(0, tokens.size() - 1)) {
			parent = child(parent, token, path);
		}
		String last = tokens.getLast();
		String op = (String) operation.get("op");
		Object value = operation.get("value");
		if (!Set.of("add", "replace", "remove").contains(op)) {
			throw unsupported(file, "patch operation " + op);
		}
		if (!op.equals("add")) {
			child(parent, last, path);
		}
		if (parent instanceof Map<?, ?> object) {
			Map<String, Object> fields = (Map<String, Object>) object;
			if (op.equals("remove")) {
				fields.remove(last);
			}
			else {
				fields.put(last, value);
			}
		}
		else {
			List<Object> items = (List<Object>) parent;
			int index = last.equals("-") ? items.size() : Integer.parseInt(last);
			switch (op) {
				case "add" -> items.add(index, value);
				case "replace" -> items.set(index, value);
				default -> items.remove(index);
			}
		}
	}

	private static Object child(Object parent, String key, String path) {
		Object child = null;
		if (parent instanceof Map<?, ?> object) {
			child = object.get(key);
		}
		else if (parent instanceof List<?> items && key.matches("\\d+") && Integer.parseInt(key) < items.size()) {
			child = items.get(Integer.parseInt(key));
		}
		if (child == null) {
			throw new IllegalStateException("Path " + path + ": nothing at " + key);
		}
		return child;
	}

	@SuppressWarnings("unchecked")
	private static void setNamespace(Map<String, Object> kustomization, List<Map<String, Object>> resources,
			Path file) {
		if (!(kustomization.get("namespace") instanceof String namespace)) {
			return;
		}
		for (Map<String, Object> resource : resources) {
			Map<String, Object> metadata = (Map<String, Object>) resource.get("metadata");
			if ("Namespace".equals(resource.get("kind")) && "v1".equals(resource.get("apiVersion"))) {
				metadata.put("name", namespace);
			}
			else if (NAMESPACED.contains(resource.get("kind"))) {
				metadata.put("namespace", namespace);
			}
			else {
				throw unsupported(file, "namespace on a " + resource.get("kind"));
			}
		}
	}

	@SuppressWarnings("unchecked")
	private static void label(Map<String, Object> kustomization, List<Map<String, Object>> resources, Path file) {
		for (Object entry : list(kustomization, "labels", file)) {
			Map<String, Object> labels = map(entry, file + " labels");
			onlyFields(labels, Set.of("pairs"), file);
			for (Map<String, Object> resource : resources) {
				Map<String, Object> metadata = (Map<String, Object>) resource.get("metadata");
				((Map<String, Object>) metadata.computeIfAbsent("labels", (key) -> new LinkedHashMap<>()))
					.putAll(map(labels.get("pairs"), file + " label pairs"));
			}
		}
	}

	private static void setImages(Map<String, Object> kustomization, List<Map<String, Object>> resources, Path file) {
		for (Object entry : list(kustomization, "images", file)) {
			Map<String, Object> image = map(entry, file + " images");
			onlyFields(image, Set.of("name", "newName", "newTag"), file);
			for (String field : image.keySet()) {
				if (!(image.get(field) instanceof String)) {
					throw unsupported(file, "images " + field + " that is not a string (quote it)");
				}
			}
			resources.forEach((resource) -> setImage(resource, image));
		}
	}

	/**
	 * Renames a matching image in every {@code containers} and {@code initContainers}
	 * list, wherever it is (as kustomize's legacy image filter does).
	 */
	@SuppressWarnings("unchecked")
	private static void setImage(Object node, Map<String, Object> image) {
		if (node instanceof Map<?, ?> object) {
			object.forEach((key, value) -> {
				if ((key.equals("containers") || key.equals("initContainers")) && value instanceof List<?> containers) {
					containers.forEach((container) -> rename((Map<String, Object>) container, image));
				}
				setImage(value, image);
			});
		}
		else if (node instanceof List<?> items) {
			items.forEach((item) -> setImage(item, image));
		}
	}

	private static void rename(Map<String, Object> container, Map<String, Object> image) {
		String name = (String) image.get("name");
		if (!(container.get("image") instanceof String current) || !current.startsWith(name)) {
			return;
		}
		String suffix = current.substring(name.length());
		if (suffix.isEmpty() || (suffix.matches("[:@].*") && !suffix.contains("/"))) {
			String newTag = (String) image.get("newTag");
			container.put("image", image.getOrDefault("newName", name) + ((newTag != null) ? ":" + newTag : suffix));
		}
	}

	/**
	 * Copies a field of one resource into fields of others, as kustomize's replacements.
	 */
	private static void replace(Map<String, Object> kustomization, List<Map<String, Object>> resources, Path file) {
		for (Object entry : list(kustomization, "replacements", file)) {
			Map<String, Object> replacement = map(entry, file + " replacements");
			onlyFields(replacement, Set.of("source", "targets"), file);
			Map<String, Object> source = map(replacement.get("source"), file + " replacement source");
			onlyFields(source, Set.of("kind", "name", "fieldPath", "options"), file);
			Object value = field(selected(resources, source, file), (String) source.get("fieldPath"), file);
			if (source.get("options") != null) {
				Map<String, Object> options = map(source.get("options"), file + " replacement source options");
				onlyFields(options, Set.of("delimiter", "index"), file);
				String[] parts = String.valueOf(value).split(Pattern.quote((String) options.get("delimiter")), -1);
				value = parts[(Integer) options.get("index")];
			}
			for (Object target : (List<?>) replacement.get("targets")) {
				Map<String, Object> fields = map(target, file + " replacement target");
				onlyFields(fields, Set.of("select", "fieldPaths"), file);
				Map<String, Object> select = map(fields.get("select"), file + " replacement select");
				onlyFields(select, Set.of("kind", "name"), file);
				Map<String, Object> resource = selected(resources, select, file);
				for (Object fieldPath : (List<?>) fields.get("fieldPaths")) {
					set(resource, (String) fieldPath, value, file);
				}
			}
		}
	}

	private static Map<String, Object> selected(List<Map<String, Object>> resources, Map<String, Object> selector,
			Path file) {
		List<Map<String, Object>> matching = resources.stream()
			.filter((resource) -> selector.get("kind").equals(resource.get("kind"))
					&& selector.get("name").equals(name(resource)))
			.toList();
		if (matching.size() != 1) {
			throw new IllegalStateException(file + ": replacement selects " + matching.size() + " resources for "
					+ selector + ", expected one");
		}
		return matching.get(0);
	}

	private static Object field(Object node, String fieldPath, Path file) {
		for (String token : tokens(fieldPath, file)) {
			node = child(node, token, fieldPath);
		}
		return node;
	}

	@SuppressWarnings("unchecked")
	private static void set(Map<String, Object> resource, String fieldPath, Object value, Path file) {
		List<String> tokens = tokens(fieldPath, file);
		Object parent = field(resource, String.join(".", tokens.subList(0, tokens.size() - 1)), file);
		String last = tokens.getLast();
		child(parent, last, fieldPath);
		if (parent instanceof List<?> items) {
			((List<Object>) items).set(Integer.parseInt(last), value);
		}
		else {
			((Map<String, Object>) parent).put(last, value);
		}
	}

	private static List<String> tokens(String fieldPath, Path file) {
		if (fieldPath.isEmpty()) {
			return List.of();
		}
		if (!fieldPath.matches("[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*")) {
			throw unsupported(file, "replacement field path " + fieldPath);
		}
		return List.of(fieldPath.split("\\."));
	}

	private static void onlyFields(Map<String, Object> map, Set<String> supported, Path file) {
		Set<String> unsupported = new TreeSet<>(map.keySet());
		unsupported.removeAll(supported);
		if (!unsupported.isEmpty()) {
			throw unsupported(file, String.join(", ", unsupported));
		}
	}

	private static IllegalStateException unsupported(Path file, String what) {
		return new IllegalStateException("The built-in kustomize does not support " + what + " (in " + file
				+ "): install kubectl, or teach " + BuiltInKustomize.class.getSimpleName() + " exactly that");
	}

	private static List<Object> load(Path file) {
		List<Object> documents = new ArrayList<>();
		try {
			yaml().loadAll(Files.readString(file)).forEach((document) -> {
				if (document != null) {
					documents.add(document);
				}
			});
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + file, ex);
		}
		return documents;
	}

	private static Object parse(String text) {
		return yaml().load(text);
	}

	private static Yaml yaml() {
		return new Yaml(new SafeConstructor(new LoaderOptions()));
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object value, String what) {
		if (!(value instanceof Map)) {
			throw new IllegalStateException(what + " is not a map: " + value);
		}
		return (Map<String, Object>) value;
	}

	private static List<?> list(Map<String, Object> map, String field, Path file) {
		Object value = map.getOrDefault(field, List.of());
		if (!(value instanceof List<?> list)) {
			throw new IllegalStateException(field + " in " + file + " is not a list: " + value);
		}
		return list;
	}

	private static List<String> strings(Map<String, Object> map, String field, Path file) {
		return list(map, field, file).stream().map((entry) -> {
			if (!(entry instanceof String string) || string.contains("://")) {
				throw unsupported(file, field + " entry " + entry);
			}
			return string;
		}).toList();
	}

}
