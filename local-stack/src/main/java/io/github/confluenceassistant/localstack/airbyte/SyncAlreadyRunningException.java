package io.github.confluenceassistant.localstack.airbyte;

/** A start while a sync of the connection runs: both APIs answer 409 with this message. */
final class SyncAlreadyRunningException extends RuntimeException {

    SyncAlreadyRunningException(String connectionId) {
        super("A sync is already running for: " + connectionId);
    }
}
