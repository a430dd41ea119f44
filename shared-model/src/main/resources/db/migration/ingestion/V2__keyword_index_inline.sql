-- Keep each snippet's tsvector in the row itself (compressed), and let the text go to TOAST instead.
-- Keyword search reads the tsvector of every candidate (the @@ test and ts_rank_cd) but the text of only the
-- 30 it returns. With the default storage a row of snippet text plus tsvector passes the 2 kB TOAST threshold
-- and PostgreSQL moved the larger tsvector out of line, so every candidate cost TOAST index and heap reads:
-- on 50,000 snippets a common word's 10,000 candidates took 116 ms to test, 9 ms with the tsvector inline.
-- Applies to rows written from now on; rows of an existing index move as their pages are re-ingested
-- (or at once with VACUUM FULL assistant.ingest_snippet).
alter table assistant.ingest_snippet alter column tsv set storage main;
