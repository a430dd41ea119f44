package io.github.confluenceassistant.batch.job;

import io.github.confluenceassistant.batch.confluence.CurrentPages;
import io.github.confluenceassistant.batch.partition.IngestionScope;
import io.github.confluenceassistant.batch.state.PageStateRepository;
import io.github.confluenceassistant.batch.state.PageStateRepository.PendingPage;
import io.github.confluenceassistant.batch.state.PageStateRepository.StoredPage;
import io.github.confluenceassistant.batch.vectorstore.ChromaSnippetWriter.VectorStoreOperations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Removes the snippets of pages that are gone from the source tables (deleted, archived, or no longer in the
 * newest sync). A circuit breaker refuses to delete more than the configured share of any space in one run:
 * an empty or half-synced Airbyte table must not wipe the index.
 */
public class StalePagePruner implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(StalePagePruner.class);
    static final String PRUNED_PAGES_KEY = "pruned.pages";

    private final CurrentPages currentPages;
    private final PageStateRepository state;
    private final VectorStoreOperations chroma;
    private final String collection;
    private final IngestionScope scope;
    private final IngestionProperties properties;

    public StalePagePruner(CurrentPages currentPages, PageStateRepository state, VectorStoreOperations chroma,
                           String collection, IngestionScope scope, IngestionProperties properties) {
        this.currentPages = currentPages;
        this.state = state;
        this.chroma = chroma;
        this.collection = collection;
        this.scope = scope;
        this.properties = properties;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        removeSnippetsOfUncommittedPages();
        Set<String> current = currentPages.ids();
        List<StoredPage> stored = state.storedPages(collection).stream()
                .filter(p -> scope.includes(p.spaceKey())) // never another shard's pages
                .toList();
        List<StoredPage> stale = stored.stream().filter(p -> !current.contains(p.pageId())).toList();
        if (stale.isEmpty()) {
            log.info("Prune: nothing to remove ({} pages indexed)", stored.size());
            chunkContext.getStepContext().getStepExecution().getExecutionContext().putInt(PRUNED_PAGES_KEY, 0);
            return RepeatStatus.FINISHED;
        }
        refuseMassDeletion(stored, stale);
        List<String> ids = stale.stream().map(StoredPage::pageId).toList();
        chroma.deletePages(ids);
        state.delete(collection, ids);
        contribution.incrementWriteCount(ids.size());
        chunkContext.getStepContext().getStepExecution().getExecutionContext().putInt(PRUNED_PAGES_KEY, ids.size());
        log.info("Prune: removed the snippets of {} pages that are gone from the source: {}", ids.size(),
                stale.stream().limit(20).map(p -> p.pageId() + " \"" + p.title() + "\"").collect(Collectors.joining(", ")));
        return RepeatStatus.FINISHED;
    }

    /**
     * Pages a chunk sent to Chroma and never committed (the job was killed), and that no run has written since: a
     * page the state table does not know has snippets in Chroma that nothing else would ever delete. A known page
     * is left to the rules for every page (rewritten when it changed, pruned when it is gone).
     */
    private void removeSnippetsOfUncommittedPages() {
        List<PendingPage> pending = state.pendingPages(collection).stream()
                .filter(p -> scope.includes(p.spaceKey())) // never another shard's pages
                .toList();
        if (pending.isEmpty()) {
            return;
        }
        List<String> unknown = pending.stream().filter(p -> !p.stored()).map(PendingPage::pageId).toList();
        if (!unknown.isEmpty()) {
            chroma.deletePages(unknown);
            log.warn("Prune: removed the snippets of {} pages that a killed run had sent to Chroma without committing, "
                    + "and that no run has written since (gone from the source, or skipped): {}", unknown.size(),
                    unknown.stream().limit(20).collect(Collectors.joining(", ")));
        }
        state.forgetPending(collection, pending.stream().map(PendingPage::pageId).toList());
    }

    private void refuseMassDeletion(List<StoredPage> stored, List<StoredPage> stale) {
        if (properties.forcePrune()) {
            return;
        }
        Map<String, Long> storedPerSpace = countBySpace(stored);
        Map<String, Long> stalePerSpace = countBySpace(stale);
        for (Map.Entry<String, Long> entry : stalePerSpace.entrySet()) {
            long total = storedPerSpace.get(entry.getKey());
            double share = (double) entry.getValue() / total;
            if (share > properties.pruneMaxShare()) {
                throw new PruneRefusedException(("Prune refused: %d of %d pages of space %s (%.0f %%) are gone from "
                        + "Airbyte's tables, more than the %.0f %% allowed in one run. If Airbyte's sync was incomplete, "
                        + "fix it and rerun; if the pages really are gone, rerun with assistant.ingestion.force-prune=true "
                        + "(ASSISTANT_INGESTION_FORCE_PRUNE=true).")
                        .formatted(entry.getValue(), total, entry.getKey(), share * 100, properties.pruneMaxShare() * 100));
            }
        }
    }

    private static Map<String, Long> countBySpace(List<StoredPage> pages) {
        return pages.stream().collect(Collectors.groupingBy(StoredPage::spaceKey, TreeMap::new, Collectors.counting()));
    }

    /** The circuit breaker tripped: the step fails with this message, nothing was deleted. */
    public static class PruneRefusedException extends RuntimeException {
        public PruneRefusedException(String message) {
            super(message);
        }
    }
}
