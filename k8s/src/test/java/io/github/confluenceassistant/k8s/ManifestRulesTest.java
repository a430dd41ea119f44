package io.github.confluenceassistant.k8s;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Each rule catches what it is for, shown on a fixture that breaks every rule once (rule-breaker.yaml). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ManifestRulesTest {

    private final List<Manifest> broken = StrictKubernetesLoader.loadAll(Fixtures.read("rule-breaker.yaml"), "rule-breaker.yaml");
    private final RenderedOverlays overlays = new RenderedOverlays();
    private final Map<String, KnownProperties> apps = Map.of(
            "batch-job", KnownProperties.of(ProjectLayout.projectRoot(), "batch-job"),
            "chat-app", KnownProperties.of(ProjectLayout.projectRoot(), "chat-app"));

    @Test
    void cronJobAllowingConcurrentRunsIsReported() {
        assertThat(ManifestRules.cronJobsForbidConcurrentRuns(broken))
                .singleElement().asString().contains("CronJob/ingestion", "Allow");
    }

    @Test
    void deploymentWithoutProbesIsReported() {
        assertThat(ManifestRules.deploymentsHaveProbes(broken))
                .anySatisfy(v -> assertThat(v).contains("no livenessProbe"))
                .anySatisfy(v -> assertThat(v).contains("no readinessProbe"));
    }

    @Test
    void rootOrUnsetUserIsReported() {
        assertThat(ManifestRules.podsRunAsNonRoot(broken))
                .anySatisfy(v -> assertThat(v).contains("Deployment/chat-app: runAsUser 0"))
                .anySatisfy(v -> assertThat(v).contains("CronJob/ingestion, container batch-job: runAsNonRoot is not true"));
    }

    @Test
    void containerWithoutResourcesIsReported() {
        assertThat(ManifestRules.containersHaveResources(broken))
                .contains("CronJob/ingestion, container batch-job: no cpu request",
                        "CronJob/ingestion, container batch-job: no memory request",
                        "CronJob/ingestion, container batch-job: no memory limit");
    }

    @Test
    void latestAndMissingTagsAreReported() {
        assertThat(ManifestRules.imagesArePinned(broken))
                .anySatisfy(v -> assertThat(v).contains("batch-job:latest uses latest"))
                .anySatisfy(v -> assertThat(v).contains("chat-app has no tag"));
        assertThat(ManifestRules.tagOf("registry.example.com:5000/team/app")).isNull();
        assertThat(ManifestRules.tagOf("registry.example.com:5000/team/app:1.2.3")).isEqualTo("1.2.3");
    }

    @Test
    void secretLookingConfigMapKeysAndValuesAreReported() {
        assertThat(ManifestRules.configMapsHoldNoSecrets(broken)).containsExactlyInAnyOrder(
                "ConfigMap/settings (rule-breaker.yaml, document 1): key ASSISTANT_DB_PASSWORD looks like a secret: put it in a Secret",
                "ConfigMap/settings (rule-breaker.yaml, document 1): the value of ASSISTANT_CHAT_MODEL_BASE_URL looks like a credential");
        assertThat(ManifestRules.looksLikeSecretKey("ASSISTANT_EMBEDDING_API_KEY")).isTrue();
        assertThat(ManifestRules.looksLikeSecretKey("ASSISTANT_INGESTION_TARGET_TOKENS")).as("a size, not a token").isFalse();
        assertThat(ManifestRules.looksLikeSecretKey("clientSecret")).isTrue();
    }

    @Test
    void appContainerWithWritableRootIsReported() {
        assertThat(ManifestRules.appContainersHaveReadOnlyRootAndTmp(broken))
                .contains("CronJob/ingestion, container batch-job: readOnlyRootFilesystem is not true",
                        "CronJob/ingestion, container batch-job: no emptyDir mounted at /tmp");
    }

    @Test
    void environmentVariablesNoAppReadsAreReported() {
        assertThat(ManifestRules.environmentMapsToProperties(broken, apps, overlays.secretTemplates())).containsExactlyInAnyOrder(
                "CronJob/ingestion, container batch-job: ASSISTANT_INGESTION_STEP binds to no property batch-job reads",
                // keys of a ConfigMap taken whole count too
                "CronJob/ingestion, container batch-job: ASSISTANT_CHAT_MODEL_BASE_URL binds to no property batch-job reads",
                "Deployment/chat-app, container chat-app: ASSISTANT_AIRBYTE_CLIENT_SECRET binds to no property chat-app reads");
    }

    @Test
    void danglingReferencesAreReported() {
        assertThat(ManifestRules.referencesResolve(broken, overlays.secretTemplates())).containsExactlyInAnyOrder(
                "CronJob/ingestion: ServiceAccount nobody is not defined",
                "CronJob/ingestion, container batch-job: ConfigMap missing-settings is not defined",
                "Deployment/chat-app, container chat-app: ASSISTANT_CHAT_MODEL_API_KEY reads Secret not-templated key KEY, "
                        + "which k8s/secrets does not template",
                "Service/chat-app (rule-breaker.yaml, document 4): selector {app=chat} selects no pods",
                "HorizontalPodAutoscaler/chat-app (rule-breaker.yaml, document 5): scale target Deployment/chat-ap is not defined");
    }
}
