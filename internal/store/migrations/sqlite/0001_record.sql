-- The record: one table per kind. Each row keeps the record's canonical JSON (doc), the
-- journal entry that last wrote it (seq), and columns generated from the document for
-- filters, joins, access and foreign keys. Documents are written only by verbs, which
-- journal every change; replaying the journal rebuilds exactly these rows.

CREATE TABLE organization (
  id  TEXT PRIMARY KEY,
  doc TEXT NOT NULL CHECK (json_valid(doc)),
  seq INTEGER NOT NULL
);

CREATE TABLE source (
  id  TEXT PRIMARY KEY,
  doc TEXT NOT NULL CHECK (json_valid(doc)),
  seq INTEGER NOT NULL,
  class TEXT GENERATED ALWAYS AS (json_extract(doc, '$.class')) STORED
);

CREATE TABLE state (
  id  TEXT PRIMARY KEY,
  doc TEXT NOT NULL CHECK (json_valid(doc)),
  seq INTEGER NOT NULL,
  code TEXT GENERATED ALWAYS AS (json_extract(doc, '$.code')) STORED
);

CREATE TABLE body (
  id  TEXT PRIMARY KEY,
  doc TEXT NOT NULL CHECK (json_valid(doc)),
  seq INTEGER NOT NULL,
  kind   TEXT GENERATED ALWAYS AS (json_extract(doc, '$.kind')) STORED,
  parent TEXT GENERATED ALWAYS AS (json_extract(doc, '$.parent')) STORED REFERENCES body(id)
);

CREATE TABLE session (
  id  TEXT PRIMARY KEY,
  doc TEXT NOT NULL CHECK (json_valid(doc)),
  seq INTEGER NOT NULL,
  body  TEXT GENERATED ALWAYS AS (json_extract(doc, '$.body')) STORED NOT NULL REFERENCES body(id),
  date  TEXT GENERATED ALWAYS AS (json_extract(doc, '$.date')) STORED NOT NULL,
  chair TEXT GENERATED ALWAYS AS (json_extract(doc, '$.chair')) STORED REFERENCES state(id)
);
CREATE INDEX session_body_date ON session(body, date);
CREATE INDEX session_date ON session(date);

CREATE TABLE chairmanship (
  id  TEXT PRIMARY KEY,
  doc TEXT NOT NULL CHECK (json_valid(doc)),
  seq INTEGER NOT NULL,
  body    TEXT GENERATED ALWAYS AS (json_extract(doc, '$.body')) STORED NOT NULL REFERENCES body(id),
  state   TEXT GENERATED ALWAYS AS (json_extract(doc, '$.state')) STORED NOT NULL REFERENCES state(id),
  "from"  TEXT GENERATED ALWAYS AS (json_extract(doc, '$.from')) STORED NOT NULL,
  session TEXT GENERATED ALWAYS AS (json_extract(doc, '$.session')) STORED REFERENCES session(id)
);
CREATE INDEX chairmanship_body_from ON chairmanship(body, "from");

CREATE TABLE draft (
  id  TEXT PRIMARY KEY,
  doc TEXT NOT NULL CHECK (json_valid(doc)),
  seq INTEGER NOT NULL,
  body TEXT GENERATED ALWAYS AS (json_extract(doc, '$.body')) STORED REFERENCES body(id),
  classification TEXT GENERATED ALWAYS AS (coalesce(json_extract(doc, '$.classification'), 'public')) STORED
);

CREATE TABLE item (
  id  TEXT PRIMARY KEY,
  doc TEXT NOT NULL CHECK (json_valid(doc)),
  seq INTEGER NOT NULL,
  session TEXT GENERATED ALWAYS AS (json_extract(doc, '$.session')) STORED NOT NULL REFERENCES session(id),
  body    TEXT GENERATED ALWAYS AS (json_extract(doc, '$.body')) STORED NOT NULL REFERENCES body(id),
  date    TEXT GENERATED ALWAYS AS (json_extract(doc, '$.date')) STORED NOT NULL,
  number  INTEGER GENERATED ALWAYS AS (json_extract(doc, '$.number')) STORED NOT NULL,
  title   TEXT GENERATED ALWAYS AS (coalesce(json_extract(doc, '$.title.en'), json_extract(doc, '$.title.ru'))) STORED,
  result  TEXT GENERATED ALWAYS AS (json_extract(doc, '$.outcome.result')) STORED,
  draft   TEXT GENERATED ALWAYS AS (json_extract(doc, '$.draft')) STORED REFERENCES draft(id),
  classification TEXT GENERATED ALWAYS AS (coalesce(json_extract(doc, '$.classification'), 'public')) STORED,
  UNIQUE (session, number)
);
CREATE INDEX item_body_date ON item(body, date);
-- Covers a state's voting record: the item's date, place in its session and title
-- without reading the item's document.
CREATE INDEX item_voting ON item(id, date, session, number, body, result, title);

CREATE TABLE position (
  id  TEXT PRIMARY KEY,
  doc TEXT NOT NULL CHECK (json_valid(doc)),
  seq INTEGER NOT NULL,
  item   TEXT GENERATED ALWAYS AS (json_extract(doc, '$.item')) STORED NOT NULL REFERENCES item(id),
  state  TEXT GENERATED ALWAYS AS (json_extract(doc, '$.state')) STORED NOT NULL REFERENCES state(id),
  stance TEXT GENERATED ALWAYS AS (json_extract(doc, '$.stance')) STORED NOT NULL,
  classification TEXT GENERATED ALWAYS AS (coalesce(json_extract(doc, '$.classification'), 'public')) STORED,
  UNIQUE (item, state)
);
-- Covers a state's voting record (store.VotingRecord).
CREATE INDEX position_state ON position(state, item, stance, classification);

CREATE TABLE decision (
  id  TEXT PRIMARY KEY,
  doc TEXT NOT NULL CHECK (json_valid(doc)),
  seq INTEGER NOT NULL,
  body    TEXT GENERATED ALWAYS AS (json_extract(doc, '$.body')) STORED NOT NULL REFERENCES body(id),
  year    INTEGER GENERATED ALWAYS AS (json_extract(doc, '$.year')) STORED NOT NULL,
  number  INTEGER GENERATED ALWAYS AS (json_extract(doc, '$.number')) STORED NOT NULL,
  item    TEXT GENERATED ALWAYS AS (json_extract(doc, '$.item')) STORED NOT NULL UNIQUE REFERENCES item(id),
  session TEXT GENERATED ALWAYS AS (json_extract(doc, '$.session')) STORED NOT NULL REFERENCES session(id),
  classification TEXT GENERATED ALWAYS AS (coalesce(json_extract(doc, '$.classification'), 'public')) STORED,
  UNIQUE (body, year, number)
);

CREATE TABLE task (
  id  TEXT PRIMARY KEY,
  doc TEXT NOT NULL CHECK (json_valid(doc)),
  seq INTEGER NOT NULL,
  decision TEXT GENERATED ALWAYS AS (json_extract(doc, '$.decision')) STORED NOT NULL REFERENCES decision(id),
  session  TEXT GENERATED ALWAYS AS (json_extract(doc, '$.session')) STORED NOT NULL REFERENCES session(id),
  status   TEXT GENERATED ALWAYS AS (json_extract(doc, '$.status')) STORED NOT NULL,
  due      TEXT GENERATED ALWAYS AS (json_extract(doc, '$.due')) STORED,
  chairmanship TEXT GENERATED ALWAYS AS (json_extract(doc, '$.priority.chairmanship')) STORED REFERENCES chairmanship(id),
  classification TEXT GENERATED ALWAYS AS (coalesce(json_extract(doc, '$.classification'), 'public')) STORED
);
CREATE INDEX task_session ON task(session);
CREATE INDEX task_decision ON task(decision);

CREATE TABLE report (
  id  TEXT PRIMARY KEY,
  doc TEXT NOT NULL CHECK (json_valid(doc)),
  seq INTEGER NOT NULL,
  task TEXT GENERATED ALWAYS AS (json_extract(doc, '$.task')) STORED NOT NULL REFERENCES task(id),
  date TEXT GENERATED ALWAYS AS (json_extract(doc, '$.date')) STORED NOT NULL,
  classification TEXT GENERATED ALWAYS AS (coalesce(json_extract(doc, '$.classification'), 'public')) STORED
);
CREATE INDEX report_task ON report(task, date);

CREATE TABLE area (
  id  TEXT PRIMARY KEY,
  doc TEXT NOT NULL CHECK (json_valid(doc)),
  seq INTEGER NOT NULL,
  iso TEXT GENERATED ALWAYS AS (json_extract(doc, '$.iso')) STORED
);

CREATE TABLE operation (
  id  TEXT PRIMARY KEY,
  doc TEXT NOT NULL CHECK (json_valid(doc)),
  seq INTEGER NOT NULL,
  mandate TEXT GENERATED ALWAYS AS (json_extract(doc, '$.mandate')) STORED REFERENCES decision(id),
  classification TEXT GENERATED ALWAYS AS (coalesce(json_extract(doc, '$.classification'), 'public')) STORED
);

CREATE TABLE threat (
  id  TEXT PRIMARY KEY,
  doc TEXT NOT NULL CHECK (json_valid(doc)),
  seq INTEGER NOT NULL,
  category TEXT GENERATED ALWAYS AS (json_extract(doc, '$.category')) STORED NOT NULL,
  classification TEXT GENERATED ALWAYS AS (coalesce(json_extract(doc, '$.classification'), 'public')) STORED
);

CREATE TABLE figure (
  id  TEXT PRIMARY KEY,
  doc TEXT NOT NULL CHECK (json_valid(doc)),
  seq INTEGER NOT NULL,
  operation TEXT GENERATED ALWAYS AS (json_extract(doc, '$.operation')) STORED NOT NULL REFERENCES operation(id),
  metric    TEXT GENERATED ALWAYS AS (json_extract(doc, '$.metric')) STORED NOT NULL,
  year      INTEGER GENERATED ALWAYS AS (json_extract(doc, '$.year')) STORED,
  state     TEXT GENERATED ALWAYS AS (json_extract(doc, '$.state')) STORED REFERENCES state(id),
  source    TEXT GENERATED ALWAYS AS (json_extract(doc, '$.source')) STORED NOT NULL REFERENCES source(id),
  classification TEXT GENERATED ALWAYS AS (coalesce(json_extract(doc, '$.classification'), 'public')) STORED
);
CREATE INDEX figure_operation ON figure(operation, metric);

CREATE TABLE publication (
  id  TEXT PRIMARY KEY,
  doc TEXT NOT NULL CHECK (json_valid(doc)),
  seq INTEGER NOT NULL,
  kind    TEXT GENERATED ALWAYS AS (json_extract(doc, '$.kind')) STORED NOT NULL,
  section TEXT GENERATED ALWAYS AS (json_extract(doc, '$.section')) STORED NOT NULL,
  date    TEXT GENERATED ALWAYS AS (json_extract(doc, '$.date')) STORED NOT NULL,
  classification TEXT GENERATED ALWAYS AS (coalesce(json_extract(doc, '$.classification'), 'public')) STORED
);

-- Files attached to reports and items, kept by the SHA-256 of their content. The journal
-- names the hash; verify recomputes it from the content.
CREATE TABLE file (
  sha256     TEXT PRIMARY KEY CHECK (length(sha256) = 64),
  filename   TEXT NOT NULL,
  media_type TEXT NOT NULL,
  size       INTEGER NOT NULL,
  content    BLOB NOT NULL
);

-- The journal: one entry per verb, hash-chained, append-only.
-- hash = SHA-256(prev_hash || canonical JSON of {seq, at, actor, verb, entity, id, after}).
CREATE TABLE journal (
  seq       INTEGER PRIMARY KEY,
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

CREATE TRIGGER journal_no_update BEFORE UPDATE ON journal
BEGIN
  SELECT RAISE(ABORT, 'the journal is append-only: entries cannot be changed');
END;

CREATE TRIGGER journal_no_delete BEFORE DELETE ON journal
BEGIN
  SELECT RAISE(ABORT, 'the journal is append-only: entries cannot be deleted');
END;
