-- Every version of every record, with the journal range in which it was current, so that
-- reading the record "as of" a journal entry is an indexed query instead of a replay.
-- The live table holds each record's current version, written by entry seq; KIND_history
-- holds the versions that were replaced, each with the entry that wrote it (seq) and the
-- one that replaced it (until_seq), and the live table's columns (the same generated
-- columns for filters and access). As of entry N a record is its live row if seq <= N,
-- else its history row with seq <= N < until_seq. A record never changed (most of an
-- import) is kept once. A trigger on the live table writes the replaced version in the
-- same transaction as the new one, so the history is never behind the journal; replay
-- runs the same trigger, and verify compares the result row by row. Records are never
-- deleted: a trigger refuses it, on the live tables and the history.

CREATE TABLE organization_history (
  id  TEXT NOT NULL,
  doc TEXT NOT NULL,
  seq INTEGER NOT NULL,
  until_seq INTEGER NOT NULL,
  PRIMARY KEY (id, seq)
);
CREATE TRIGGER organization_versions AFTER UPDATE ON organization WHEN OLD.seq <> NEW.seq BEGIN
  INSERT INTO organization_history(id, doc, seq, until_seq) VALUES (OLD.id, OLD.doc, OLD.seq, NEW.seq);
END;
CREATE TRIGGER organization_no_delete BEFORE DELETE ON organization BEGIN
  SELECT RAISE(ABORT, 'records are never deleted: a change is a new version, written by a verb');
END;
CREATE TRIGGER organization_history_no_delete BEFORE DELETE ON organization_history BEGIN
  SELECT RAISE(ABORT, 'the versions of a record are never deleted');
END;

CREATE TABLE source_history (
  id  TEXT NOT NULL,
  doc TEXT NOT NULL,
  seq INTEGER NOT NULL,
  until_seq INTEGER NOT NULL,
  class TEXT GENERATED ALWAYS AS (json_extract(doc, '$.class')) STORED,
  PRIMARY KEY (id, seq)
);
CREATE TRIGGER source_versions AFTER UPDATE ON source WHEN OLD.seq <> NEW.seq BEGIN
  INSERT INTO source_history(id, doc, seq, until_seq) VALUES (OLD.id, OLD.doc, OLD.seq, NEW.seq);
END;
CREATE TRIGGER source_no_delete BEFORE DELETE ON source BEGIN
  SELECT RAISE(ABORT, 'records are never deleted: a change is a new version, written by a verb');
END;
CREATE TRIGGER source_history_no_delete BEFORE DELETE ON source_history BEGIN
  SELECT RAISE(ABORT, 'the versions of a record are never deleted');
END;

CREATE TABLE state_history (
  id  TEXT NOT NULL,
  doc TEXT NOT NULL,
  seq INTEGER NOT NULL,
  until_seq INTEGER NOT NULL,
  code TEXT GENERATED ALWAYS AS (json_extract(doc, '$.code')) STORED,
  PRIMARY KEY (id, seq)
);
CREATE TRIGGER state_versions AFTER UPDATE ON state WHEN OLD.seq <> NEW.seq BEGIN
  INSERT INTO state_history(id, doc, seq, until_seq) VALUES (OLD.id, OLD.doc, OLD.seq, NEW.seq);
END;
CREATE TRIGGER state_no_delete BEFORE DELETE ON state BEGIN
  SELECT RAISE(ABORT, 'records are never deleted: a change is a new version, written by a verb');
END;
CREATE TRIGGER state_history_no_delete BEFORE DELETE ON state_history BEGIN
  SELECT RAISE(ABORT, 'the versions of a record are never deleted');
END;

CREATE TABLE body_history (
  id  TEXT NOT NULL,
  doc TEXT NOT NULL,
  seq INTEGER NOT NULL,
  until_seq INTEGER NOT NULL,
  kind   TEXT GENERATED ALWAYS AS (json_extract(doc, '$.kind')) STORED,
  parent TEXT GENERATED ALWAYS AS (json_extract(doc, '$.parent')) STORED,
  PRIMARY KEY (id, seq)
);
CREATE TRIGGER body_versions AFTER UPDATE ON body WHEN OLD.seq <> NEW.seq BEGIN
  INSERT INTO body_history(id, doc, seq, until_seq) VALUES (OLD.id, OLD.doc, OLD.seq, NEW.seq);
END;
CREATE TRIGGER body_no_delete BEFORE DELETE ON body BEGIN
  SELECT RAISE(ABORT, 'records are never deleted: a change is a new version, written by a verb');
END;
CREATE TRIGGER body_history_no_delete BEFORE DELETE ON body_history BEGIN
  SELECT RAISE(ABORT, 'the versions of a record are never deleted');
END;

CREATE TABLE session_history (
  id  TEXT NOT NULL,
  doc TEXT NOT NULL,
  seq INTEGER NOT NULL,
  until_seq INTEGER NOT NULL,
  body  TEXT GENERATED ALWAYS AS (json_extract(doc, '$.body')) STORED NOT NULL,
  date  TEXT GENERATED ALWAYS AS (json_extract(doc, '$.date')) STORED NOT NULL,
  chair TEXT GENERATED ALWAYS AS (json_extract(doc, '$.chair')) STORED,
  PRIMARY KEY (id, seq)
);
CREATE TRIGGER session_versions AFTER UPDATE ON session WHEN OLD.seq <> NEW.seq BEGIN
  INSERT INTO session_history(id, doc, seq, until_seq) VALUES (OLD.id, OLD.doc, OLD.seq, NEW.seq);
END;
CREATE TRIGGER session_no_delete BEFORE DELETE ON session BEGIN
  SELECT RAISE(ABORT, 'records are never deleted: a change is a new version, written by a verb');
END;
CREATE TRIGGER session_history_no_delete BEFORE DELETE ON session_history BEGIN
  SELECT RAISE(ABORT, 'the versions of a record are never deleted');
END;

CREATE TABLE chairmanship_history (
  id  TEXT NOT NULL,
  doc TEXT NOT NULL,
  seq INTEGER NOT NULL,
  until_seq INTEGER NOT NULL,
  body    TEXT GENERATED ALWAYS AS (json_extract(doc, '$.body')) STORED NOT NULL,
  state   TEXT GENERATED ALWAYS AS (json_extract(doc, '$.state')) STORED NOT NULL,
  "from"  TEXT GENERATED ALWAYS AS (json_extract(doc, '$.from')) STORED NOT NULL,
  session TEXT GENERATED ALWAYS AS (json_extract(doc, '$.session')) STORED,
  PRIMARY KEY (id, seq)
);
CREATE TRIGGER chairmanship_versions AFTER UPDATE ON chairmanship WHEN OLD.seq <> NEW.seq BEGIN
  INSERT INTO chairmanship_history(id, doc, seq, until_seq) VALUES (OLD.id, OLD.doc, OLD.seq, NEW.seq);
END;
CREATE TRIGGER chairmanship_no_delete BEFORE DELETE ON chairmanship BEGIN
  SELECT RAISE(ABORT, 'records are never deleted: a change is a new version, written by a verb');
END;
CREATE TRIGGER chairmanship_history_no_delete BEFORE DELETE ON chairmanship_history BEGIN
  SELECT RAISE(ABORT, 'the versions of a record are never deleted');
END;

CREATE TABLE draft_history (
  id  TEXT NOT NULL,
  doc TEXT NOT NULL,
  seq INTEGER NOT NULL,
  until_seq INTEGER NOT NULL,
  body TEXT GENERATED ALWAYS AS (json_extract(doc, '$.body')) STORED,
  classification TEXT GENERATED ALWAYS AS (coalesce(json_extract(doc, '$.classification'), 'public')) STORED,
  PRIMARY KEY (id, seq)
);
CREATE TRIGGER draft_versions AFTER UPDATE ON draft WHEN OLD.seq <> NEW.seq BEGIN
  INSERT INTO draft_history(id, doc, seq, until_seq) VALUES (OLD.id, OLD.doc, OLD.seq, NEW.seq);
END;
CREATE TRIGGER draft_no_delete BEFORE DELETE ON draft BEGIN
  SELECT RAISE(ABORT, 'records are never deleted: a change is a new version, written by a verb');
END;
CREATE TRIGGER draft_history_no_delete BEFORE DELETE ON draft_history BEGIN
  SELECT RAISE(ABORT, 'the versions of a record are never deleted');
END;

CREATE TABLE item_history (
  id  TEXT NOT NULL,
  doc TEXT NOT NULL,
  seq INTEGER NOT NULL,
  until_seq INTEGER NOT NULL,
  session TEXT GENERATED ALWAYS AS (json_extract(doc, '$.session')) STORED NOT NULL,
  body    TEXT GENERATED ALWAYS AS (json_extract(doc, '$.body')) STORED NOT NULL,
  date    TEXT GENERATED ALWAYS AS (json_extract(doc, '$.date')) STORED NOT NULL,
  number  INTEGER GENERATED ALWAYS AS (json_extract(doc, '$.number')) STORED NOT NULL,
  title   TEXT GENERATED ALWAYS AS (coalesce(json_extract(doc, '$.title.en'), json_extract(doc, '$.title.ru'))) STORED,
  result  TEXT GENERATED ALWAYS AS (json_extract(doc, '$.outcome.result')) STORED,
  draft   TEXT GENERATED ALWAYS AS (json_extract(doc, '$.draft')) STORED,
  classification TEXT GENERATED ALWAYS AS (coalesce(json_extract(doc, '$.classification'), 'public')) STORED,
  PRIMARY KEY (id, seq)
);
CREATE TRIGGER item_versions AFTER UPDATE ON item WHEN OLD.seq <> NEW.seq BEGIN
  INSERT INTO item_history(id, doc, seq, until_seq) VALUES (OLD.id, OLD.doc, OLD.seq, NEW.seq);
END;
CREATE TRIGGER item_no_delete BEFORE DELETE ON item BEGIN
  SELECT RAISE(ABORT, 'records are never deleted: a change is a new version, written by a verb');
END;
CREATE TRIGGER item_history_no_delete BEFORE DELETE ON item_history BEGIN
  SELECT RAISE(ABORT, 'the versions of a record are never deleted');
END;

CREATE TABLE position_history (
  id  TEXT NOT NULL,
  doc TEXT NOT NULL,
  seq INTEGER NOT NULL,
  until_seq INTEGER NOT NULL,
  item   TEXT GENERATED ALWAYS AS (json_extract(doc, '$.item')) STORED NOT NULL,
  state  TEXT GENERATED ALWAYS AS (json_extract(doc, '$.state')) STORED NOT NULL,
  stance TEXT GENERATED ALWAYS AS (json_extract(doc, '$.stance')) STORED NOT NULL,
  classification TEXT GENERATED ALWAYS AS (coalesce(json_extract(doc, '$.classification'), 'public')) STORED,
  PRIMARY KEY (id, seq)
);
CREATE TRIGGER position_versions AFTER UPDATE ON position WHEN OLD.seq <> NEW.seq BEGIN
  INSERT INTO position_history(id, doc, seq, until_seq) VALUES (OLD.id, OLD.doc, OLD.seq, NEW.seq);
END;
CREATE TRIGGER position_no_delete BEFORE DELETE ON position BEGIN
  SELECT RAISE(ABORT, 'records are never deleted: a change is a new version, written by a verb');
END;
CREATE TRIGGER position_history_no_delete BEFORE DELETE ON position_history BEGIN
  SELECT RAISE(ABORT, 'the versions of a record are never deleted');
END;

CREATE TABLE decision_history (
  id  TEXT NOT NULL,
  doc TEXT NOT NULL,
  seq INTEGER NOT NULL,
  until_seq INTEGER NOT NULL,
  body    TEXT GENERATED ALWAYS AS (json_extract(doc, '$.body')) STORED NOT NULL,
  year    INTEGER GENERATED ALWAYS AS (json_extract(doc, '$.year')) STORED NOT NULL,
  number  INTEGER GENERATED ALWAYS AS (json_extract(doc, '$.number')) STORED NOT NULL,
  item    TEXT GENERATED ALWAYS AS (json_extract(doc, '$.item')) STORED NOT NULL,
  session TEXT GENERATED ALWAYS AS (json_extract(doc, '$.session')) STORED NOT NULL,
  classification TEXT GENERATED ALWAYS AS (coalesce(json_extract(doc, '$.classification'), 'public')) STORED,
  PRIMARY KEY (id, seq)
);
CREATE TRIGGER decision_versions AFTER UPDATE ON decision WHEN OLD.seq <> NEW.seq BEGIN
  INSERT INTO decision_history(id, doc, seq, until_seq) VALUES (OLD.id, OLD.doc, OLD.seq, NEW.seq);
END;
CREATE TRIGGER decision_no_delete BEFORE DELETE ON decision BEGIN
  SELECT RAISE(ABORT, 'records are never deleted: a change is a new version, written by a verb');
END;
CREATE TRIGGER decision_history_no_delete BEFORE DELETE ON decision_history BEGIN
  SELECT RAISE(ABORT, 'the versions of a record are never deleted');
END;

CREATE TABLE task_history (
  id  TEXT NOT NULL,
  doc TEXT NOT NULL,
  seq INTEGER NOT NULL,
  until_seq INTEGER NOT NULL,
  decision TEXT GENERATED ALWAYS AS (json_extract(doc, '$.decision')) STORED NOT NULL,
  session  TEXT GENERATED ALWAYS AS (json_extract(doc, '$.session')) STORED NOT NULL,
  status   TEXT GENERATED ALWAYS AS (json_extract(doc, '$.status')) STORED NOT NULL,
  due      TEXT GENERATED ALWAYS AS (json_extract(doc, '$.due')) STORED,
  chairmanship TEXT GENERATED ALWAYS AS (json_extract(doc, '$.priority.chairmanship')) STORED,
  classification TEXT GENERATED ALWAYS AS (coalesce(json_extract(doc, '$.classification'), 'public')) STORED,
  PRIMARY KEY (id, seq)
);
CREATE TRIGGER task_versions AFTER UPDATE ON task WHEN OLD.seq <> NEW.seq BEGIN
  INSERT INTO task_history(id, doc, seq, until_seq) VALUES (OLD.id, OLD.doc, OLD.seq, NEW.seq);
END;
CREATE TRIGGER task_no_delete BEFORE DELETE ON task BEGIN
  SELECT RAISE(ABORT, 'records are never deleted: a change is a new version, written by a verb');
END;
CREATE TRIGGER task_history_no_delete BEFORE DELETE ON task_history BEGIN
  SELECT RAISE(ABORT, 'the versions of a record are never deleted');
END;

CREATE TABLE report_history (
  id  TEXT NOT NULL,
  doc TEXT NOT NULL,
  seq INTEGER NOT NULL,
  until_seq INTEGER NOT NULL,
  task TEXT GENERATED ALWAYS AS (json_extract(doc, '$.task')) STORED NOT NULL,
  date TEXT GENERATED ALWAYS AS (json_extract(doc, '$.date')) STORED NOT NULL,
  classification TEXT GENERATED ALWAYS AS (coalesce(json_extract(doc, '$.classification'), 'public')) STORED,
  PRIMARY KEY (id, seq)
);
CREATE TRIGGER report_versions AFTER UPDATE ON report WHEN OLD.seq <> NEW.seq BEGIN
  INSERT INTO report_history(id, doc, seq, until_seq) VALUES (OLD.id, OLD.doc, OLD.seq, NEW.seq);
END;
CREATE TRIGGER report_no_delete BEFORE DELETE ON report BEGIN
  SELECT RAISE(ABORT, 'records are never deleted: a change is a new version, written by a verb');
END;
CREATE TRIGGER report_history_no_delete BEFORE DELETE ON report_history BEGIN
  SELECT RAISE(ABORT, 'the versions of a record are never deleted');
END;

CREATE TABLE area_history (
  id  TEXT NOT NULL,
  doc TEXT NOT NULL,
  seq INTEGER NOT NULL,
  until_seq INTEGER NOT NULL,
  iso TEXT GENERATED ALWAYS AS (json_extract(doc, '$.iso')) STORED,
  PRIMARY KEY (id, seq)
);
CREATE TRIGGER area_versions AFTER UPDATE ON area WHEN OLD.seq <> NEW.seq BEGIN
  INSERT INTO area_history(id, doc, seq, until_seq) VALUES (OLD.id, OLD.doc, OLD.seq, NEW.seq);
END;
CREATE TRIGGER area_no_delete BEFORE DELETE ON area BEGIN
  SELECT RAISE(ABORT, 'records are never deleted: a change is a new version, written by a verb');
END;
CREATE TRIGGER area_history_no_delete BEFORE DELETE ON area_history BEGIN
  SELECT RAISE(ABORT, 'the versions of a record are never deleted');
END;

CREATE TABLE operation_history (
  id  TEXT NOT NULL,
  doc TEXT NOT NULL,
  seq INTEGER NOT NULL,
  until_seq INTEGER NOT NULL,
  mandate TEXT GENERATED ALWAYS AS (json_extract(doc, '$.mandate')) STORED,
  classification TEXT GENERATED ALWAYS AS (coalesce(json_extract(doc, '$.classification'), 'public')) STORED,
  PRIMARY KEY (id, seq)
);
CREATE TRIGGER operation_versions AFTER UPDATE ON operation WHEN OLD.seq <> NEW.seq BEGIN
  INSERT INTO operation_history(id, doc, seq, until_seq) VALUES (OLD.id, OLD.doc, OLD.seq, NEW.seq);
END;
CREATE TRIGGER operation_no_delete BEFORE DELETE ON operation BEGIN
  SELECT RAISE(ABORT, 'records are never deleted: a change is a new version, written by a verb');
END;
CREATE TRIGGER operation_history_no_delete BEFORE DELETE ON operation_history BEGIN
  SELECT RAISE(ABORT, 'the versions of a record are never deleted');
END;

CREATE TABLE threat_history (
  id  TEXT NOT NULL,
  doc TEXT NOT NULL,
  seq INTEGER NOT NULL,
  until_seq INTEGER NOT NULL,
  category TEXT GENERATED ALWAYS AS (json_extract(doc, '$.category')) STORED NOT NULL,
  classification TEXT GENERATED ALWAYS AS (coalesce(json_extract(doc, '$.classification'), 'public')) STORED,
  PRIMARY KEY (id, seq)
);
CREATE TRIGGER threat_versions AFTER UPDATE ON threat WHEN OLD.seq <> NEW.seq BEGIN
  INSERT INTO threat_history(id, doc, seq, until_seq) VALUES (OLD.id, OLD.doc, OLD.seq, NEW.seq);
END;
CREATE TRIGGER threat_no_delete BEFORE DELETE ON threat BEGIN
  SELECT RAISE(ABORT, 'records are never deleted: a change is a new version, written by a verb');
END;
CREATE TRIGGER threat_history_no_delete BEFORE DELETE ON threat_history BEGIN
  SELECT RAISE(ABORT, 'the versions of a record are never deleted');
END;

CREATE TABLE figure_history (
  id  TEXT NOT NULL,
  doc TEXT NOT NULL,
  seq INTEGER NOT NULL,
  until_seq INTEGER NOT NULL,
  operation TEXT GENERATED ALWAYS AS (json_extract(doc, '$.operation')) STORED,
  scope     TEXT GENERATED ALWAYS AS (coalesce(json_extract(doc, '$.scope'), 'operation')) STORED NOT NULL,
  metric    TEXT GENERATED ALWAYS AS (json_extract(doc, '$.metric')) STORED NOT NULL,
  year      INTEGER GENERATED ALWAYS AS (json_extract(doc, '$.year')) STORED,
  state     TEXT GENERATED ALWAYS AS (json_extract(doc, '$.state')) STORED,
  source    TEXT GENERATED ALWAYS AS (json_extract(doc, '$.source')) STORED NOT NULL,
  classification TEXT GENERATED ALWAYS AS (coalesce(json_extract(doc, '$.classification'), 'public')) STORED,
  PRIMARY KEY (id, seq)
);
CREATE TRIGGER figure_versions AFTER UPDATE ON figure WHEN OLD.seq <> NEW.seq BEGIN
  INSERT INTO figure_history(id, doc, seq, until_seq) VALUES (OLD.id, OLD.doc, OLD.seq, NEW.seq);
END;
CREATE TRIGGER figure_no_delete BEFORE DELETE ON figure BEGIN
  SELECT RAISE(ABORT, 'records are never deleted: a change is a new version, written by a verb');
END;
CREATE TRIGGER figure_history_no_delete BEFORE DELETE ON figure_history BEGIN
  SELECT RAISE(ABORT, 'the versions of a record are never deleted');
END;

CREATE TABLE publication_history (
  id  TEXT NOT NULL,
  doc TEXT NOT NULL,
  seq INTEGER NOT NULL,
  until_seq INTEGER NOT NULL,
  kind    TEXT GENERATED ALWAYS AS (json_extract(doc, '$.kind')) STORED NOT NULL,
  section TEXT GENERATED ALWAYS AS (json_extract(doc, '$.section')) STORED NOT NULL,
  date    TEXT GENERATED ALWAYS AS (json_extract(doc, '$.date')) STORED NOT NULL,
  classification TEXT GENERATED ALWAYS AS (coalesce(json_extract(doc, '$.classification'), 'public')) STORED,
  PRIMARY KEY (id, seq)
);
CREATE TRIGGER publication_versions AFTER UPDATE ON publication WHEN OLD.seq <> NEW.seq BEGIN
  INSERT INTO publication_history(id, doc, seq, until_seq) VALUES (OLD.id, OLD.doc, OLD.seq, NEW.seq);
END;
CREATE TRIGGER publication_no_delete BEFORE DELETE ON publication BEGIN
  SELECT RAISE(ABORT, 'records are never deleted: a change is a new version, written by a verb');
END;
CREATE TRIGGER publication_history_no_delete BEFORE DELETE ON publication_history BEGIN
  SELECT RAISE(ABORT, 'the versions of a record are never deleted');
END;

CREATE INDEX session_history_body_date ON session_history(body, date);
CREATE INDEX item_history_session ON item_history(session, number);
CREATE INDEX item_history_body_date ON item_history(body, date);
CREATE INDEX position_history_item ON position_history(item);
CREATE INDEX position_history_state ON position_history(state, item);
CREATE INDEX decision_history_item ON decision_history(item);
CREATE INDEX decision_history_body_year ON decision_history(body, year);
CREATE INDEX task_history_session ON task_history(session);
CREATE INDEX task_history_decision ON task_history(decision);
CREATE INDEX report_history_task ON report_history(task);
CREATE INDEX figure_history_operation ON figure_history(operation, metric);
CREATE INDEX chairmanship_history_body ON chairmanship_history(body, "from");

-- References between records that no indexed column holds (an item's lineage, the tasks
-- a task supersedes, what answers a threat, the sources a record cites…), one row per
-- reference, written by the store beside the record in the same transaction and
-- versioned like the records, so that "what refers to this record" is an indexed query
-- in both directions, now and as of any entry.
CREATE TABLE link (
  from_kind TEXT NOT NULL,
  from_id   TEXT NOT NULL,
  path      TEXT NOT NULL,
  to_kind   TEXT NOT NULL,
  to_id     TEXT NOT NULL,
  seq       INTEGER NOT NULL,
  until_seq INTEGER,
  PRIMARY KEY (from_kind, from_id, seq, path)
);
CREATE INDEX link_to ON link(to_kind, to_id, from_kind);
CREATE TRIGGER link_no_delete BEFORE DELETE ON link BEGIN
  SELECT RAISE(ABORT, 'links are versioned like the records and never deleted');
END;

-- Facts about the record that are not records: the journal entry from which entries are
-- canonicalized by RFC 8785 (earlier entries keep the canonical form they were hashed
-- with, so that a database made before the change still verifies).
CREATE TABLE record_meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
