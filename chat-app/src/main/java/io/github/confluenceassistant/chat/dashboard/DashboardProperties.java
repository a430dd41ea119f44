package io.github.confluenceassistant.chat.dashboard;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The ingestion dashboard ({@code assistant.dashboard.*}).
 *
 * @param expectedInterval    how often the job is scheduled; the index is stale after twice this long without a
 *                            successful run
 * @param historySize         how many job executions the history shows
 * @param refreshInterval     how often the open dashboard pushes fresh progress to the browser
 * @param localJobCommand     the command that runs the job program once in the app's own machine (e.g.
 *                            {@code java -jar batch-job/target/batch-job-exec.jar}); blank: no local start
 * @param localJobLog         where the output of a locally started run goes
 * @param kubernetes          starting runs as Jobs of the ingestion CronJob instead
 */
@Validated
@ConfigurationProperties("assistant.dashboard")
public record DashboardProperties(
        @NotNull @DefaultValue("30m") Duration expectedInterval,
        @Min(1) @Max(1000) @DefaultValue("50") int historySize,
        @NotNull @DefaultValue("5s") Duration refreshInterval,
        @DefaultValue("") String localJobCommand,
        @NotNull @DefaultValue("${java.io.tmpdir}/confluence-assistant-ingestion.log") Path localJobLog,
        @Valid @NotNull @DefaultValue Kubernetes kubernetes) {

    /**
     * @param enabled     start runs by creating a Job from the CronJob (the app's service account needs RBAC:
     *                    get on cronjobs, create and list on jobs, in the namespace)
     * @param namespace   the CronJob's namespace; blank: the app's own (from the service account)
     * @param cronjobName the ingestion CronJob
     */
    public record Kubernetes(@DefaultValue("false") boolean enabled,
                             @DefaultValue("") String namespace,
                             @NotBlank @DefaultValue("ingestion") String cronjobName) {
    }

    public boolean localStartConfigured() {
        return localJobCommand != null && !localJobCommand.isBlank();
    }
}
