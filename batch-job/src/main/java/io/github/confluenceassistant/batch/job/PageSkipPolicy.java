package io.github.confluenceassistant.batch.job;

import io.github.confluenceassistant.batch.confluence.PageWithoutBodyException;
import io.github.confluenceassistant.batch.confluence.UnprocessablePageException;
import org.springframework.batch.core.step.skip.SkipLimitExceededException;
import org.springframework.batch.core.step.skip.SkipPolicy;

/**
 * Which failures skip a page instead of failing the run: a page that cannot be cleaned or split, up to the
 * limit, and a page without a body, always (those are counted and reported on their own). Anything else,
 * e.g. Chroma or PostgreSQL being down, fails the step so that a restart resumes it.
 */
public class PageSkipPolicy implements SkipPolicy {

    private final long limit;

    public PageSkipPolicy(long limit) {
        this.limit = limit;
    }

    @Override
    public boolean shouldSkip(Throwable t, long skipCount) {
        if (t instanceof PageWithoutBodyException) {
            return true;
        }
        if (t instanceof UnprocessablePageException) {
            if (skipCount >= limit) {
                throw new SkipLimitExceededException(limit, t);
            }
            return true;
        }
        return false;
    }
}
