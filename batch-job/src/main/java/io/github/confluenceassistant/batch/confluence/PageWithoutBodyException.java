package io.github.confluenceassistant.batch.confluence;

/**
 * The Airbyte row has no storage body and no Confluence credentials are configured to fetch it.
 * The current source-confluence (1.x) writes {@code body = {}} for every page, so this is counted and
 * reported on its own, not hidden among other skips.
 */
public class PageWithoutBodyException extends UnprocessablePageException {

    public static final String REASON = "no body in the Airbyte table";

    public PageWithoutBodyException() {
        super(REASON);
    }
}
