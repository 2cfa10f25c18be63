package io.edgepass.deployment;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
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

	private static final Set<String> APPS = Set.of("gateway", "auth-service", "orders-service", "profile-service",
			"auth-postgres", "orders-postgres", "profiles-postgres", "redis");

	@ParameterizedTest
	@ValueSource(strings = { "dev", "prod" })
	void ingressIsDeniedByDefault(String overlay) {
		NetworkPolicy denyAll = RenderedOverlay.of(overlay).named(NetworkPolicy.class, "deny-all");
		assertThat(denyAll.getSpec().getPodSelector().getMatchLabels()).isNullOrEmpty();
		assertThat(denyAll.getSpec().getPodSelector().getMatchExpressions()).isNullOrEmpty();
		assertThat(denyAll.getSpec().getPolicyTypes()).contains("Ingress");
		assertThat(denyAll.getSpec().getIngress()).isNullOrEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "dev", "prod" })
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
								edges.add(source + " -> " + target + ":" + port.getPort().getIntVal());
							}
						}
					}
				}
			}
		}
		assertThat(edges).containsExactlyInAnyOrderElementsOf(EDGES);
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
