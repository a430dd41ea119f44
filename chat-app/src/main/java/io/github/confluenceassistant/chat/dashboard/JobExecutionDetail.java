package io.github.confluenceassistant.chat.dashboard;

import java.util.List;

/** One job execution with its steps (in the summary) and the pages it skipped. */
public record JobExecutionDetail(JobExecutionSummary execution, List<SkippedPage> skippedPages, String failureSummary) {
}
