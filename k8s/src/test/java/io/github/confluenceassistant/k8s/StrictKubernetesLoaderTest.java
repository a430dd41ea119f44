package io.github.confluenceassistant.k8s;

import io.github.confluenceassistant.k8s.StrictKubernetesLoader.InvalidManifestException;
import io.kubernetes.client.openapi.models.V1Deployment;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The schema check itself: broken fixtures prove it fails where the API server would. */
class StrictKubernetesLoaderTest {

    @Test
    void validObjectLoadsAsItsApiType() {
        List<Manifest> manifests = StrictKubernetesLoader.loadAll(Fixtures.read("valid-deployment.yaml"), "valid-deployment.yaml");

        assertThat(manifests).singleElement().satisfies(manifest -> {
            assertThat(manifest.typed()).isInstanceOf(V1Deployment.class);
            assertThat(manifest.as(V1Deployment.class).getSpec().getTemplate().getSpec().getContainers().getFirst()
                    .getResources().getRequests()).containsKeys("cpu", "memory");
        });
    }

    @Test
    void unknownFieldIsRejected() {
        assertThatThrownBy(() -> StrictKubernetesLoader.loadAll(Fixtures.read("unknown-field.yaml"), "unknown-field.yaml"))
                .isInstanceOf(InvalidManifestException.class)
                .hasMessageContaining("Deployment/fixture")
                .hasMessageContaining("imagePullPolcy");
    }

    @Test
    void missingRequiredFieldIsRejected() {
        assertThatThrownBy(() -> StrictKubernetesLoader.loadAll(Fixtures.read("missing-required-field.yaml"),
                "missing-required-field.yaml"))
                .isInstanceOf(InvalidManifestException.class)
                .hasMessageContaining("CronJob/fixture")
                .hasMessageContaining("schedule");
    }

    @Test
    void missingRequiredFieldDeepInsideIsRejected() {
        assertThatThrownBy(() -> StrictKubernetesLoader.loadAll(Fixtures.read("missing-required-nested-field.yaml"),
                "missing-required-nested-field.yaml"))
                .isInstanceOf(InvalidManifestException.class)
                .hasMessageContaining("V1Container")
                .hasMessageContaining("name");
    }

    @Test
    void unknownKindIsRejected() {
        String yaml = """
                apiVersion: example.com/v1
                kind: Gadget
                metadata:
                  name: fixture
                """;

        assertThatThrownBy(() -> StrictKubernetesLoader.loadAll(yaml, "inline"))
                .isInstanceOf(InvalidManifestException.class)
                .hasMessageContaining("Gadget");
    }
}
