-- A result figure may cover several operations, or the organization's whole programme
-- of operations for a period, and then names no single operation: the operation column
-- becomes nullable. The table is rebuilt as on SQLite (no other table refers to it), so
-- that both databases carry the same table.
CREATE TABLE figure_scoped (
  id  TEXT PRIMARY KEY,
  doc TEXT NOT NULL CHECK (doc::jsonb IS NOT NULL),
  seq BIGINT NOT NULL,
  operation TEXT GENERATED ALWAYS AS ((doc::jsonb ->> 'operation')) STORED REFERENCES operation(id),
  scope TEXT GENERATED ALWAYS AS (coalesce((doc::jsonb ->> 'scope'), 'operation')) STORED NOT NULL,
  metric TEXT GENERATED ALWAYS AS ((doc::jsonb ->> 'metric')) STORED NOT NULL,
  year BIGINT GENERATED ALWAYS AS ((doc::jsonb ->> 'year')::bigint) STORED,
  state TEXT GENERATED ALWAYS AS ((doc::jsonb ->> 'state')) STORED REFERENCES state(id),
  source TEXT GENERATED ALWAYS AS ((doc::jsonb ->> 'source')) STORED NOT NULL REFERENCES source(id),
  classification TEXT GENERATED ALWAYS AS (coalesce((doc::jsonb ->> 'classification'), 'public')) STORED
);
INSERT INTO figure_scoped (id, doc, seq) SELECT id, doc, seq FROM figure;
DROP TABLE figure;
ALTER TABLE figure_scoped RENAME TO figure;
CREATE INDEX figure_operation ON figure(operation, metric);
CREATE INDEX figure_scope ON figure(scope, year);
