package io.github.confluenceassistant.localstack.airbyte;

/** Whether the connector delivers page and blog post bodies (spec section 2: 1.x may not). */
public enum BodyMode {
    /** A fixed or pinned connector: {@code body.storage} is present. */
    PRESENT,
    /** The current 1.x connector: {@code body} is {@code {}} for every page and blog post. */
    EMPTY
}
