-- A result figure may cover several operations, or the organization's whole programme
-- of operations for a period, and then names no single operation: the operation column
-- becomes nullable. SQLite cannot alter a generated column, so the table is rebuilt
-- (no other table refers to it).
CREATE TABLE figure_scoped (
  id  TEXT PRIMARY KEY,
  doc TEXT NOT NULL CHECK (json_valid(doc)),
  seq INTEGER NOT NULL,
  operation TEXT GENERATED ALWAYS AS (json_extract(doc, '$.operation')) STORED REFERENCES operation(id),
  scope     TEXT GENERATED ALWAYS AS (coalesce(json_extract(doc, '$.scope'), 'operation')) STORED NOT NULL,
  metric    TEXT GENERATED ALWAYS AS (json_extract(doc, '$.metric')) STORED NOT NULL,
  year      INTEGER GENERATED ALWAYS AS (json_extract(doc, '$.year')) STORED,
  state     TEXT GENERATED ALWAYS AS (json_extract(doc, '$.state')) STORED REFERENCES state(id),
  source    TEXT GENERATED ALWAYS AS (json_extract(doc, '$.source')) STORED NOT NULL REFERENCES source(id),
  classification TEXT GENERATED ALWAYS AS (coalesce(json_extract(doc, '$.classification'), 'public')) STORED
);
INSERT INTO figure_scoped (id, doc, seq) SELECT id, doc, seq FROM figure;
DROP TABLE figure;
ALTER TABLE figure_scoped RENAME TO figure;
CREATE INDEX figure_operation ON figure(operation, metric);
CREATE INDEX figure_scope ON figure(scope, year);
