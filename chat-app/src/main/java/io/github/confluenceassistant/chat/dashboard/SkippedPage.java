package io.github.confluenceassistant.chat.dashboard;

/** A page a run could not ingest ({@code assistant.ingest_skipped_page}). */
public record SkippedPage(String pageId, String title, String spaceKey, String url, String reason) {
}
