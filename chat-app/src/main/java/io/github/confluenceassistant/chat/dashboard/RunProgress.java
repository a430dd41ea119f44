package io.github.confluenceassistant.chat.dashboard;

import java.time.Duration;

/**
 * The running execution's progress.
 *
 * @param pagesToRead     the pages this run will read: the previous completed run's read count, or the pages in
 *                        the index now when larger (a lower bound: new pages in the source are not known yet)
 * @param snippetsWritten snippets of the pages this run has written so far
 * @param currentStep     the step running now
 */
public record RunProgress(JobExecutionSummary execution, long pagesRead, long pagesToRead, long snippetsWritten,
                          String currentStep, Duration elapsed, double pagesPerSecond) {

    public static final String ESTIMATE_EXPLAINED = "Pages to read: what the job counted in Airbyte's tables when its "
            + "page step started; before its first commit, an estimate (the pages the previous run read, or the pages "
            + "in the index now if more).";

    /** Between 0 and 1. */
    public double fraction() {
        return pagesToRead <= 0 ? 0 : Math.min(1.0, (double) pagesRead / pagesToRead);
    }
}
