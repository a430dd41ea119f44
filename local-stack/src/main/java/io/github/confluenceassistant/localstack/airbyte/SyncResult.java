package io.github.confluenceassistant.localstack.airbyte;

import java.util.Map;

/**
 * What one sync wrote.
 *
 * @param syncId        the sync's id, which is the Airbyte job id ({@code _airbyte_meta.sync_id})
 * @param rowsWritten   the records synced over all streams: Airbyte's {@code rowsSynced}
 * @param rowsPerStream the records synced per stream name ({@code pages}, {@code blog_posts}, {@code space})
 * @param bytesWritten  the size of those records as JSON: Airbyte's {@code bytesSynced}
 */
public record SyncResult(long syncId, long rowsWritten, Map<String, Integer> rowsPerStream, long bytesWritten) {

    public SyncResult {
        rowsPerStream = Map.copyOf(rowsPerStream);
    }

    public int rows(String stream) {
        return rowsPerStream.getOrDefault(stream, 0);
    }
}
