package io.github.confluenceassistant.k8s;

import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The deployment rules hold on every overlay (ManifestRulesTest shows that each rule can fail). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OverlayRulesTest {

    private final RenderedOverlays overlays = new RenderedOverlays();
    private final Map<String, KnownProperties> apps = Map.of(
            "batch-job", KnownProperties.of(ProjectLayout.projectRoot(), "batch-job"),
            "chat-app", KnownProperties.of(ProjectLayout.projectRoot(), "chat-app"));

    List<String> overlays() {
        return RenderedOverlays.OVERLAYS;
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void cronJobsForbidConcurrentRuns(String overlay) {
        assertThat(ManifestRules.cronJobsForbidConcurrentRuns(overlays.get(overlay))).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void deploymentsHaveProbes(String overlay) {
        assertThat(ManifestRules.deploymentsHaveProbes(overlays.get(overlay))).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyPodRunsAsNonRoot(String overlay) {
        assertThat(ManifestRules.podsRunAsNonRoot(overlays.get(overlay))).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyContainerHasResources(String overlay) {
        assertThat(ManifestRules.containersHaveResources(overlays.get(overlay))).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void noImageIsLatest(String overlay) {
        assertThat(ManifestRules.imagesArePinned(overlays.get(overlay))).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void configMapsHoldNoSecrets(String overlay) {
        assertThat(ManifestRules.configMapsHoldNoSecrets(overlays.get(overlay))).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void appContainersHaveReadOnlyRootAndTmp(String overlay) {
        assertThat(ManifestRules.appContainersHaveReadOnlyRootAndTmp(overlays.get(overlay))).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyEnvironmentVariableBindsToAPropertyTheAppReads(String overlay) {
        assertThat(ManifestRules.environmentMapsToProperties(overlays.get(overlay), apps, overlays.secretTemplates())).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void referencesResolve(String overlay) {
        assertThat(ManifestRules.referencesResolve(overlays.get(overlay), overlays.secretTemplates())).isEmpty();
    }
}
