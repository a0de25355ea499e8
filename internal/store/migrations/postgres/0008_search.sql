-- The full-text search index: one row per searchable record and language, holding the
-- record's words as internal/analyze stems them (the query is stemmed the same way, so
-- "решение" finds "решения" and "решений"), the fields the search filters on, and the
-- record's access. The store writes it in the same transaction as the record; replay
-- writes it the same way, and verify compares it; `secretariat reindex` rebuilds it.
-- PostgreSQL indexes the same stems with the 'simple' configuration, which only splits
-- and lowercases, so that both databases find the same records; the title weighs A, the
-- rest B.
CREATE TABLE search_doc (
  kind    TEXT NOT NULL,
  id      TEXT NOT NULL,
  lang    TEXT NOT NULL,
  title   TEXT NOT NULL,
  words   TEXT NOT NULL,
  body_id TEXT NOT NULL DEFAULT '',
  year    BIGINT NOT NULL DEFAULT 0,
  status  TEXT NOT NULL DEFAULT '',
  states  TEXT NOT NULL DEFAULT '',
  classification TEXT NOT NULL,
  doc     TEXT NOT NULL,
  seq     BIGINT NOT NULL,
  tsv     tsvector GENERATED ALWAYS AS (setweight(to_tsvector('simple', title), 'A') || setweight(to_tsvector('simple', words), 'B')) STORED,
  PRIMARY KEY (kind, id, lang)
);
CREATE INDEX search_doc_tsv ON search_doc USING gin (tsv);
