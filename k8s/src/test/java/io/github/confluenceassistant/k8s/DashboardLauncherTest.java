package io.github.confluenceassistant.k8s;

import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1CronJob;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1EnvFromSource;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1RoleBinding;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard's "start a run" in the cluster: the chat app is told to create Jobs from the ingestion CronJob
 * of its own namespace, and its pod carries the token of the ServiceAccount the launcher Role is bound to.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardLauncherTest {

    private final RenderedOverlays overlays = new RenderedOverlays();

    List<String> overlays() {
        return RenderedOverlays.OVERLAYS;
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void theDashboardCreatesJobsFromTheIngestionCronJobOfItsOwnNamespace(String overlay) {
        List<Manifest> manifests = overlays.get(overlay);
        V1Deployment chatApp = chatApp(manifests);
        Map<String, String> environment = configMapEnvironment(manifests, chatApp);

        assertThat(environment).containsEntry("ASSISTANT_DASHBOARD_KUBERNETES_ENABLED", "true");
        assertThat(environment.getOrDefault("ASSISTANT_DASHBOARD_KUBERNETES_NAMESPACE", ""))
                .as("blank: the namespace of the pod's service account").isBlank();
        String cronJobName = environment.get("ASSISTANT_DASHBOARD_KUBERNETES_CRONJOB_NAME");
        assertThat(manifests).filteredOn(m -> m.typed() instanceof V1CronJob)
                .as("a CronJob named " + cronJobName + " beside the chat app")
                .anySatisfy(cronJob -> {
                    assertThat(cronJob.name()).isEqualTo(cronJobName);
                    assertThat(cronJob.as(V1CronJob.class).getMetadata().getNamespace())
                            .isEqualTo(chatApp.getMetadata().getNamespace());
                });
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void thePodActsAsTheServiceAccountTheLauncherRoleIsBoundTo(String overlay) {
        List<Manifest> manifests = overlays.get(overlay);
        V1PodSpec pod = chatApp(manifests).getSpec().getTemplate().getSpec();
        V1RoleBinding binding = manifests.stream().filter(m -> m.typed() instanceof V1RoleBinding)
                .map(m -> m.as(V1RoleBinding.class))
                .filter(b -> b.getRoleRef().getName().equals("ingestion-launcher"))
                .findFirst().orElseThrow();

        assertThat(binding.getSubjects()).extracting(subject -> subject.getName()).contains(pod.getServiceAccountName());
        assertThat(pod.getAutomountServiceAccountToken()).as("the Kubernetes client needs the account's token")
                .isNotEqualTo(Boolean.FALSE);
        assertThat(manifests).filteredOn(m -> "ServiceAccount".equals(m.kind())
                        && m.name().equals(pod.getServiceAccountName()))
                .singleElement()
                .satisfies(account -> assertThat(account.raw().get("automountServiceAccountToken"))
                        .as("a pod-level true would win anyway, but keep the account consistent")
                        .isNotEqualTo(Boolean.FALSE));
    }

    private static V1Deployment chatApp(List<Manifest> manifests) {
        return manifests.stream().filter(m -> m.typed() instanceof V1Deployment && m.name().equals("chat-app"))
                .map(m -> m.as(V1Deployment.class)).findFirst().orElseThrow();
    }

    /** The variables the chat-app container takes from whole ConfigMaps (later ones win, as in Kubernetes). */
    private static Map<String, String> configMapEnvironment(List<Manifest> manifests, V1Deployment deployment) {
        Map<String, String> environment = new HashMap<>();
        List<V1EnvFromSource> sources = deployment.getSpec().getTemplate().getSpec().getContainers().getFirst().getEnvFrom();
        for (V1EnvFromSource source : sources) {
            if (source.getConfigMapRef() == null) {
                continue;
            }
            manifests.stream()
                    .filter(m -> m.typed() instanceof V1ConfigMap && m.name().equals(source.getConfigMapRef().getName()))
                    .map(m -> m.as(V1ConfigMap.class).getData()).filter(Objects::nonNull)
                    .forEach(environment::putAll);
        }
        return environment;
    }
}
