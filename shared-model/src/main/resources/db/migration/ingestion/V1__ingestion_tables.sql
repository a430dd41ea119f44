-- Tables the ingestion job owns. Spring Batch's own tables (BATCH_*) live beside them in the default schema.
create schema if not exists assistant;

-- One row per Chroma collection the job has built. A collection is named after its embedding model; the
-- chat app reads only a READY collection built by the model it is configured with.
create table assistant.ingest_collection (
    name        text primary key,
    model_id    text        not null,
    status      text        not null check (status in ('BUILDING', 'READY')),
    created_at  timestamptz not null default now(),
    ready_at    timestamptz
);

-- What is in Chroma, page by page: the source of truth for incremental runs and pruning. Written in the same
-- transaction as the Spring Batch chunk commit, so a crash never leaves it disagreeing with the job's restart point.
create table assistant.ingest_page_state (
    collection        text        not null,
    page_id           text        not null,
    space_key         text        not null,
    title             text        not null,
    content_type      text        not null,
    version           integer     not null,
    content_hash      text        not null,
    snippet_count     integer     not null,
    written_at        timestamptz not null,
    job_execution_id  bigint,
    primary key (collection, page_id)
);
create index ingest_page_state_space on assistant.ingest_page_state (collection, space_key);

-- The snippet texts, for keyword search (PostgreSQL full-text) beside Chroma's vector search. Same ids as in Chroma.
create table assistant.ingest_snippet (
    collection     text        not null,
    id             text        not null,
    page_id        text        not null,
    space_key      text        not null,
    content_type   text        not null,
    title          text        not null,
    url            text        not null,
    section        text        not null,
    breadcrumb     text        not null,
    page_version   integer     not null,
    last_modified  timestamptz not null,
    chunk_index    integer     not null,
    text           text        not null,
    tsv tsvector generated always as (
        setweight(to_tsvector('english', title), 'A') ||
        setweight(to_tsvector('english', section), 'B') ||
        setweight(to_tsvector('english', text), 'C')) stored,
    primary key (collection, id)
);
create index ingest_snippet_page on assistant.ingest_snippet (collection, page_id);
create index ingest_snippet_tsv on assistant.ingest_snippet using gin (tsv);

-- Every page a run could not ingest, with the reason: shown by the dashboard, never silently dropped.
create table assistant.ingest_skipped_page (
    id                 bigserial primary key,
    job_execution_id   bigint      not null,
    step_execution_id  bigint,
    page_id            text        not null,
    title              text,
    space_key          text,
    url                text,
    reason             text        not null,
    skipped_at         timestamptz not null default now()
);
create index ingest_skipped_page_job on assistant.ingest_skipped_page (job_execution_id);

-- Bodies fetched from Confluence when Airbyte's row had none, kept by (page, version) so a restart never fetches twice.
create table assistant.ingest_fetched_body (
    page_id     text        not null,
    version     integer     not null,
    body        text        not null,
    fetched_at  timestamptz not null default now(),
    primary key (page_id, version)
);
