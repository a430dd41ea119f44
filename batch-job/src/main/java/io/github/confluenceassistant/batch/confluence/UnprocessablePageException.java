package io.github.confluenceassistant.batch.confluence;

/**
 * A page that cannot be turned into snippets. The step skips it and records the reason; it never fails the run
 * unless the skip limit is reached.
 */
public class UnprocessablePageException extends RuntimeException {

    public UnprocessablePageException(String reason) {
        super(reason);
    }

    public UnprocessablePageException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
