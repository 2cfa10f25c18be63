package io.edgepass.deployment;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBackend;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

/**
 * Every overlay renders, and what it renders matches what the services expose and read.
 */
class KubernetesManifestsTests {

	@ParameterizedTest
	@ValueSource(strings = { "dev", "prod" })
	void everyServiceRunsItsOwnImageWithItsPortsAndProbes(String overlay) {
		RenderedOverlay rendered = RenderedOverlay.of(overlay);
		for (ServiceContract service : ServiceContract.all()) {
			Deployment deployment = rendered.named(Deployment.class, service.module());
			Container container = onlyContainer(deployment.getSpec().getTemplate());
			assertSoftly((softly) -> {
				softly.assertThat(container.getImage())
					.as("%s image", service.module())
					.matches("(.+/)?edgepass/" + service.module() + "(:[\\w.-]+)?");
				softly.assertThat(port(container, "http"))
					.as("%s http port", service.module())
					.isEqualTo(service.port());
				softly.assertThat(port(container, "management"))
					.as("%s management port (%s)", service.module(), service.source())
					.isEqualTo(service.managementPort());
				softly.assertThat(probe(container, container.getReadinessProbe(), "readiness"))
					.isEqualTo(ServiceContract.READINESS + " on " + service.managementPort());
				softly.assertThat(probe(container, container.getLivenessProbe(), "liveness"))
					.isEqualTo(ServiceContract.LIVENESS + " on " + service.managementPort());
				softly.assertThat(probe(container, container.getStartupProbe(), "startup"))
					.isEqualTo(ServiceContract.LIVENESS + " on " + service.managementPort());
			});
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "dev", "prod" })
	void servicesSelectTheirOwnPodsOnTheApiPortOnly(String overlay) {
		RenderedOverlay rendered = RenderedOverlay.of(overlay);
		for (ServiceContract contract : ServiceContract.all()) {
			Deployment deployment = rendered.named(Deployment.class, contract.module());
			Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
			assertThat(podLabels).containsAllEntriesOf(deployment.getSpec().getSelector().getMatchLabels());
			Service service = rendered.service(contract.module());
			assertThat(service.getSpec().getSelector()).isEqualTo(deployment.getSpec().getSelector().getMatchLabels());
			assertThat(service.getSpec().getPorts()).singleElement().satisfies((port) -> {
				assertThat(port.getPort()).isEqualTo(contract.port());
				assertThat(containerPort(onlyContainer(deployment.getSpec().getTemplate()), port.getTargetPort()))
					.isEqualTo(contract.port());
			});
			long selected = rendered.all(Deployment.class)
				.stream()
				.filter((other) -> other.getSpec()
					.getTemplate()
					.getMetadata()
					.getLabels()
					.entrySet()
					.containsAll(service.getSpec().getSelector().entrySet()))
				.count();
			assertThat(selected).as("Deployments selected by Service %s", contract.module()).isOne();
			assertThat(deployment.getSpec().getTemplate().getSpec().getServiceAccountName())
				.isEqualTo(rendered.named(ServiceAccount.class, contract.module()).getMetadata().getName());
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "dev", "prod" })
	void everyEnvironmentVariableIsOneTheServiceReadsAndEveryReferenceResolves(String overlay) {
		RenderedOverlay rendered = RenderedOverlay.of(overlay);
		Map<String, Map<String, String>> secretTemplates = secretTemplates();
		for (ServiceContract service : ServiceContract.all()) {
			Container container = onlyContainer(
					rendered.named(Deployment.class, service.module()).getSpec().getTemplate());
			assertThat(container.getEnvFrom()).as("%s envFrom (hides names from these checks)", service.module())
				.isNullOrEmpty();
			for (EnvVar variable : container.getEnv()) {
				assertThat(service.environment()).as("variables %s reads (from %s)", service.module(), service.source())
					.contains(variable.getName());
				if (variable.getValueFrom() == null) {
					continue;
				}
				var secretRef = variable.getValueFrom().getSecretKeyRef();
				var configRef = variable.getValueFrom().getConfigMapKeyRef();
				if (secretRef != null) {
					assertThat(secretTemplates).as("k8s/secrets.example.yaml").containsKey(secretRef.getName());
					assertThat(secretTemplates.get(secretRef.getName())).as("keys of Secret %s", secretRef.getName())
						.containsKey(secretRef.getKey());
				}
				else {
					assertThat(configRef).as("%s of %s", variable.getName(), service.module()).isNotNull();
					assertThat(rendered.named(ConfigMap.class, configRef.getName()).getData())
						.containsKey(configRef.getKey());
				}
			}
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "dev", "prod" })
	void everySecretAPodReadsIsOneOfTheTemplatesTheOperatorCreates(String overlay) {
		Map<String, Map<String, String>> secretTemplates = secretTemplates();
		RenderedOverlay.of(overlay).podTemplates().forEach((workload, template) -> {
			for (Container container : template.getSpec().getContainers()) {
				for (EnvVar variable : container.getEnv()) {
					if (variable.getValueFrom() != null && variable.getValueFrom().getSecretKeyRef() != null) {
						var reference = variable.getValueFrom().getSecretKeyRef();
						assertThat(secretTemplates.getOrDefault(reference.getName(), Map.of()))
							.as("%s reads %s from Secret %s (k8s/secrets.example.yaml)", workload, variable.getName(),
									reference.getName())
							.containsKey(reference.getKey());
					}
				}
			}
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "dev", "prod" })
	void noSecretValueIsCommitted(String overlay) {
		assertThat(RenderedOverlay.of(overlay).secrets()).isEmpty();
		assertThat(secretTemplates().values()).allSatisfy((keys) -> assertThat(keys.values())
			.allSatisfy((value) -> assertThat(value).matches(".*REPLACE_ME.*|admin")));
	}

	@ParameterizedTest
	@ValueSource(strings = { "dev", "prod" })
	void everyPodIsLockedDownWithResourcesAndProbes(String overlay) {
		Map<String, PodTemplateSpec> templates = RenderedOverlay.of(overlay).podTemplates();
		assertThat(templates).containsKeys("Deployment/gateway", "Deployment/auth-service", "Deployment/orders-service",
				"Deployment/profile-service");
		templates.forEach((workload, template) -> {
			PodSpec pod = template.getSpec();
			assertSoftly((softly) -> {
				softly.assertThat(pod.getAutomountServiceAccountToken())
					.as("%s automountServiceAccountToken", workload)
					.isFalse();
				softly.assertThat(pod.getSecurityContext().getRunAsNonRoot()).as("%s runAsNonRoot", workload).isTrue();
				softly.assertThat(pod.getSecurityContext().getRunAsUser()).as("%s runAsUser", workload).isPositive();
				softly.assertThat(pod.getSecurityContext().getSeccompProfile().getType())
					.as("%s seccompProfile", workload)
					.isEqualTo("RuntimeDefault");
				for (Container container : pod.getContainers()) {
					String name = workload + "/" + container.getName();
					var security = container.getSecurityContext();
					softly.assertThat(security.getAllowPrivilegeEscalation())
						.as("%s allowPrivilegeEscalation", name)
						.isFalse();
					softly.assertThat(security.getReadOnlyRootFilesystem())
						.as("%s readOnlyRootFilesystem", name)
						.isTrue();
					softly.assertThat(security.getRunAsNonRoot()).as("%s runAsNonRoot", name).isTrue();
					softly.assertThat(security.getCapabilities().getDrop())
						.as("%s capabilities.drop", name)
						.containsExactly("ALL");
					softly.assertThat(security.getCapabilities().getAdd())
						.as("%s capabilities.add", name)
						.isNullOrEmpty();
					for (String kind : List.of("requests", "limits")) {
						Map<String, Quantity> amounts = kind.equals("requests") ? container.getResources().getRequests()
								: container.getResources().getLimits();
						softly.assertThat(amounts).as("%s resources.%s", name, kind).containsKeys("cpu", "memory");
					}
					softly.assertThat(container.getLivenessProbe()).as("%s livenessProbe", name).isNotNull();
					softly.assertThat(container.getReadinessProbe()).as("%s readinessProbe", name).isNotNull();
					softly.assertThat(tmpIsEmptyDir(pod, container)).as("%s has an emptyDir at /tmp", name).isTrue();
				}
			});
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "dev", "prod" })
	void servicesRollWithoutDroppingRequests(String overlay) {
		RenderedOverlay rendered = RenderedOverlay.of(overlay);
		for (ServiceContract service : ServiceContract.all()) {
			Deployment deployment = rendered.named(Deployment.class, service.module());
			PodSpec pod = deployment.getSpec().getTemplate().getSpec();
			Container container = onlyContainer(deployment.getSpec().getTemplate());
			List<String> preStop = container.getLifecycle().getPreStop().getExec().getCommand();
			assertThat(preStop).hasSize(2).first().isEqualTo("sleep");
			long preStopSeconds = Long.parseLong(preStop.get(1));
			assertThat(pod.getTerminationGracePeriodSeconds())
				.as("%s terminationGracePeriodSeconds > preStop %ss + shutdown %s (%s)", service.module(),
						preStopSeconds, service.shutdownTimeout(), service.source())
				.isGreaterThan(preStopSeconds + service.shutdownTimeout().toSeconds());
			assertThat(deployment.getSpec().getStrategy().getType()).isEqualTo("RollingUpdate");
			assertThat(deployment.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable())
				.isEqualTo(new IntOrString(0));
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "dev", "prod" })
	void everyServiceAutoscalesAndHasADisruptionBudget(String overlay) {
		RenderedOverlay rendered = RenderedOverlay.of(overlay);
		for (ServiceContract service : ServiceContract.all()) {
			Deployment deployment = rendered.named(Deployment.class, service.module());
			HorizontalPodAutoscaler autoscaler = rendered.named(HorizontalPodAutoscaler.class, service.module());
			assertThat(autoscaler.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
			assertThat(autoscaler.getSpec().getScaleTargetRef().getName()).isEqualTo(service.module());
			assertThat(autoscaler.getSpec().getMinReplicas()).isPositive()
				.isLessThanOrEqualTo(autoscaler.getSpec().getMaxReplicas());
			assertThat(deployment.getSpec().getReplicas()).as("replicas are the autoscaler's").isNull();
			PodDisruptionBudget budget = rendered.named(PodDisruptionBudget.class, service.module());
			assertThat(budget.getSpec().getSelector().getMatchLabels())
				.isEqualTo(deployment.getSpec().getSelector().getMatchLabels());
			assertThat(budget.getSpec().getMaxUnavailable()).as("a rolling restart takes one pod at a time")
				.isEqualTo(new IntOrString(1));
		}
		int minimum = rendered.all(HorizontalPodAutoscaler.class)
			.stream()
			.mapToInt((autoscaler) -> autoscaler.getSpec().getMinReplicas())
			.min()
			.orElseThrow();
		assertThat(minimum).as("minimum replicas in %s", overlay).isEqualTo(overlay.equals("prod") ? 3 : 1);
	}

	@ParameterizedTest
	@ValueSource(strings = { "dev", "prod" })
	void theIngressReachesOnlyTheGatewayApiPort(String overlay) {
		RenderedOverlay rendered = RenderedOverlay.of(overlay);
		List<IngressBackend> backends = new ArrayList<>();
		for (Ingress ingress : rendered.all(Ingress.class)) {
			ingress.getSpec().getRules().forEach((rule) -> rule.getHttp().getPaths().forEach((path) -> {
				assertThat(path.getPath()).isEqualTo("/");
				backends.add(path.getBackend());
			}));
		}
		assertThat(backends).isNotEmpty().allSatisfy((backend) -> {
			assertThat(backend.getService().getName()).isEqualTo("gateway");
			assertThat(backend.getService().getPort().getName()).isEqualTo("http");
		});
		assertThat(rendered.service("gateway").getSpec().getType()).isEqualTo("ClusterIP");
	}

	@ParameterizedTest
	@ValueSource(strings = { "dev", "prod", RenderedOverlay.OPTIONS })
	void everythingLandsInTheOverlaysNamespace(String overlay) {
		RenderedOverlay rendered = RenderedOverlay.of(overlay);
		String namespace = overlay.equals("prod") ? "edgepass" : "edgepass-dev";
		Set<String> namespaces = new TreeSet<>();
		for (HasMetadata resource : rendered.resources()) {
			if (!resource.getKind().equals("Namespace")) {
				namespaces.add(resource.getMetadata().getNamespace());
			}
		}
		assertThat(namespaces).containsExactly(namespace);
	}

	@ParameterizedTest
	@ValueSource(strings = { "dev", "prod" })
	void theNamespaceEnforcesTheRestrictedPodSecurityStandard(String overlay) {
		List<Namespace> namespaces = RenderedOverlay.of(overlay).all(Namespace.class);
		assertThat(namespaces).singleElement()
			.satisfies((namespace) -> assertThat(namespace.getMetadata().getLabels())
				.containsEntry("pod-security.kubernetes.io/enforce", "restricted"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "dev", "prod" })
	void noPodPullsAMovingTagThatAClusterWasLoadedWith(String overlay) {
		RenderedOverlay.of(overlay).podTemplates().forEach((workload, template) -> {
			for (Container container : template.getSpec().getContainers()) {
				String image = container.getImage();
				String name = image.substring(image.lastIndexOf('/') + 1);
				boolean moving = !name.contains(":") || name.endsWith(":latest");
				if (moving) {
					// Kubernetes' default for :latest is Always, which fails for an image
					// `kind load` put on the node
					assertThat(container.getImagePullPolicy()).as("%s pulls %s", workload, image)
						.isIn("IfNotPresent", "Never");
				}
				if (overlay.equals("prod")) {
					assertThat(moving).as("%s runs %s: prod pins every image", workload, image).isFalse();
				}
			}
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "dev", "prod" })
	void theGatewayBelievesTheForwardedAddressesOfTheIngressControllersPodsOnly(String overlay) {
		RenderedOverlay rendered = RenderedOverlay.of(overlay);
		List<String> proxies = List.of(configValue(rendered, "gateway", "EDGEPASS_TRUSTED_PROXIES").split(","));
		assertThat(proxies).as("EDGEPASS_TRUSTED_PROXIES of the gateway in %s", overlay)
			.isNotEmpty()
			.allSatisfy((proxy) -> assertThat(proxy.strip())
				.matches("\\d{1,3}(\\.\\d{1,3}){3}/(8|9|[12]\\d|3[0-2])|[0-9a-fA-F:]+/\\d{1,3}"));
		if (overlay.equals("dev")) {
			Map<String, Object> networking = map(kindCluster().get("networking"));
			assertThat(proxies).as("the pod subnet of k8s/kind-cluster.yaml")
				.containsExactly(String.valueOf(networking.get("podSubnet")));
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "dev", "prod" })
	void theIngressServesTheIssuersHostWhichIsWrittenInOnePlace(String overlay) throws IOException {
		RenderedOverlay rendered = RenderedOverlay.of(overlay);
		String issuer = configValue(rendered, "auth-service", "EDGEPASS_ISSUER");
		assertThat(configValue(rendered, "gateway", "EDGEPASS_ISSUER")).isEqualTo(issuer);
		String host = URI.create(issuer).getHost();
		List<String> hosts = new ArrayList<>();
		for (Ingress ingress : rendered.all(Ingress.class)) {
			ingress.getSpec().getRules().forEach((rule) -> hosts.add(rule.getHost()));
			if (ingress.getSpec().getTls() != null) {
				ingress.getSpec().getTls().forEach((tls) -> hosts.addAll(tls.getHosts()));
			}
		}
		assertThat(hosts).isNotEmpty().containsOnly(host);
		List<Path> mentioning = new ArrayList<>();
		try (Stream<Path> files = Files.walk(Repository.path("k8s"))) {
			for (Path file : files.filter((path) -> path.toString().endsWith(".yaml")).toList()) {
				if (Files.readString(file).contains(host)) {
					mentioning.add(Repository.ROOT.relativize(file));
				}
			}
		}
		assertThat(mentioning).as("files of k8s/ that write %s", host)
			.containsExactly(Path.of("k8s/overlays/" + overlay + "/kustomization.yaml"));
	}

	@Test
	void theKindClusterPublishesTheIngressControllerOnThisMachinesHttpPorts() {
		Map<String, Object> cluster = kindCluster();
		assertThat(cluster.get("kind")).isEqualTo("Cluster");
		List<?> nodes = (List<?>) cluster.get("nodes");
		assertThat(nodes).singleElement().satisfies((node) -> {
			assertThat(map(map(node).get("labels"))).containsEntry("ingress-ready", "true");
			assertThat((List<?>) map(node).get("extraPortMappings"))
				.extracting((mapping) -> map(mapping).get("containerPort") + ":" + map(mapping).get("hostPort"))
				.containsExactlyInAnyOrder("80:80", "443:443");
		});
	}

	/** What a ConfigMap-sourced variable of a service's container is set to. */
	private static String configValue(RenderedOverlay rendered, String module, String variable) {
		Container container = onlyContainer(rendered.named(Deployment.class, module).getSpec().getTemplate());
		EnvVar env = container.getEnv()
			.stream()
			.filter((candidate) -> candidate.getName().equals(variable))
			.findFirst()
			.orElseThrow(() -> new AssertionError(module + " has no " + variable));
		var reference = env.getValueFrom().getConfigMapKeyRef();
		assertThat(reference).as("%s of %s comes from a ConfigMap", variable, module).isNotNull();
		String value = rendered.named(ConfigMap.class, reference.getName()).getData().get(reference.getKey());
		assertThat(value).as("%s of %s", variable, module).isNotBlank();
		return value;
	}

	private static Map<String, Object> kindCluster() {
		return map(new Yaml(new SafeConstructor(new LoaderOptions())).load(Repository.read("k8s/kind-cluster.yaml")));
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object value) {
		assertThat(value).isInstanceOf(Map.class);
		return (Map<String, Object>) value;
	}

	private static Container onlyContainer(PodTemplateSpec template) {
		assertThat(template.getSpec().getContainers()).hasSize(1);
		return template.getSpec().getContainers().get(0);
	}

	private static int port(Container container, String name) {
		return container.getPorts()
			.stream()
			.filter((port) -> name.equals(port.getName()))
			.map(ContainerPort::getContainerPort)
			.findFirst()
			.orElseThrow(() -> new AssertionError(container.getName() + " has no port named " + name));
	}

	private static int containerPort(Container container, IntOrString port) {
		return (port.getStrVal() != null) ? port(container, port.getStrVal()) : port.getIntVal();
	}

	private static String probe(Container container, Probe probe, String kind) {
		assertThat(probe).as("%s %s probe", container.getName(), kind).isNotNull();
		assertThat(probe.getHttpGet()).as("%s %s probe is an HTTP GET", container.getName(), kind).isNotNull();
		return probe.getHttpGet().getPath() + " on " + containerPort(container, probe.getHttpGet().getPort());
	}

	private static boolean tmpIsEmptyDir(PodSpec pod, Container container) {
		return container.getVolumeMounts()
			.stream()
			.filter((mount) -> mount.getMountPath().equals("/tmp"))
			.anyMatch((mount) -> pod.getVolumes()
				.stream()
				.filter((volume) -> volume.getName().equals(mount.getName()))
				.map(Volume::getEmptyDir)
				.anyMatch(java.util.Objects::nonNull));
	}

	/** The Secrets an operator must create, with their keys: k8s/secrets.example.yaml. */
	static Map<String, Map<String, String>> secretTemplates() {
		Map<String, Map<String, String>> templates = new TreeMap<>();
		for (HasMetadata resource : RenderedOverlay.parse(Repository.read("k8s/secrets.example.yaml"))) {
			Secret secret = (Secret) resource;
			templates.put(secret.getMetadata().getName(), new TreeMap<>(secret.getStringData()));
		}
		return templates;
	}

}
