-- The chat app's own table: feedback on answers, with what is needed to audit an answer later.
create schema if not exists assistant;

create table assistant.chat_feedback (
    id                   bigserial primary key,
    username             text        not null,
    question             text        not null,
    answer               text        not null,
    answer_mode          text        not null,
    answered             boolean     not null,
    helpful              boolean     not null,
    comment              text,
    cited_snippet_ids    text[]      not null,
    cited_page_versions  jsonb       not null,
    created_at           timestamptz not null default now()
);
create index chat_feedback_created on assistant.chat_feedback (created_at);
