package io.github.confluenceassistant.k8s;

import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V2HorizontalPodAutoscaler;
import io.kubernetes.client.openapi.models.V1Ingress;
import io.kubernetes.client.openapi.models.V1PodDisruptionBudget;
import io.kubernetes.client.openapi.models.V1PolicyRule;
import io.kubernetes.client.openapi.models.V1Role;
import io.kubernetes.client.openapi.models.V1RoleBinding;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The chat app: two replicas behind a sticky Ingress, health-group probes, PDB, HPA, and the dashboard's RBAC. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChatAppTest {

    private final RenderedOverlays overlays = new RenderedOverlays();

    List<String> overlays() {
        return RenderedOverlays.OVERLAYS;
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void twoReplicasProbedOnSpringBootsHealthGroups(String overlay) {
        V1Deployment deployment = only(overlay, V1Deployment.class);
        V1Container container = deployment.getSpec().getTemplate().getSpec().getContainers().getFirst();

        assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
        assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/liveness");
        assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/readiness");
        assertThat(container.getStartupProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/liveness");
        assertThat(container.getLivenessProbe().getHttpGet().getPort().getStrValue()).isEqualTo("management");
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void ingressKeepsEachBrowserOnItsPod(String overlay) {
        V1Ingress ingress = only(overlay, V1Ingress.class);

        assertThat(ingress.getSpec().getIngressClassName()).isEqualTo("nginx");
        assertThat(ingress.getMetadata().getAnnotations())
                .containsEntry("nginx.ingress.kubernetes.io/affinity", "cookie")
                .containsEntry("nginx.ingress.kubernetes.io/affinity-mode", "persistent")
                .containsKey("nginx.ingress.kubernetes.io/session-cookie-name");
        assertThat(ingress.getSpec().getRules()).allSatisfy(rule -> assertThat(rule.getHttp().getPaths())
                .allSatisfy(path -> assertThat(path.getBackend().getService().getPort().getName())
                        .as("only the app port, never the management port").isEqualTo("http")));
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void disruptionBudgetAndAutoscalerKeepAtLeastOnePod(String overlay) {
        V1PodDisruptionBudget budget = only(overlay, V1PodDisruptionBudget.class);
        V2HorizontalPodAutoscaler autoscaler = only(overlay, V2HorizontalPodAutoscaler.class);

        assertThat(budget.getSpec().getMinAvailable().getIntValue()).isEqualTo(1);
        assertThat(autoscaler.getSpec().getScaleTargetRef().getName()).isEqualTo("chat-app");
        assertThat(autoscaler.getSpec().getMinReplicas()).isEqualTo(2);
        assertThat(autoscaler.getSpec().getMaxReplicas()).isGreaterThan(2);
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void dashboardMayStartAJobFromTheCronJobAndNothingMore(String overlay) {
        V1Role role = only(overlay, V1Role.class);
        V1RoleBinding binding = only(overlay, V1RoleBinding.class);
        V1Deployment deployment = only(overlay, V1Deployment.class);

        assertThat(role.getRules()).extracting(V1PolicyRule::getApiGroups, V1PolicyRule::getResources, V1PolicyRule::getVerbs)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(List.of("batch"), List.of("cronjobs"), List.of("get", "list")),
                        org.assertj.core.groups.Tuple.tuple(List.of("batch"), List.of("jobs"), List.of("create", "get", "list")));
        assertThat(binding.getRoleRef().getName()).isEqualTo(role.getMetadata().getName());
        assertThat(binding.getSubjects()).singleElement().satisfies(subject -> {
            assertThat(subject.getName()).isEqualTo(deployment.getSpec().getTemplate().getSpec().getServiceAccountName());
            assertThat(subject.getNamespace()).isEqualTo(deployment.getMetadata().getNamespace());
        });
    }

    private <T> T only(String overlay, Class<T> type) {
        List<T> found = overlays.get(overlay).stream().filter(m -> type.isInstance(m.typed())).map(m -> m.as(type)).toList();
        assertThat(found).as(type.getSimpleName() + " in " + overlay).hasSize(1);
        return found.getFirst();
    }
}
