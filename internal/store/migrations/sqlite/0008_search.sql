-- The full-text search index: one row per searchable record and language, holding the
-- record's words as internal/analyze stems them (the query is stemmed the same way, so
-- "решение" finds "решения" and "решений"), the fields the search filters on, and the
-- record's access. The store writes it in the same transaction as the record; replay
-- writes it the same way, and verify compares it; `secretariat reindex` rebuilds it.
CREATE TABLE search_doc (
  rowid   INTEGER PRIMARY KEY,
  kind    TEXT NOT NULL,
  id      TEXT NOT NULL,
  lang    TEXT NOT NULL,
  title   TEXT NOT NULL,
  words   TEXT NOT NULL,
  body_id TEXT NOT NULL DEFAULT '',
  year    INTEGER NOT NULL DEFAULT 0,
  status  TEXT NOT NULL DEFAULT '',
  states  TEXT NOT NULL DEFAULT '',
  classification TEXT NOT NULL,
  doc     TEXT NOT NULL,
  seq     INTEGER NOT NULL,
  UNIQUE (kind, id, lang)
);

-- SQLite's FTS5 over the stems (external content: the words are kept once, in
-- search_doc), ranked by BM25 with the title weighted ten times the rest. The tokenizer
-- keeps the stems as they are: no diacritics removed, since the analyzer folded what
-- must be folded.
CREATE VIRTUAL TABLE search_fts USING fts5(title, words, content='search_doc', content_rowid='rowid',
  tokenize='unicode61 remove_diacritics 0');
CREATE TRIGGER search_doc_fts_insert AFTER INSERT ON search_doc BEGIN
  INSERT INTO search_fts(rowid, title, words) VALUES (NEW.rowid, NEW.title, NEW.words);
END;
CREATE TRIGGER search_doc_fts_delete AFTER DELETE ON search_doc BEGIN
  INSERT INTO search_fts(search_fts, rowid, title, words) VALUES ('delete', OLD.rowid, OLD.title, OLD.words);
END;
CREATE TRIGGER search_doc_fts_update AFTER UPDATE ON search_doc BEGIN
  INSERT INTO search_fts(search_fts, rowid, title, words) VALUES ('delete', OLD.rowid, OLD.title, OLD.words);
  INSERT INTO search_fts(rowid, title, words) VALUES (NEW.rowid, NEW.title, NEW.words);
END;
