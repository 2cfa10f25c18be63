package io.edgepass.deployment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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
	@ValueSource(strings = { "dev", "prod" })
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
