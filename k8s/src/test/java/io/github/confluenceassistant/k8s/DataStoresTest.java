package io.github.confluenceassistant.k8s;

import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1NetworkPolicy;
import io.kubernetes.client.openapi.models.V1StatefulSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Chroma and PostgreSQL: where they come from, where they keep data, and that only our pods reach them. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DataStoresTest {

    private final RenderedOverlays overlays = new RenderedOverlays();

    List<String> overlays() {
        return RenderedOverlays.OVERLAYS;
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void chromaIsTheServerVersionTheTestsRunAgainstWithDataOnAVolume(String overlay) {
        V1StatefulSet chroma = statefulSet(overlay, "chroma").orElseThrow();
        V1Container container = chroma.getSpec().getTemplate().getSpec().getContainers().getFirst();

        assertThat(container.getImage()).isEqualTo("chromadb/chroma:1.0.0");
        assertThat(container.getVolumeMounts()).anySatisfy(mount -> {
            assertThat(mount.getMountPath()).isEqualTo("/data");
            assertThat(chroma.getSpec().getVolumeClaimTemplates()).extracting(t -> t.getMetadata().getName()).contains(mount.getName());
        });
        assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/api/v2/heartbeat");
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void onlyOurAppsReachChroma(String overlay) {
        assertThat(ingressFromOurAppsOnly(networkPolicy(overlay, "chroma"))).isTrue();
    }

    @Test
    void devRunsPostgresReachableOnlyByOurAppsAndAirbyte() {
        V1StatefulSet postgres = statefulSet("overlays/dev", "postgres").orElseThrow();
        V1NetworkPolicy policy = networkPolicy("overlays/dev", "postgres");

        assertThat(postgres.getSpec().getTemplate().getSpec().getContainers().getFirst().getImage()).isEqualTo("postgres:17");
        assertThat(ingressFromOurAppsOnly(policy)).isTrue();
        assertThat(policy.getSpec().getIngress().getFirst().getFrom()).anySatisfy(peer -> assertThat(peer.getNamespaceSelector()).isNotNull());
    }

    @Test
    void prodUsesAnExternalDatabase() {
        assertThat(statefulSet("overlays/prod", "postgres")).isEmpty();
    }

    private static boolean ingressFromOurAppsOnly(V1NetworkPolicy policy) {
        return policy.getSpec().getPolicyTypes().contains("Ingress")
                && policy.getSpec().getIngress().stream().flatMap(rule -> rule.getFrom().stream())
                .filter(peer -> peer.getPodSelector() != null)
                .allMatch(peer -> peer.getPodSelector().getMatchExpressions().getFirst().getValues()
                        .equals(List.of("batch-job", "chat-app")));
    }

    private Optional<V1StatefulSet> statefulSet(String overlay, String name) {
        return overlays.get(overlay).stream().filter(m -> m.typed() instanceof V1StatefulSet && m.name().equals(name))
                .map(m -> m.as(V1StatefulSet.class)).findFirst();
    }

    private V1NetworkPolicy networkPolicy(String overlay, String name) {
        return overlays.get(overlay).stream().filter(m -> m.typed() instanceof V1NetworkPolicy && m.name().equals(name))
                .map(m -> m.as(V1NetworkPolicy.class)).findFirst()
                .orElseThrow(() -> new AssertionError("no NetworkPolicy " + name + " in " + overlay));
    }
}
