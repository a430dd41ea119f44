package io.github.confluenceassistant.localstack.airbyte;

/** The full-refresh sync modes a source-confluence connection can use (spec section 2, "Sync modes"). */
public enum SyncMode {
    /** Each sync replaces the table contents; records listed twice are written twice. */
    OVERWRITE,
    /** Each sync replaces the table contents with one row per {@code id}. */
    OVERWRITE_DEDUPED,
    /** Each sync adds a copy of every record; older rows stay. */
    APPEND
}
