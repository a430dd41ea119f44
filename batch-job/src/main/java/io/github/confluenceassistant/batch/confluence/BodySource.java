package io.github.confluenceassistant.batch.confluence;

/**
 * Where a page body comes from when Airbyte's row has none. Without Confluence credentials there is no such
 * place, and the page is skipped with {@link PageWithoutBodyException}.
 */
public interface BodySource {

    /** The storage-format body of this page version; throws {@link UnprocessablePageException} when unavailable. */
    String fetchBody(ConfluencePage page);

    /** For runs without credentials: every missing body is reported, loudly. */
    BodySource NONE = page -> {
        throw new PageWithoutBodyException();
    };
}
