package io.edgepass.deployment;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The network policies allow exactly the edges of the design: everything else is denied.
 */
class NetworkPolicyTests {

	private static final String INGRESS_CONTROLLER = "ingress-nginx/ingress-nginx";

	/** Who may open a connection to whom, on which port. */
	private static final Set<String> EDGES = Set.of(INGRESS_CONTROLLER + " -> gateway:8080",
			"gateway -> auth-service:8081", "gateway -> orders-service:8082", "gateway -> profile-service:8083",
			"auth-service -> auth-postgres:5432", "orders-service -> orders-postgres:5432",
			"profile-service -> profiles-postgres:5432", "gateway -> redis:6379");

	/**
	 * The optional components' edges: the services fetch the gateway's ES256 keys from
	 * its management port; the cluster's Prometheus scrapes every management port.
	 */
	private static final Set<String> OPTIONAL_EDGES = Set.of("auth-service -> gateway:9080",
			"orders-service -> gateway:9080", "profile-service -> gateway:9080",
			"monitoring/prometheus -> gateway:management", "monitoring/prometheus -> auth-service:management",
			"monitoring/prometheus -> orders-service:management",
			"monitoring/prometheus -> profile-service:management");

	/** The ingress controller serving each Ingress class, as namespace/app. */
	private static final Map<String, String> CONTROLLERS = Map.of("nginx", INGRESS_CONTROLLER);

	private static final Set<String> APPS = Set.of("gateway", "auth-service", "orders-service", "profile-service",
			"auth-postgres", "orders-postgres", "profiles-postgres", "redis");

	@ParameterizedTest
	@ValueSource(strings = { "dev", "prod", RenderedOverlay.OPTIONS })
	void ingressIsDeniedByDefault(String overlay) {
		NetworkPolicy denyAll = RenderedOverlay.of(overlay).named(NetworkPolicy.class, "deny-all");
		assertThat(denyAll.getSpec().getPodSelector().getMatchLabels()).isNullOrEmpty();
		assertThat(denyAll.getSpec().getPodSelector().getMatchExpressions()).isNullOrEmpty();
		assertThat(denyAll.getSpec().getPolicyTypes()).contains("Ingress");
		assertThat(denyAll.getSpec().getIngress()).isNullOrEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "dev", "prod", RenderedOverlay.OPTIONS })
	void onlyTheDesignedEdgesAreAllowed(String overlay) {
		Set<String> edges = new TreeSet<>();
		for (NetworkPolicy policy : RenderedOverlay.of(overlay).all(NetworkPolicy.class)) {
			Set<String> targets = select(policy.getSpec().getPodSelector());
			List<NetworkPolicyIngressRule> rules = policy.getSpec().getIngress();
			for (NetworkPolicyIngressRule rule : (rules != null) ? rules : List.<NetworkPolicyIngressRule>of()) {
				assertThat(rule.getFrom()).as("%s allows traffic from anywhere", policy.getMetadata().getName())
					.isNotEmpty();
				assertThat(rule.getPorts()).as("%s allows every port", policy.getMetadata().getName()).isNotEmpty();
				for (NetworkPolicyPeer peer : rule.getFrom()) {
					for (String source : sources(policy, peer)) {
						for (String target : targets) {
							for (NetworkPolicyPort port : rule.getPorts()) {
								assertThat(port.getProtocol()).isEqualTo("TCP");
								IntOrString number = port.getPort();
								edges.add(source + " -> " + target + ":"
										+ ((number.getStrVal() != null) ? number.getStrVal() : number.getIntVal()));
							}
						}
					}
				}
			}
		}
		Set<String> expected = new TreeSet<>(EDGES);
		if (overlay.equals(RenderedOverlay.OPTIONS)) {
			expected.addAll(OPTIONAL_EDGES);
		}
		assertThat(edges).containsExactlyInAnyOrderElementsOf(expected);
	}

	@ParameterizedTest
	@ValueSource(strings = { "dev", "prod" })
	void theGatewaysApiPortAdmitsTheControllerOfTheIngressClassOnly(String overlay) {
		RenderedOverlay rendered = RenderedOverlay.of(overlay);
		Set<String> classes = new TreeSet<>();
		rendered.all(Ingress.class).forEach((ingress) -> classes.add(ingress.getSpec().getIngressClassName()));
		assertThat(classes).as("Ingress classes (a controller this test does not know needs its entry)")
			.singleElement()
			.satisfies((name) -> assertThat(CONTROLLERS).containsKey(name));
		Set<String> admitted = new TreeSet<>();
		for (NetworkPolicy policy : rendered.all(NetworkPolicy.class)) {
			if (!select(policy.getSpec().getPodSelector()).contains("gateway")
					|| policy.getSpec().getIngress() == null) {
				continue;
			}
			for (NetworkPolicyIngressRule rule : policy.getSpec().getIngress()) {
				if (rule.getPorts()
					.stream()
					.anyMatch((port) -> Integer.valueOf(8080).equals(port.getPort().getIntVal()))) {
					rule.getFrom().forEach((peer) -> admitted.addAll(sources(policy, peer)));
				}
			}
		}
		assertThat(admitted).containsExactly(CONTROLLERS.get(classes.iterator().next()));
	}

	@ParameterizedTest
	@ValueSource(strings = { "dev", "prod" })
	void theApplicationsThePoliciesNameAreTheOnesDeployed(String overlay) {
		RenderedOverlay rendered = RenderedOverlay.of(overlay);
		Set<String> deployed = new TreeSet<>();
		rendered.podTemplates()
			.values()
			.forEach((template) -> deployed.add(template.getMetadata().getLabels().get("app.kubernetes.io/name")));
		Set<String> expected = overlay.equals("dev") ? APPS
				: Set.of("gateway", "auth-service", "orders-service", "profile-service");
		assertThat(deployed).containsExactlyInAnyOrderElementsOf(expected);
	}

	private static List<String> sources(NetworkPolicy policy, NetworkPolicyPeer peer) {
		assertThat(peer.getIpBlock()).as("%s allows an IP block", policy.getMetadata().getName()).isNull();
		if (peer.getNamespaceSelector() != null) {
			String namespace = peer.getNamespaceSelector().getMatchLabels().get("kubernetes.io/metadata.name");
			assertThat(namespace).as("%s: a namespace selected by name", policy.getMetadata().getName()).isNotNull();
			assertThat(peer.getPodSelector()).as("%s: pods of namespace %s", policy.getMetadata().getName(), namespace)
				.isNotNull();
			return List.of(namespace + "/" + peer.getPodSelector().getMatchLabels().get("app.kubernetes.io/name"));
		}
		return List.copyOf(select(peer.getPodSelector()));
	}

	/**
	 * The applications (by app.kubernetes.io/name) of this namespace a selector picks.
	 */
	private static Set<String> select(LabelSelector selector) {
		Set<String> selected = new TreeSet<>();
		for (String app : APPS) {
			if (matches(selector, Map.of("app.kubernetes.io/name", app))) {
				selected.add(app);
			}
		}
		return selected;
	}

	private static boolean matches(LabelSelector selector, Map<String, String> labels) {
		if (selector.getMatchLabels() != null && !labels.entrySet().containsAll(selector.getMatchLabels().entrySet())) {
			return false;
		}
		if (selector.getMatchExpressions() != null) {
			for (LabelSelectorRequirement requirement : selector.getMatchExpressions()) {
				String value = labels.get(requirement.getKey());
				boolean in = value != null && requirement.getValues().contains(value);
				boolean ok = switch (requirement.getOperator()) {
					case "In" -> in;
					case "NotIn" -> !in;
					case "Exists" -> value != null;
					case "DoesNotExist" -> value == null;
					default -> throw new AssertionError("Unknown operator " + requirement.getOperator());
				};
				if (!ok) {
					return false;
				}
			}
		}
		return true;
	}

}
