package store

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"

	"secretariat"
)

//go:embed migrations/sqlite/*.sql migrations/postgres/*.sql
var migrationFiles embed.FS

// migration is one numbered schema change.
type migration struct {
	version int
	name    string
	sql     string
}

// migrations returns the embedded migrations of a dialect ("sqlite", "postgres") in
// order. The file names are NNNN_name.sql; the number is the schema version the file
// brings the database to. Both dialects have the same list (TestMigrationListsMatch).
func migrations(dialect string) ([]migration, error) {
	entries, err := fs.Glob(migrationFiles, "migrations/"+dialect+"/*.sql")
	if err != nil {
		return nil, err
	}
	var out []migration
	for _, e := range entries {
		base := e[strings.LastIndex(e, "/")+1:]
		num, name, ok := strings.Cut(strings.TrimSuffix(base, ".sql"), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil {
			return nil, fmt.Errorf("migration %s: the name must be NNNN_name.sql", base)
		}
		body, err := migrationFiles.ReadFile(e)
		if err != nil {
			return nil, err
		}
		out = append(out, migration{version: v, name: name, sql: string(body)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].version < out[j].version })
	for i, m := range out {
		if m.version != i+1 {
			return nil, fmt.Errorf("migrations must be numbered 1, 2, 3…; found %d at position %d", m.version, i+1)
		}
	}
	return out, nil
}

// SchemaVersion is the schema version this program knows.
func SchemaVersion() int {
	ms, err := migrations("sqlite")
	if err != nil {
		return 0
	}
	return len(ms)
}

// schemaVersion reads the version of an open database: 0 for a new one.
func schemaVersion(ctx context.Context, q queryer) (int, error) {
	var n int
	err := q.QueryRowContext(ctx, `SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'schema_migrations'`).Scan(&n)
	if err != nil {
		// SQLite has no information_schema.
		err = q.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master WHERE type='table' AND name='schema_migrations'`).Scan(&n)
	}
	if err != nil || n == 0 {
		return 0, err
	}
	var v sql.NullInt64
	if err := q.QueryRowContext(ctx, `SELECT max(version) FROM schema_migrations`).Scan(&v); err != nil {
		return 0, err
	}
	return int(v.Int64), nil
}

// migrationSteps are the parts of migrations that SQL alone cannot do, run right after
// the migration's SQL in the same transaction: filling new tables from the journal.
var migrationSteps = map[int]func(ctx context.Context, tx *sqlTx) error{
	4: fillVersions,
	6: fillTree,
	8: fillSearch,
}

// migrate brings the database to the newest schema in one transaction: every migration,
// the version table and (on SQLite) the application id commit together or not at all, so
// a kill midway leaves the database as it was. A second process creating the same
// database waits for the first (SQLite: the writer begins its transactions IMMEDIATE;
// PostgreSQL: an advisory lock) and then finds nothing left to do. A database newer than
// this program is refused.
func migrate(ctx context.Context, h *db) error {
	tx, err := h.BeginTx(ctx, nil)
	if err != nil {
		return classify(err, "starting the schema migration")
	}
	defer tx.Rollback()
	if err := migrateIn(ctx, tx, h.d); err != nil {
		return err
	}
	return classify(tx.Commit(), "committing the schema migration")
}

// migrateIn runs the migrations the database lacks inside tx. Verify on PostgreSQL runs
// it in a schema of its own, inside its own transaction.
func migrateIn(ctx context.Context, tx *sqlTx, d dialect) error {
	ms, err := migrations(d.name())
	if err != nil {
		return err
	}
	if d.name() == "postgres" {
		if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock(?)`, migrationLock); err != nil {
			return classify(err, "waiting for another migration")
		}
	}
	current, err := schemaVersion(ctx, tx)
	if err != nil {
		return classify(err, "reading the schema version")
	}
	if current > len(ms) {
		return newerSchemaError(current, len(ms))
	}
	if current == len(ms) {
		return nil
	}
	versions := `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY, migration TEXT NOT NULL, applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')))`
	if d.name() == "postgres" {
		versions = `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY, migration TEXT NOT NULL, applied_at TEXT NOT NULL DEFAULT (to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')))`
	}
	if _, err := tx.tx.ExecContext(ctx, versions); err != nil {
		return classify(err, "creating the migrations table")
	}
	for _, m := range ms[current:] {
		// The migration's text runs as written: its comments and function bodies are not
		// statements with placeholders to number.
		if _, err := tx.tx.ExecContext(ctx, m.sql); err != nil {
			return classify(err, fmt.Sprintf("migration %04d_%s", m.version, m.name))
		}
		if step := migrationSteps[m.version]; step != nil {
			if err := step(ctx, tx); err != nil {
				return fmt.Errorf("migration %04d_%s: %w", m.version, m.name, err)
			}
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations(version, migration) VALUES (?, ?)`, m.version, m.name); err != nil {
			return classify(err, "recording migration "+m.name)
		}
	}
	if d.name() == "sqlite" {
		if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA application_id = %d", applicationID)); err != nil {
			return classify(err, "marking the database")
		}
	}
	return nil
}

// migrationLock is the advisory lock key that serializes migrations on PostgreSQL.
const migrationLock = 0x53454352_4d494752 // "SECRMIGR"

func newerSchemaError(have, know int) error {
	return secretariat.Errorf(secretariat.EINVALID,
		"the database has schema version %d, newer than this program knows (%d): use a newer secretariat", have, know)
}
