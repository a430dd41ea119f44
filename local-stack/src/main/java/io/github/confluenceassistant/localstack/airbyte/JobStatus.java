package io.github.confluenceassistant.localstack.airbyte;

import java.util.Locale;

/** Airbyte's job statuses, as both APIs spell them (lower case). */
public enum JobStatus {
    PENDING, RUNNING, INCOMPLETE, FAILED, SUCCEEDED, CANCELLED;

    public String apiValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isTerminal() {
        return this == FAILED || this == SUCCEEDED || this == CANCELLED;
    }

    public static JobStatus fromApiValue(String value) {
        return valueOf(value.trim().toUpperCase(Locale.ROOT));
    }
}
