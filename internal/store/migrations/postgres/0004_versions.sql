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

-- secretariat_version keeps the version an update replaces, in the table's history.
CREATE FUNCTION secretariat_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('INSERT INTO %I.%I (id, doc, seq, until_seq) VALUES ($1, $2, $3, $4)', TG_TABLE_SCHEMA, TG_TABLE_NAME || '_history')
    USING OLD.id, OLD.doc, OLD.seq, NEW.seq;
  RETURN NULL;
END
$$;

CREATE TABLE organization_history (
  id  TEXT NOT NULL,
  doc TEXT NOT NULL,
  seq BIGINT NOT NULL,
  until_seq BIGINT NOT NULL,
  PRIMARY KEY (id, seq)
);
CREATE TRIGGER organization_versions AFTER UPDATE ON organization FOR EACH ROW WHEN (OLD.seq <> NEW.seq) EXECUTE FUNCTION secretariat_version();
CREATE TRIGGER organization_no_delete BEFORE DELETE ON organization FOR EACH ROW EXECUTE FUNCTION secretariat_refuse('records are never deleted: a change is a new version, written by a verb');
CREATE TRIGGER organization_history_no_delete BEFORE DELETE ON organization_history FOR EACH ROW EXECUTE FUNCTION secretariat_refuse('the versions of a record are never deleted');

CREATE TABLE source_history (
  id  TEXT NOT NULL,
  doc TEXT NOT NULL,
  seq BIGINT NOT NULL,
  until_seq BIGINT NOT NULL,
  class TEXT GENERATED ALWAYS AS ((doc::jsonb ->> 'class')) STORED,
  PRIMARY KEY (id, seq)
);
CREATE TRIGGER source_versions AFTER UPDATE ON source FOR EACH ROW WHEN (OLD.seq <> NEW.seq) EXECUTE FUNCTION secretariat_version();
CREATE TRIGGER source_no_delete BEFORE DELETE ON source FOR EACH ROW EXECUTE FUNCTION secretariat_refuse('records are never deleted: a change is a new version, written by a verb');
CREATE TRIGGER source_history_no_delete BEFORE DELETE ON source_history FOR EACH ROW EXECUTE FUNCTION secretariat_refuse('the versions of a record are never deleted');

CREATE TABLE state_history (
  id  TEXT NOT NULL,
  doc TEXT NOT NULL,
  seq BIGINT NOT NULL,
  until_seq BIGINT NOT NULL,
  code TEXT GENERATED ALWAYS AS ((doc::jsonb ->> 'code')) STORED,
  PRIMARY KEY (id, seq)
);
CREATE TRIGGER state_versions AFTER UPDATE ON state FOR EACH ROW WHEN (OLD.seq <> NEW.seq) EXECUTE FUNCTION secretariat_version();
CREATE TRIGGER state_no_delete BEFORE DELETE ON state FOR EACH ROW EXECUTE FUNCTION secretariat_refuse('records are never deleted: a change is a new version, written by a verb');
CREATE TRIGGER state_history_no_delete BEFORE DELETE ON state_history FOR EACH ROW EXECUTE FUNCTION secretariat_refuse('the versions of a record are never deleted');

CREATE TABLE body_history (
  id  TEXT NOT NULL,
  doc TEXT NOT NULL,
  seq BIGINT NOT NULL,
  until_seq BIGINT NOT NULL,
  kind TEXT GENERATED ALWAYS AS ((doc::jsonb ->> 'kind')) STORED,
  parent TEXT GENERATED ALWAYS AS ((doc::jsonb ->> 'parent')) STORED,
  PRIMARY KEY (id, seq)
);
CREATE TRIGGER body_versions AFTER UPDATE ON body FOR EACH ROW WHEN (OLD.seq <> NEW.seq) EXECUTE FUNCTION secretariat_version();
CREATE TRIGGER body_no_delete BEFORE DELETE ON body FOR EACH ROW EXECUTE FUNCTION secretariat_refuse('records are never deleted: a change is a new version, written by a verb');
CREATE TRIGGER body_history_no_delete BEFORE DELETE ON body_history FOR EACH ROW EXECUTE FUNCTION secretariat_refuse('the versions of a record are never deleted');

CREATE TABLE session_history (
  id  TEXT NOT NULL,
  doc TEXT NOT NULL,
  seq BIGINT NOT NULL,
  until_seq BIGINT NOT NULL,
  body TEXT GENERATED ALWAYS AS ((doc::jsonb ->> 'body')) STORED NOT NULL,
  date TEXT GENERATED ALWAYS AS ((doc::jsonb ->> 'date')) STORED NOT NULL,
  chair TEXT GENERATED ALWAYS AS ((doc::jsonb ->> 'chair')) STORED,
  PRIMARY KEY (id, seq)
);
CREATE TRIGGER session_versions AFTER UPDATE ON session FOR EACH ROW WHEN (OLD.seq <> NEW.seq) EXECUTE FUNCTION secretariat_version();
CREATE TRIGGER session_no_delete BEFORE DELETE ON session FOR EACH ROW EXECUTE FUNCTION secretariat_refuse('records are never deleted: a change is a new version, written by a verb');
CREATE TRIGGER session_history_no_delete BEFORE DELETE ON session_history FOR EACH ROW EXECUTE FUNCTION secretariat_refuse('the versions of a record are never deleted');

CREATE TABLE chairmanship_history (
  id  TEXT NOT NULL,
  doc TEXT NOT NULL,
  seq BIGINT NOT NULL,
  until_seq BIGINT NOT NULL,
  body TEXT GENERATED ALWAYS AS ((doc::jsonb ->> 'body')) STORED NOT NULL,
  state TEXT GENERATED ALWAYS AS ((doc::jsonb ->> 'state')) STORED NOT NULL,
  "from" TEXT GENERATED ALWAYS AS ((doc::jsonb ->> 'from')) STORED NOT NULL,
  session TEXT GENERATED ALWAYS AS ((doc::jsonb ->> 'session')) STORED,
  PRIMARY KEY (id, seq)
);
CREATE TRIGGER chairmanship_versions AFTER UPDATE ON chairmanship FOR EACH ROW WHEN (OLD.seq <> NEW.seq) EXECUTE FUNCTION secretariat_version();
CREATE TRIGGER chairmanship_no_delete BEFORE DELETE ON chairmanship FOR EACH ROW EXECUTE FUNCTION secretariat_refuse('records are never deleted: a change is a new version, written by a verb');
CREATE TRIGGER chairmanship_history_no_delete BEFORE DELETE ON chairmanship_history FOR EACH ROW EXECUTE FUNCTION secretariat_refuse('the versions of a record are never deleted');

CREATE TABLE draft_history (
  id  TEXT NOT NULL,
  doc TEXT NOT NULL,
  seq BIGINT NOT NULL,
  until_seq BIGINT NOT NULL,
  body TEXT GENERATED ALWAYS AS ((doc::jsonb ->> 'body')) STORED,
  classification TEXT GENERATED ALWAYS AS (coalesce((doc::jsonb ->> 'classification'), 'public')) STORED,
  PRIMARY KEY (id, seq)
);
CREATE TRIGGER draft_versions AFTER UPDATE ON draft FOR EACH ROW WHEN (OLD.seq <> NEW.seq) EXECUTE FUNCTION secretariat_version();
CREATE TRIGGER draft_no_delete BEFORE DELETE ON draft FOR EACH ROW EXECUTE FUNCTION secretariat_refuse('records are never deleted: a change is a new version, written by a verb');
CREATE TRIGGER draft_history_no_delete BEFORE DELETE ON draft_history FOR EACH ROW EXECUTE FUNCTION secretariat_refuse('the versions of a record are never deleted');

CREATE TABLE item_history (
  id  TEXT NOT NULL,
  doc TEXT NOT NULL,
  seq BIGINT NOT NULL,
  until_seq BIGINT NOT NULL,
  session TEXT GENERATED ALWAYS AS ((doc::jsonb ->> 'session')) STORED NOT NULL,
  body TEXT GENERATED ALWAYS AS ((doc::jsonb ->> 'body')) STORED NOT NULL,
  date TEXT GENERATED ALWAYS AS ((doc::jsonb ->> 'date')) STORED NOT NULL,
  number BIGINT GENERATED ALWAYS AS ((doc::jsonb ->> 'number')::bigint) STORED NOT NULL,
  title TEXT GENERATED ALWAYS AS (coalesce((doc::jsonb #>> '{title,en}'), (doc::jsonb #>> '{title,ru}'))) STORED,
  result TEXT GENERATED ALWAYS AS ((doc::jsonb #>> '{outcome,result}')) STORED,
  draft TEXT GENERATED ALWAYS AS ((doc::jsonb ->> 'draft')) STORED,
  classification TEXT GENERATED ALWAYS AS (coalesce((doc::jsonb ->> 'classification'), 'public')) STORED,
  PRIMARY KEY (id, seq)
);
CREATE TRIGGER item_versions AFTER UPDATE ON item FOR EACH ROW WHEN (OLD.seq <> NEW.seq) EXECUTE FUNCTION secretariat_version();
CREATE TRIGGER item_no_delete BEFORE DELETE ON item FOR EACH ROW EXECUTE FUNCTION secretariat_refuse('records are never deleted: a change is a new version, written by a verb');
CREATE TRIGGER item_history_no_delete BEFORE DELETE ON item_history FOR EACH ROW EXECUTE FUNCTION secretariat_refuse('the versions of a record are never deleted');

CREATE TABLE position_history (
  id  TEXT NOT NULL,
  doc TEXT NOT NULL,
  seq BIGINT NOT NULL,
  until_seq BIGINT NOT NULL,
  item TEXT GENERATED ALWAYS AS ((doc::jsonb ->> 'item')) STORED NOT NULL,
  state TEXT GENERATED ALWAYS AS ((doc::jsonb ->> 'state')) STORED NOT NULL,
  stance TEXT GENERATED ALWAYS AS ((doc::jsonb ->> 'stance')) STORED NOT NULL,
  classification TEXT GENERATED ALWAYS AS (coalesce((doc::jsonb ->> 'classification'), 'public')) STORED,
  PRIMARY KEY (id, seq)
);
CREATE TRIGGER position_versions AFTER UPDATE ON position FOR EACH ROW WHEN (OLD.seq <> NEW.seq) EXECUTE FUNCTION secretariat_version();
CREATE TRIGGER position_no_delete BEFORE DELETE ON position FOR EACH ROW EXECUTE FUNCTION secretariat_refuse('records are never deleted: a change is a new version, written by a verb');
CREATE TRIGGER position_history_no_delete BEFORE DELETE ON position_history FOR EACH ROW EXECUTE FUNCTION secretariat_refuse('the versions of a record are never deleted');

CREATE TABLE decision_history (
  id  TEXT NOT NULL,
  doc TEXT NOT NULL,
  seq BIGINT NOT NULL,
  until_seq BIGINT NOT NULL,
  body TEXT GENERATED ALWAYS AS ((doc::jsonb ->> 'body')) STORED NOT NULL,
  year BIGINT GENERATED ALWAYS AS ((doc::jsonb ->> 'year')::bigint) STORED NOT NULL,
  number BIGINT GENERATED ALWAYS AS ((doc::jsonb ->> 'number')::bigint) STORED NOT NULL,
  item TEXT GENERATED ALWAYS AS ((doc::jsonb ->> 'item')) STORED NOT NULL,
  session TEXT GENERATED ALWAYS AS ((doc::jsonb ->> 'session')) STORED NOT NULL,
  classification TEXT GENERATED ALWAYS AS (coalesce((doc::jsonb ->> 'classification'), 'public')) STORED,
  PRIMARY KEY (id, seq)
);
CREATE TRIGGER decision_versions AFTER UPDATE ON decision FOR EACH ROW WHEN (OLD.seq <> NEW.seq) EXECUTE FUNCTION secretariat_version();
CREATE TRIGGER decision_no_delete BEFORE DELETE ON decision FOR EACH ROW EXECUTE FUNCTION secretariat_refuse('records are never deleted: a change is a new version, written by a verb');
CREATE TRIGGER decision_history_no_delete BEFORE DELETE ON decision_history FOR EACH ROW EXECUTE FUNCTION secretariat_refuse('the versions of a record are never deleted');

CREATE TABLE task_history (
  id  TEXT NOT NULL,
  doc TEXT NOT NULL,
  seq BIGINT NOT NULL,
  until_seq BIGINT NOT NULL,
  decision TEXT GENERATED ALWAYS AS ((doc::jsonb ->> 'decision')) STORED NOT NULL,
  session TEXT GENERATED ALWAYS AS ((doc::jsonb ->> 'session')) STORED NOT NULL,
  status TEXT GENERATED ALWAYS AS ((doc::jsonb ->> 'status')) STORED NOT NULL,
  due TEXT GENERATED ALWAYS AS ((doc::jsonb ->> 'due')) STORED,
  chairmanship TEXT GENERATED ALWAYS AS ((doc::jsonb #>> '{priority,chairmanship}')) STORED,
  classification TEXT GENERATED ALWAYS AS (coalesce((doc::jsonb ->> 'classification'), 'public')) STORED,
  PRIMARY KEY (id, seq)
);
CREATE TRIGGER task_versions AFTER UPDATE ON task FOR EACH ROW WHEN (OLD.seq <> NEW.seq) EXECUTE FUNCTION secretariat_version();
CREATE TRIGGER task_no_delete BEFORE DELETE ON task FOR EACH ROW EXECUTE FUNCTION secretariat_refuse('records are never deleted: a change is a new version, written by a verb');
CREATE TRIGGER task_history_no_delete BEFORE DELETE ON task_history FOR EACH ROW EXECUTE FUNCTION secretariat_refuse('the versions of a record are never deleted');

CREATE TABLE report_history (
  id  TEXT NOT NULL,
  doc TEXT NOT NULL,
  seq BIGINT NOT NULL,
  until_seq BIGINT NOT NULL,
  task TEXT GENERATED ALWAYS AS ((doc::jsonb ->> 'task')) STORED NOT NULL,
  date TEXT GENERATED ALWAYS AS ((doc::jsonb ->> 'date')) STORED NOT NULL,
  classification TEXT GENERATED ALWAYS AS (coalesce((doc::jsonb ->> 'classification'), 'public')) STORED,
  PRIMARY KEY (id, seq)
);
CREATE TRIGGER report_versions AFTER UPDATE ON report FOR EACH ROW WHEN (OLD.seq <> NEW.seq) EXECUTE FUNCTION secretariat_version();
CREATE TRIGGER report_no_delete BEFORE DELETE ON report FOR EACH ROW EXECUTE FUNCTION secretariat_refuse('records are never deleted: a change is a new version, written by a verb');
CREATE TRIGGER report_history_no_delete BEFORE DELETE ON report_history FOR EACH ROW EXECUTE FUNCTION secretariat_refuse('the versions of a record are never deleted');

CREATE TABLE area_history (
  id  TEXT NOT NULL,
  doc TEXT NOT NULL,
  seq BIGINT NOT NULL,
  until_seq BIGINT NOT NULL,
  iso TEXT GENERATED ALWAYS AS ((doc::jsonb ->> 'iso')) STORED,
  PRIMARY KEY (id, seq)
);
CREATE TRIGGER area_versions AFTER UPDATE ON area FOR EACH ROW WHEN (OLD.seq <> NEW.seq) EXECUTE FUNCTION secretariat_version();
CREATE TRIGGER area_no_delete BEFORE DELETE ON area FOR EACH ROW EXECUTE FUNCTION secretariat_refuse('records are never deleted: a change is a new version, written by a verb');
CREATE TRIGGER area_history_no_delete BEFORE DELETE ON area_history FOR EACH ROW EXECUTE FUNCTION secretariat_refuse('the versions of a record are never deleted');

CREATE TABLE operation_history (
  id  TEXT NOT NULL,
  doc TEXT NOT NULL,
  seq BIGINT NOT NULL,
  until_seq BIGINT NOT NULL,
  mandate TEXT GENERATED ALWAYS AS ((doc::jsonb ->> 'mandate')) STORED,
  classification TEXT GENERATED ALWAYS AS (coalesce((doc::jsonb ->> 'classification'), 'public')) STORED,
  PRIMARY KEY (id, seq)
);
CREATE TRIGGER operation_versions AFTER UPDATE ON operation FOR EACH ROW WHEN (OLD.seq <> NEW.seq) EXECUTE FUNCTION secretariat_version();
CREATE TRIGGER operation_no_delete BEFORE DELETE ON operation FOR EACH ROW EXECUTE FUNCTION secretariat_refuse('records are never deleted: a change is a new version, written by a verb');
CREATE TRIGGER operation_history_no_delete BEFORE DELETE ON operation_history FOR EACH ROW EXECUTE FUNCTION secretariat_refuse('the versions of a record are never deleted');

CREATE TABLE threat_history (
  id  TEXT NOT NULL,
  doc TEXT NOT NULL,
  seq BIGINT NOT NULL,
  until_seq BIGINT NOT NULL,
  category TEXT GENERATED ALWAYS AS ((doc::jsonb ->> 'category')) STORED NOT NULL,
  classification TEXT GENERATED ALWAYS AS (coalesce((doc::jsonb ->> 'classification'), 'public')) STORED,
  PRIMARY KEY (id, seq)
);
CREATE TRIGGER threat_versions AFTER UPDATE ON threat FOR EACH ROW WHEN (OLD.seq <> NEW.seq) EXECUTE FUNCTION secretariat_version();
CREATE TRIGGER threat_no_delete BEFORE DELETE ON threat FOR EACH ROW EXECUTE FUNCTION secretariat_refuse('records are never deleted: a change is a new version, written by a verb');
CREATE TRIGGER threat_history_no_delete BEFORE DELETE ON threat_history FOR EACH ROW EXECUTE FUNCTION secretariat_refuse('the versions of a record are never deleted');

CREATE TABLE figure_history (
  id  TEXT NOT NULL,
  doc TEXT NOT NULL,
  seq BIGINT NOT NULL,
  until_seq BIGINT NOT NULL,
  operation TEXT GENERATED ALWAYS AS ((doc::jsonb ->> 'operation')) STORED,
  scope TEXT GENERATED ALWAYS AS (coalesce((doc::jsonb ->> 'scope'), 'operation')) STORED NOT NULL,
  metric TEXT GENERATED ALWAYS AS ((doc::jsonb ->> 'metric')) STORED NOT NULL,
  year BIGINT GENERATED ALWAYS AS ((doc::jsonb ->> 'year')::bigint) STORED,
  state TEXT GENERATED ALWAYS AS ((doc::jsonb ->> 'state')) STORED,
  source TEXT GENERATED ALWAYS AS ((doc::jsonb ->> 'source')) STORED NOT NULL,
  classification TEXT GENERATED ALWAYS AS (coalesce((doc::jsonb ->> 'classification'), 'public')) STORED,
  PRIMARY KEY (id, seq)
);
CREATE TRIGGER figure_versions AFTER UPDATE ON figure FOR EACH ROW WHEN (OLD.seq <> NEW.seq) EXECUTE FUNCTION secretariat_version();
CREATE TRIGGER figure_no_delete BEFORE DELETE ON figure FOR EACH ROW EXECUTE FUNCTION secretariat_refuse('records are never deleted: a change is a new version, written by a verb');
CREATE TRIGGER figure_history_no_delete BEFORE DELETE ON figure_history FOR EACH ROW EXECUTE FUNCTION secretariat_refuse('the versions of a record are never deleted');

CREATE TABLE publication_history (
  id  TEXT NOT NULL,
  doc TEXT NOT NULL,
  seq BIGINT NOT NULL,
  until_seq BIGINT NOT NULL,
  kind TEXT GENERATED ALWAYS AS ((doc::jsonb ->> 'kind')) STORED NOT NULL,
  section TEXT GENERATED ALWAYS AS ((doc::jsonb ->> 'section')) STORED NOT NULL,
  date TEXT GENERATED ALWAYS AS ((doc::jsonb ->> 'date')) STORED NOT NULL,
  classification TEXT GENERATED ALWAYS AS (coalesce((doc::jsonb ->> 'classification'), 'public')) STORED,
  PRIMARY KEY (id, seq)
);
CREATE TRIGGER publication_versions AFTER UPDATE ON publication FOR EACH ROW WHEN (OLD.seq <> NEW.seq) EXECUTE FUNCTION secretariat_version();
CREATE TRIGGER publication_no_delete BEFORE DELETE ON publication FOR EACH ROW EXECUTE FUNCTION secretariat_refuse('records are never deleted: a change is a new version, written by a verb');
CREATE TRIGGER publication_history_no_delete BEFORE DELETE ON publication_history FOR EACH ROW EXECUTE FUNCTION secretariat_refuse('the versions of a record are never deleted');

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
  seq       BIGINT NOT NULL,
  until_seq BIGINT,
  PRIMARY KEY (from_kind, from_id, seq, path)
);
CREATE INDEX link_to ON link(to_kind, to_id, from_kind);
CREATE TRIGGER link_no_delete BEFORE DELETE ON link FOR EACH ROW EXECUTE FUNCTION secretariat_refuse('links are versioned like the records and never deleted');

-- Facts about the record that are not records: the journal entry from which entries are
-- canonicalized by RFC 8785 (earlier entries keep the canonical form they were hashed
-- with, so that a database made before the change still verifies).
CREATE TABLE record_meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
CREATE TRIGGER organization_no_truncate BEFORE TRUNCATE ON organization FOR EACH STATEMENT EXECUTE FUNCTION secretariat_refuse('organization cannot be emptied');
CREATE TRIGGER source_no_truncate BEFORE TRUNCATE ON source FOR EACH STATEMENT EXECUTE FUNCTION secretariat_refuse('source cannot be emptied');
CREATE TRIGGER state_no_truncate BEFORE TRUNCATE ON state FOR EACH STATEMENT EXECUTE FUNCTION secretariat_refuse('state cannot be emptied');
CREATE TRIGGER body_no_truncate BEFORE TRUNCATE ON body FOR EACH STATEMENT EXECUTE FUNCTION secretariat_refuse('body cannot be emptied');
CREATE TRIGGER session_no_truncate BEFORE TRUNCATE ON session FOR EACH STATEMENT EXECUTE FUNCTION secretariat_refuse('session cannot be emptied');
CREATE TRIGGER chairmanship_no_truncate BEFORE TRUNCATE ON chairmanship FOR EACH STATEMENT EXECUTE FUNCTION secretariat_refuse('chairmanship cannot be emptied');
CREATE TRIGGER draft_no_truncate BEFORE TRUNCATE ON draft FOR EACH STATEMENT EXECUTE FUNCTION secretariat_refuse('draft cannot be emptied');
CREATE TRIGGER item_no_truncate BEFORE TRUNCATE ON item FOR EACH STATEMENT EXECUTE FUNCTION secretariat_refuse('item cannot be emptied');
CREATE TRIGGER position_no_truncate BEFORE TRUNCATE ON position FOR EACH STATEMENT EXECUTE FUNCTION secretariat_refuse('position cannot be emptied');
CREATE TRIGGER decision_no_truncate BEFORE TRUNCATE ON decision FOR EACH STATEMENT EXECUTE FUNCTION secretariat_refuse('decision cannot be emptied');
CREATE TRIGGER task_no_truncate BEFORE TRUNCATE ON task FOR EACH STATEMENT EXECUTE FUNCTION secretariat_refuse('task cannot be emptied');
CREATE TRIGGER report_no_truncate BEFORE TRUNCATE ON report FOR EACH STATEMENT EXECUTE FUNCTION secretariat_refuse('report cannot be emptied');
CREATE TRIGGER area_no_truncate BEFORE TRUNCATE ON area FOR EACH STATEMENT EXECUTE FUNCTION secretariat_refuse('area cannot be emptied');
CREATE TRIGGER operation_no_truncate BEFORE TRUNCATE ON operation FOR EACH STATEMENT EXECUTE FUNCTION secretariat_refuse('operation cannot be emptied');
CREATE TRIGGER threat_no_truncate BEFORE TRUNCATE ON threat FOR EACH STATEMENT EXECUTE FUNCTION secretariat_refuse('threat cannot be emptied');
CREATE TRIGGER figure_no_truncate BEFORE TRUNCATE ON figure FOR EACH STATEMENT EXECUTE FUNCTION secretariat_refuse('figure cannot be emptied');
CREATE TRIGGER publication_no_truncate BEFORE TRUNCATE ON publication FOR EACH STATEMENT EXECUTE FUNCTION secretariat_refuse('publication cannot be emptied');
CREATE TRIGGER organization_history_no_truncate BEFORE TRUNCATE ON organization_history FOR EACH STATEMENT EXECUTE FUNCTION secretariat_refuse('organization_history cannot be emptied');
CREATE TRIGGER source_history_no_truncate BEFORE TRUNCATE ON source_history FOR EACH STATEMENT EXECUTE FUNCTION secretariat_refuse('source_history cannot be emptied');
CREATE TRIGGER state_history_no_truncate BEFORE TRUNCATE ON state_history FOR EACH STATEMENT EXECUTE FUNCTION secretariat_refuse('state_history cannot be emptied');
CREATE TRIGGER body_history_no_truncate BEFORE TRUNCATE ON body_history FOR EACH STATEMENT EXECUTE FUNCTION secretariat_refuse('body_history cannot be emptied');
CREATE TRIGGER session_history_no_truncate BEFORE TRUNCATE ON session_history FOR EACH STATEMENT EXECUTE FUNCTION secretariat_refuse('session_history cannot be emptied');
CREATE TRIGGER chairmanship_history_no_truncate BEFORE TRUNCATE ON chairmanship_history FOR EACH STATEMENT EXECUTE FUNCTION secretariat_refuse('chairmanship_history cannot be emptied');
CREATE TRIGGER draft_history_no_truncate BEFORE TRUNCATE ON draft_history FOR EACH STATEMENT EXECUTE FUNCTION secretariat_refuse('draft_history cannot be emptied');
CREATE TRIGGER item_history_no_truncate BEFORE TRUNCATE ON item_history FOR EACH STATEMENT EXECUTE FUNCTION secretariat_refuse('item_history cannot be emptied');
CREATE TRIGGER position_history_no_truncate BEFORE TRUNCATE ON position_history FOR EACH STATEMENT EXECUTE FUNCTION secretariat_refuse('position_history cannot be emptied');
CREATE TRIGGER decision_history_no_truncate BEFORE TRUNCATE ON decision_history FOR EACH STATEMENT EXECUTE FUNCTION secretariat_refuse('decision_history cannot be emptied');
CREATE TRIGGER task_history_no_truncate BEFORE TRUNCATE ON task_history FOR EACH STATEMENT EXECUTE FUNCTION secretariat_refuse('task_history cannot be emptied');
CREATE TRIGGER report_history_no_truncate BEFORE TRUNCATE ON report_history FOR EACH STATEMENT EXECUTE FUNCTION secretariat_refuse('report_history cannot be emptied');
CREATE TRIGGER area_history_no_truncate BEFORE TRUNCATE ON area_history FOR EACH STATEMENT EXECUTE FUNCTION secretariat_refuse('area_history cannot be emptied');
CREATE TRIGGER operation_history_no_truncate BEFORE TRUNCATE ON operation_history FOR EACH STATEMENT EXECUTE FUNCTION secretariat_refuse('operation_history cannot be emptied');
CREATE TRIGGER threat_history_no_truncate BEFORE TRUNCATE ON threat_history FOR EACH STATEMENT EXECUTE FUNCTION secretariat_refuse('threat_history cannot be emptied');
CREATE TRIGGER figure_history_no_truncate BEFORE TRUNCATE ON figure_history FOR EACH STATEMENT EXECUTE FUNCTION secretariat_refuse('figure_history cannot be emptied');
CREATE TRIGGER publication_history_no_truncate BEFORE TRUNCATE ON publication_history FOR EACH STATEMENT EXECUTE FUNCTION secretariat_refuse('publication_history cannot be emptied');
CREATE TRIGGER link_no_truncate BEFORE TRUNCATE ON link FOR EACH STATEMENT EXECUTE FUNCTION secretariat_refuse('link cannot be emptied');
