package io.github.confluenceassistant.batch.airbyte;

/** Starts and watches syncs of one connection; one implementation per Airbyte API flavour. */
public interface AirbyteClient {

    /** Starts a sync, or joins the one already running for the connection. */
    SyncJob startOrJoin(String connectionId);

    SyncJob get(long jobId);
}
