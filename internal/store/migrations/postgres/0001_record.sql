-- The record, on PostgreSQL: the same tables as SQLite's, one per kind, each row the
-- record's canonical JSON as text (never jsonb, which reorders keys and would break the
-- hashes and verify's byte comparison), the journal entry that last wrote it, and
-- columns generated from the document (doc::jsonb) for filters, joins, access and foreign
-- keys.

-- secretariat_refuse refuses a change a trigger forbids, with the trigger's message.
CREATE FUNCTION secretariat_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '%', TG_ARGV[0] USING ERRCODE = 'integrity_constraint_violation';
END
$$;

-- fold is secretariat.Fold: lower case in every alphabet, ё as е. The database's own
-- lower() is used, which folds Cyrillic under a UTF-8 locale (the ICU root collation,
-- where the server has it, whatever the database's locale).
DO $do$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_collation WHERE collname = 'und-x-icu') THEN
    EXECUTE $f$CREATE FUNCTION fold(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $$ SELECT translate(lower($1 COLLATE "und-x-icu"), 'ё', 'е') $$$f$;
  ELSE
    EXECUTE $f$CREATE FUNCTION fold(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $$ SELECT translate(lower($1), 'ё', 'е') $$$f$;
  END IF;
END
$do$;

CREATE TABLE organization (
  id  TEXT PRIMARY KEY,
  doc TEXT NOT NULL CHECK (doc::jsonb IS NOT NULL),
  seq BIGINT NOT NULL
);

CREATE TABLE source (
  id  TEXT PRIMARY KEY,
  doc TEXT NOT NULL CHECK (doc::jsonb IS NOT NULL),
  seq BIGINT NOT NULL,
  class TEXT GENERATED ALWAYS AS ((doc::jsonb ->> 'class')) STORED
);

CREATE TABLE state (
  id  TEXT PRIMARY KEY,
  doc TEXT NOT NULL CHECK (doc::jsonb IS NOT NULL),
  seq BIGINT NOT NULL,
  code TEXT GENERATED ALWAYS AS ((doc::jsonb ->> 'code')) STORED
);

CREATE TABLE body (
  id  TEXT PRIMARY KEY,
  doc TEXT NOT NULL CHECK (doc::jsonb IS NOT NULL),
  seq BIGINT NOT NULL,
  kind TEXT GENERATED ALWAYS AS ((doc::jsonb ->> 'kind')) STORED,
  parent TEXT GENERATED ALWAYS AS ((doc::jsonb ->> 'parent')) STORED REFERENCES body(id)
);

CREATE TABLE session (
  id  TEXT PRIMARY KEY,
  doc TEXT NOT NULL CHECK (doc::jsonb IS NOT NULL),
  seq BIGINT NOT NULL,
  body TEXT GENERATED ALWAYS AS ((doc::jsonb ->> 'body')) STORED NOT NULL REFERENCES body(id),
  date TEXT GENERATED ALWAYS AS ((doc::jsonb ->> 'date')) STORED NOT NULL,
  chair TEXT GENERATED ALWAYS AS ((doc::jsonb ->> 'chair')) STORED REFERENCES state(id)
);
CREATE INDEX session_body_date ON session(body, date);
CREATE INDEX session_date ON session(date);

CREATE TABLE chairmanship (
  id  TEXT PRIMARY KEY,
  doc TEXT NOT NULL CHECK (doc::jsonb IS NOT NULL),
  seq BIGINT NOT NULL,
  body TEXT GENERATED ALWAYS AS ((doc::jsonb ->> 'body')) STORED NOT NULL REFERENCES body(id),
  state TEXT GENERATED ALWAYS AS ((doc::jsonb ->> 'state')) STORED NOT NULL REFERENCES state(id),
  "from" TEXT GENERATED ALWAYS AS ((doc::jsonb ->> 'from')) STORED NOT NULL,
  session TEXT GENERATED ALWAYS AS ((doc::jsonb ->> 'session')) STORED REFERENCES session(id)
);
CREATE INDEX chairmanship_body_from ON chairmanship(body, "from");

CREATE TABLE draft (
  id  TEXT PRIMARY KEY,
  doc TEXT NOT NULL CHECK (doc::jsonb IS NOT NULL),
  seq BIGINT NOT NULL,
  body TEXT GENERATED ALWAYS AS ((doc::jsonb ->> 'body')) STORED REFERENCES body(id),
  classification TEXT GENERATED ALWAYS AS (coalesce((doc::jsonb ->> 'classification'), 'public')) STORED
);

CREATE TABLE item (
  id  TEXT PRIMARY KEY,
  doc TEXT NOT NULL CHECK (doc::jsonb IS NOT NULL),
  seq BIGINT NOT NULL,
  session TEXT GENERATED ALWAYS AS ((doc::jsonb ->> 'session')) STORED NOT NULL REFERENCES session(id),
  body TEXT GENERATED ALWAYS AS ((doc::jsonb ->> 'body')) STORED NOT NULL REFERENCES body(id),
  date TEXT GENERATED ALWAYS AS ((doc::jsonb ->> 'date')) STORED NOT NULL,
  number BIGINT GENERATED ALWAYS AS ((doc::jsonb ->> 'number')::bigint) STORED NOT NULL,
  title TEXT GENERATED ALWAYS AS (coalesce((doc::jsonb #>> '{title,en}'), (doc::jsonb #>> '{title,ru}'))) STORED,
  result TEXT GENERATED ALWAYS AS ((doc::jsonb #>> '{outcome,result}')) STORED,
  draft TEXT GENERATED ALWAYS AS ((doc::jsonb ->> 'draft')) STORED REFERENCES draft(id),
  classification TEXT GENERATED ALWAYS AS (coalesce((doc::jsonb ->> 'classification'), 'public')) STORED,
  UNIQUE (session, number)
);
CREATE INDEX item_body_date ON item(body, date);
-- Covers a state's voting record: the item's date, place in its session and title
-- without reading the item's document.
CREATE INDEX item_voting ON item(id, date, session, number, body, result, title);

CREATE TABLE position (
  id  TEXT PRIMARY KEY,
  doc TEXT NOT NULL CHECK (doc::jsonb IS NOT NULL),
  seq BIGINT NOT NULL,
  item TEXT GENERATED ALWAYS AS ((doc::jsonb ->> 'item')) STORED NOT NULL REFERENCES item(id),
  state TEXT GENERATED ALWAYS AS ((doc::jsonb ->> 'state')) STORED NOT NULL REFERENCES state(id),
  stance TEXT GENERATED ALWAYS AS ((doc::jsonb ->> 'stance')) STORED NOT NULL,
  classification TEXT GENERATED ALWAYS AS (coalesce((doc::jsonb ->> 'classification'), 'public')) STORED,
  UNIQUE (item, state)
);
-- Covers a state's voting record (store.VotingRecord).
CREATE INDEX position_state ON position(state, item, stance, classification);

CREATE TABLE decision (
  id  TEXT PRIMARY KEY,
  doc TEXT NOT NULL CHECK (doc::jsonb IS NOT NULL),
  seq BIGINT NOT NULL,
  body TEXT GENERATED ALWAYS AS ((doc::jsonb ->> 'body')) STORED NOT NULL REFERENCES body(id),
  year BIGINT GENERATED ALWAYS AS ((doc::jsonb ->> 'year')::bigint) STORED NOT NULL,
  number BIGINT GENERATED ALWAYS AS ((doc::jsonb ->> 'number')::bigint) STORED NOT NULL,
  item TEXT GENERATED ALWAYS AS ((doc::jsonb ->> 'item')) STORED NOT NULL UNIQUE REFERENCES item(id),
  session TEXT GENERATED ALWAYS AS ((doc::jsonb ->> 'session')) STORED NOT NULL REFERENCES session(id),
  classification TEXT GENERATED ALWAYS AS (coalesce((doc::jsonb ->> 'classification'), 'public')) STORED,
  UNIQUE (body, year, number)
);

CREATE TABLE task (
  id  TEXT PRIMARY KEY,
  doc TEXT NOT NULL CHECK (doc::jsonb IS NOT NULL),
  seq BIGINT NOT NULL,
  decision TEXT GENERATED ALWAYS AS ((doc::jsonb ->> 'decision')) STORED NOT NULL REFERENCES decision(id),
  session TEXT GENERATED ALWAYS AS ((doc::jsonb ->> 'session')) STORED NOT NULL REFERENCES session(id),
  status TEXT GENERATED ALWAYS AS ((doc::jsonb ->> 'status')) STORED NOT NULL,
  due TEXT GENERATED ALWAYS AS ((doc::jsonb ->> 'due')) STORED,
  chairmanship TEXT GENERATED ALWAYS AS ((doc::jsonb #>> '{priority,chairmanship}')) STORED REFERENCES chairmanship(id),
  classification TEXT GENERATED ALWAYS AS (coalesce((doc::jsonb ->> 'classification'), 'public')) STORED
);
CREATE INDEX task_session ON task(session);
CREATE INDEX task_decision ON task(decision);

CREATE TABLE report (
  id  TEXT PRIMARY KEY,
  doc TEXT NOT NULL CHECK (doc::jsonb IS NOT NULL),
  seq BIGINT NOT NULL,
  task TEXT GENERATED ALWAYS AS ((doc::jsonb ->> 'task')) STORED NOT NULL REFERENCES task(id),
  date TEXT GENERATED ALWAYS AS ((doc::jsonb ->> 'date')) STORED NOT NULL,
  classification TEXT GENERATED ALWAYS AS (coalesce((doc::jsonb ->> 'classification'), 'public')) STORED
);
CREATE INDEX report_task ON report(task, date);

CREATE TABLE area (
  id  TEXT PRIMARY KEY,
  doc TEXT NOT NULL CHECK (doc::jsonb IS NOT NULL),
  seq BIGINT NOT NULL,
  iso TEXT GENERATED ALWAYS AS ((doc::jsonb ->> 'iso')) STORED
);

CREATE TABLE operation (
  id  TEXT PRIMARY KEY,
  doc TEXT NOT NULL CHECK (doc::jsonb IS NOT NULL),
  seq BIGINT NOT NULL,
  mandate TEXT GENERATED ALWAYS AS ((doc::jsonb ->> 'mandate')) STORED REFERENCES decision(id),
  classification TEXT GENERATED ALWAYS AS (coalesce((doc::jsonb ->> 'classification'), 'public')) STORED
);

CREATE TABLE threat (
  id  TEXT PRIMARY KEY,
  doc TEXT NOT NULL CHECK (doc::jsonb IS NOT NULL),
  seq BIGINT NOT NULL,
  category TEXT GENERATED ALWAYS AS ((doc::jsonb ->> 'category')) STORED NOT NULL,
  classification TEXT GENERATED ALWAYS AS (coalesce((doc::jsonb ->> 'classification'), 'public')) STORED
);

CREATE TABLE figure (
  id  TEXT PRIMARY KEY,
  doc TEXT NOT NULL CHECK (doc::jsonb IS NOT NULL),
  seq BIGINT NOT NULL,
  operation TEXT GENERATED ALWAYS AS ((doc::jsonb ->> 'operation')) STORED NOT NULL REFERENCES operation(id),
  metric TEXT GENERATED ALWAYS AS ((doc::jsonb ->> 'metric')) STORED NOT NULL,
  year BIGINT GENERATED ALWAYS AS ((doc::jsonb ->> 'year')::bigint) STORED,
  state TEXT GENERATED ALWAYS AS ((doc::jsonb ->> 'state')) STORED REFERENCES state(id),
  source TEXT GENERATED ALWAYS AS ((doc::jsonb ->> 'source')) STORED NOT NULL REFERENCES source(id),
  classification TEXT GENERATED ALWAYS AS (coalesce((doc::jsonb ->> 'classification'), 'public')) STORED
);
CREATE INDEX figure_operation ON figure(operation, metric);

CREATE TABLE publication (
  id  TEXT PRIMARY KEY,
  doc TEXT NOT NULL CHECK (doc::jsonb IS NOT NULL),
  seq BIGINT NOT NULL,
  kind TEXT GENERATED ALWAYS AS ((doc::jsonb ->> 'kind')) STORED NOT NULL,
  section TEXT GENERATED ALWAYS AS ((doc::jsonb ->> 'section')) STORED NOT NULL,
  date TEXT GENERATED ALWAYS AS ((doc::jsonb ->> 'date')) STORED NOT NULL,
  classification TEXT GENERATED ALWAYS AS (coalesce((doc::jsonb ->> 'classification'), 'public')) STORED
);

-- Files attached to reports and items, kept by the SHA-256 of their content. The journal
-- names the hash; verify recomputes it from the content.
CREATE TABLE file (
  sha256     TEXT PRIMARY KEY CHECK (length(sha256) = 64),
  filename   TEXT NOT NULL,
  media_type TEXT NOT NULL,
  size       BIGINT NOT NULL,
  content    BYTEA NOT NULL
);

-- The journal: one entry per verb, hash-chained, append-only.
-- hash = SHA-256(prev_hash || canonical JSON of {seq, at, actor, verb, entity, id, after}).
CREATE TABLE journal (
  seq       BIGINT PRIMARY KEY,
  at        TEXT NOT NULL,
  actor     TEXT NOT NULL,
  verb      TEXT NOT NULL,
  entity    TEXT NOT NULL,
  id        TEXT NOT NULL,
  after     TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash      TEXT NOT NULL UNIQUE
);
CREATE INDEX journal_entity ON journal(entity, id);
CREATE INDEX journal_at ON journal(at);

CREATE TRIGGER journal_no_update BEFORE UPDATE ON journal FOR EACH ROW EXECUTE FUNCTION secretariat_refuse('the journal is append-only: entries cannot be changed');

CREATE TRIGGER journal_no_delete BEFORE DELETE ON journal FOR EACH ROW EXECUTE FUNCTION secretariat_refuse('the journal is append-only: entries cannot be deleted');
CREATE TRIGGER journal_no_truncate BEFORE TRUNCATE ON journal FOR EACH STATEMENT EXECUTE FUNCTION secretariat_refuse('journal cannot be emptied');
