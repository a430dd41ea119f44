-- Pages whose snippets a chunk is sending to Chroma before it commits. The job adds a page here in a transaction
-- of its own just before its snippets go to Chroma, and removes it in the chunk's transaction, with the state
-- table's row. What a crash leaves here are pages Chroma may hold snippets of that the state table may not know;
-- the prune step removes those snippets when the page was not written since (it disappeared from the source, or
-- was skipped), so a crash never leaves snippets behind that nothing else would delete.
create table assistant.ingest_pending_page (
    collection  text        not null,
    page_id     text        not null,
    space_key   text        not null,
    noted_at    timestamptz not null default now(),
    primary key (collection, page_id)
);
