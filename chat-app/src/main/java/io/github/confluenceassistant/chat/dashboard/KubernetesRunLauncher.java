package io.github.confluenceassistant.chat.dashboard;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.api.model.batch.v1.JobTemplateSpec;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Starts a run as {@code kubectl create job --from=cronjob/NAME} does: a Job with the CronJob's job template,
 * owned by the CronJob (so its history limits and deletion apply) and annotated
 * {@code cronjob.kubernetes.io/instantiate: manual}.
 *
 * <p>RBAC for the app's service account, in the namespace: {@code get} on {@code cronjobs} and {@code list},
 * {@code create} on {@code jobs} (group {@code batch}); the k8s/ manifests bind the Role {@code ingestion-launcher}.
 */
public class KubernetesRunLauncher implements RunLauncher {

    private static final Logger log = LoggerFactory.getLogger(KubernetesRunLauncher.class);
    static final String INSTANTIATE_ANNOTATION = "cronjob.kubernetes.io/instantiate";
    private static final int MAX_NAME = 63;

    private final KubernetesClient client;
    private final String namespace;
    private final String cronJobName;
    private final Clock clock;

    public KubernetesRunLauncher(KubernetesClient client, String namespace, String cronJobName, Clock clock) {
        this.client = client;
        this.namespace = namespace == null || namespace.isBlank() ? client.getNamespace() : namespace;
        this.cronJobName = cronJobName;
        this.clock = clock;
    }

    @Override
    public boolean available() {
        return true;
    }

    @Override
    public String description() {
        return "Creates a Job from the CronJob " + namespace + "/" + cronJobName;
    }

    @Override
    public Optional<String> activeRun() {
        return ownedJobs().stream()
                .filter(job -> !finished(job))
                .findFirst()
                .map(job -> "the Job " + job.getMetadata().getName() + " of CronJob " + cronJobName + " is still running");
    }

    @Override
    public synchronized String launch() {
        activeRun().ifPresent(active -> {
            throw new RunRefusedException("Not started: " + active);
        });
        CronJob cronJob = cronJob();
        Job created = client.batch().v1().jobs().inNamespace(namespace).resource(jobFrom(cronJob)).create();
        log.info("Created Job {}/{} from CronJob {}", namespace, created.getMetadata().getName(), cronJobName);
        return "Created the Job " + created.getMetadata().getName() + " from CronJob " + cronJobName;
    }

    private CronJob cronJob() {
        try {
            CronJob cronJob = client.batch().v1().cronjobs().inNamespace(namespace).withName(cronJobName).get();
            if (cronJob == null) {
                throw new RunRefusedException("There is no CronJob " + cronJobName + " in namespace " + namespace
                        + ": set assistant.dashboard.kubernetes.cronjob-name and namespace");
            }
            return cronJob;
        } catch (KubernetesClientException e) {
            throw new RunRefusedException("Cannot read CronJob " + namespace + "/" + cronJobName + " (" + e.getCode()
                    + "): the service account needs get on cronjobs and list, create on jobs (Role ingestion-launcher)");
        }
    }

    Job jobFrom(CronJob cronJob) {
        JobTemplateSpec template = cronJob.getSpec().getJobTemplate();
        ObjectMeta templateMeta = template.getMetadata() == null ? new ObjectMeta() : template.getMetadata();
        Map<String, String> annotations = new HashMap<>(orEmpty(templateMeta.getAnnotations()));
        annotations.put(INSTANTIATE_ANNOTATION, "manual");
        String suffix = "-manual-" + Long.toString(clock.millis() / 1000, 36);
        String base = cronJobName.length() + suffix.length() > MAX_NAME
                ? cronJobName.substring(0, MAX_NAME - suffix.length()) : cronJobName;
        return new JobBuilder()
                .withNewMetadata()
                    .withName(base + suffix)
                    .withNamespace(namespace)
                    .withLabels(orEmpty(templateMeta.getLabels()))
                    .withAnnotations(annotations)
                    .addNewOwnerReference()
                        .withApiVersion("batch/v1")
                        .withKind("CronJob")
                        .withName(cronJob.getMetadata().getName())
                        .withUid(cronJob.getMetadata().getUid())
                        .withController(true)
                        .withBlockOwnerDeletion(true)
                    .endOwnerReference()
                .endMetadata()
                .withSpec(template.getSpec())
                .build();
    }

    private List<Job> ownedJobs() {
        try {
            return client.batch().v1().jobs().inNamespace(namespace).list().getItems().stream()
                    .filter(job -> job.getMetadata().getOwnerReferences() != null && job.getMetadata().getOwnerReferences()
                            .stream().anyMatch(owner -> "CronJob".equals(owner.getKind()) && cronJobName.equals(owner.getName())))
                    .toList();
        } catch (KubernetesClientException e) {
            throw new RunRefusedException("Cannot list Jobs in namespace " + namespace + " (" + e.getCode()
                    + "): the service account needs list on jobs (Role ingestion-launcher)");
        }
    }

    /** Complete or Failed; a Job without such a condition (or without status yet) is still running. */
    private static boolean finished(Job job) {
        if (job.getStatus() == null || job.getStatus().getConditions() == null) {
            return false;
        }
        return job.getStatus().getConditions().stream().map(JobCondition::getType)
                .anyMatch(type -> "Complete".equals(type) || "Failed".equals(type));
    }

    private static Map<String, String> orEmpty(Map<String, String> map) {
        return map == null ? Map.of() : map;
    }
}
