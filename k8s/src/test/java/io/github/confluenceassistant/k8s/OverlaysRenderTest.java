package io.github.confluenceassistant.k8s;

import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Each overlay, and the Secret templates, render with kustomize into objects valid against the Kubernetes API types. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OverlaysRenderTest {

    private final RenderedOverlays overlays = new RenderedOverlays();

    @ParameterizedTest
    @ValueSource(strings = {"overlays/dev", "overlays/prod", "overlays/sharded"})
    void overlayRendersToValidKubernetesObjects(String overlay) {
        List<Manifest> manifests = overlays.get(overlay);

        assertThat(manifests).extracting(Manifest::kind).as("rendered by " + overlays.renderer()).contains(
                "Namespace", "ConfigMap", "ServiceAccount", "Role", "RoleBinding", "CronJob", "Deployment", "Service",
                "Ingress", "PodDisruptionBudget", "HorizontalPodAutoscaler", "StatefulSet", "NetworkPolicy");
        assertThat(manifests).extracting(Manifest::kind).as("Secrets are never rendered by an overlay").doesNotContain("Secret");
    }

    @ParameterizedTest
    @ValueSource(strings = {"secrets"})
    void secretTemplatesRenderToValidSecrets(String directory) {
        assertThat(overlays.get(directory)).isNotEmpty().extracting(Manifest::kind).containsOnly("Secret");
    }
}
