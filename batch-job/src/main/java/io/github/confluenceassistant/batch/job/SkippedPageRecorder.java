package io.github.confluenceassistant.batch.job;

import io.github.confluenceassistant.batch.confluence.ConfluencePage;
import io.github.confluenceassistant.batch.confluence.PageWithoutBodyException;
import io.github.confluenceassistant.batch.confluence.SourcePage;
import io.github.confluenceassistant.batch.snippet.PageSnippets;
import io.github.confluenceassistant.batch.state.SkippedPageRepository;
import io.github.confluenceassistant.batch.state.SkippedPageRepository.SkippedPage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.SkipListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;

import io.github.confluenceassistant.batch.state.SkippedPageRepository.SkipCounts;

import java.util.List;
import java.util.Optional;

/**
 * Records every skipped page with its reason, and makes the step's exit status say what went wrong:
 * a run in which pages came without bodies never looks healthy.
 */
public class SkippedPageRecorder implements SkipListener<SourcePage, PageSnippets>, StepExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(SkippedPageRecorder.class);
    public static final String MISSING_BODIES = "COMPLETED_WITH_MISSING_BODIES";
    public static final String WITH_SKIPS = "COMPLETED_WITH_SKIPS";
    static final String MISSING_BODIES_FIX = "The current source-confluence connector (1.x) does not sync page bodies. "
            + "Either configure Confluence credentials so the job fetches them (ASSISTANT_CONFLUENCE_EMAIL and "
            + "ASSISTANT_CONFLUENCE_API_TOKEN for Cloud, or ASSISTANT_CONFLUENCE_PERSONAL_ACCESS_TOKEN with "
            + "ASSISTANT_CONFLUENCE_FLAVOUR=DATA_CENTER), or make the connector request body-format=storage (see README).";

    private final SkippedPageRepository skipped;
    private final long jobExecutionId;
    private final Long stepExecutionId;

    public SkippedPageRecorder(SkippedPageRepository skipped, long jobExecutionId, Long stepExecutionId) {
        this.skipped = skipped;
        this.jobExecutionId = jobExecutionId;
        this.stepExecutionId = stepExecutionId;
    }

    @Override
    public void onSkipInProcess(SourcePage item, Throwable t) {
        ConfluencePage page = item.page();
        String reason = t instanceof PageWithoutBodyException ? PageWithoutBodyException.REASON : describe(t);
        if (!(t instanceof PageWithoutBodyException)) {
            log.warn("Skipped page {} \"{}\" ({}): {}", page.id(), page.title(), page.url(), reason);
        }
        skipped.record(jobExecutionId, stepExecutionId,
                new SkippedPage(page.id(), page.title(), page.spaceKey(), page.url(), reason));
    }

    @Override
    public void onSkipInRead(Throwable t) {
        log.warn("Skipped an unreadable row: {}", describe(t));
        skipped.record(jobExecutionId, stepExecutionId, new SkippedPage("?", null, null, null, describe(t)));
    }

    @Override
    public ExitStatus afterStep(StepExecution stepExecution) {
        if (stepExecution.getStatus().isUnsuccessful()) {
            return null;
        }
        List<SkippedPage> pages = skipped.forStepExecution(stepExecutionId);
        long withoutBody = pages.stream().filter(p -> PageWithoutBodyException.REASON.equals(p.reason())).count();
        return exitStatusFor(new SkipCounts(withoutBody, pages.size() - withoutBody), stepExecution.getReadCount())
                .orElse(null);
    }

    /** The warning exit status for these skips, if any: the step's own, and the job's over all its restarts. */
    static Optional<ExitStatus> exitStatusFor(SkipCounts skips, long read) {
        if (skips.withoutBody() > 0) {
            String message = "%d of %d pages had no body in the Airbyte table and were not indexed%s. %s".formatted(
                    skips.withoutBody(), read, skips.otherwise() > 0
                            ? " (and " + skips.otherwise() + " more were skipped for other reasons)" : "",
                    MISSING_BODIES_FIX);
            return Optional.of(new ExitStatus(MISSING_BODIES, message));
        }
        if (skips.otherwise() > 0) {
            String message = "%d of %d pages were skipped; each is listed with its reason in the dashboard "
                    .formatted(skips.otherwise(), read) + "(table assistant.ingest_skipped_page).";
            return Optional.of(new ExitStatus(WITH_SKIPS, message));
        }
        return Optional.empty();
    }

    private static String describe(Throwable t) {
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return message.length() > 500 ? message.substring(0, 500) + "…" : message;
    }
}
