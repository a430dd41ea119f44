package io.github.confluenceassistant.chat.dashboard;

import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Starting a run on Kubernetes, against fabric8's mock API server in CRUD mode. */
@EnableKubernetesMockClient(crud = true)
class KubernetesRunLauncherTest {

    private static final String NAMESPACE = "assistant";
    KubernetesClient client;

    @Test
    void aStartCreatesAJobFromTheCronJobAsKubectlCreateJobFromDoes() {
        CronJob cronJob = client.batch().v1().cronjobs().inNamespace(NAMESPACE).resource(cronJob()).create();
        KubernetesRunLauncher launcher = launcher();

        String message = launcher.launch();

        List<Job> jobs = client.batch().v1().jobs().inNamespace(NAMESPACE).list().getItems();
        assertThat(jobs).hasSize(1);
        Job job = jobs.getFirst();
        assertThat(message).contains(job.getMetadata().getName());
        assertThat(job.getMetadata().getName()).startsWith("ingestion-manual-");
        assertThat(job.getMetadata().getAnnotations())
                .containsEntry("cronjob.kubernetes.io/instantiate", "manual")
                .containsEntry("template-annotation", "kept");
        assertThat(job.getMetadata().getLabels()).containsEntry("app.kubernetes.io/name", "batch-job");
        assertThat(job.getMetadata().getOwnerReferences()).singleElement().satisfies(owner -> {
            assertThat(owner.getKind()).isEqualTo("CronJob");
            assertThat(owner.getApiVersion()).isEqualTo("batch/v1");
            assertThat(owner.getName()).isEqualTo("ingestion");
            assertThat(owner.getUid()).isEqualTo(cronJob.getMetadata().getUid());
            assertThat(owner.getController()).isTrue();
        });
        assertThat(job.getSpec()).isEqualTo(cronJob.getSpec().getJobTemplate().getSpec());
    }

    @Test
    void aSecondStartIsRefusedWhileTheFirstJobRuns() {
        client.batch().v1().cronjobs().inNamespace(NAMESPACE).resource(cronJob()).create();
        KubernetesRunLauncher launcher = launcher();
        launcher.launch();

        assertThat(launcher.activeRun()).hasValueSatisfying(active -> assertThat(active).contains("still running"));
        assertThatThrownBy(launcher::launch).isInstanceOf(RunRefusedException.class).hasMessageContaining("still running");
    }

    @Test
    void aFinishedJobDoesNotBlockTheNextStart() {
        client.batch().v1().cronjobs().inNamespace(NAMESPACE).resource(cronJob()).create();
        KubernetesRunLauncher launcher = launcher();
        launcher.launch();
        Job first = client.batch().v1().jobs().inNamespace(NAMESPACE).list().getItems().getFirst();
        client.batch().v1().jobs().inNamespace(NAMESPACE).resource(new JobBuilder(first).withNewStatus()
                .addNewCondition().withType("Complete").withStatus("True").endCondition().endStatus().build()).update();

        assertThat(launcher.activeRun()).isEmpty();
    }

    @Test
    void aMissingCronJobIsRefusedWithWhatToSet() {
        assertThatThrownBy(() -> launcher().launch()).isInstanceOf(RunRefusedException.class)
                .hasMessageContaining("no CronJob ingestion").hasMessageContaining("cronjob-name");
    }

    private KubernetesRunLauncher launcher() {
        return new KubernetesRunLauncher(client, NAMESPACE, "ingestion",
                Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC));
    }

    private static CronJob cronJob() {
        return new CronJobBuilder()
                .withNewMetadata().withName("ingestion").withNamespace(NAMESPACE).endMetadata()
                .withNewSpec()
                    .withSchedule("*/30 * * * *")
                    .withConcurrencyPolicy("Forbid")
                    .withNewJobTemplate()
                        .withNewMetadata().addToLabels("app.kubernetes.io/name", "batch-job")
                            .addToAnnotations("template-annotation", "kept").endMetadata()
                        .withNewSpec()
                            .withBackoffLimit(0)
                            .withNewTemplate()
                                .withNewSpec()
                                    .withRestartPolicy("Never")
                                    .addNewContainer().withName("batch-job").withImage("batch-job:test").endContainer()
                                .endSpec()
                            .endTemplate()
                        .endSpec()
                    .endJobTemplate()
                .endSpec()
                .build();
    }
}
