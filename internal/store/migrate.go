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

//go:embed migrations/sqlite/*.sql
var migrationFiles embed.FS

// migration is one numbered schema change.
type migration struct {
	version int
	name    string
	sql     string
}

// migrations returns the embedded migrations in order. The file names are
// NNNN_name.sql; the number is the schema version the file brings the database to.
func migrations() ([]migration, error) {
	entries, err := fs.Glob(migrationFiles, "migrations/sqlite/*.sql")
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
	ms, err := migrations()
	if err != nil {
		return 0
	}
	return len(ms)
}

// schemaVersion reads the version of an open database: 0 for a new one.
func schemaVersion(ctx context.Context, q queryer) (int, error) {
	var n int
	err := q.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master WHERE type='table' AND name='schema_migrations'`).Scan(&n)
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
}

// migrate brings the database to the newest schema in one transaction: every migration,
// the version table and the application id commit together or not at all, so a kill
// midway leaves the file as it was. The writer begins its transactions IMMEDIATE, so a
// second process creating the same database waits here for the first and then finds
// nothing left to do. A database newer than this program is refused.
func migrate(ctx context.Context, db *db) error {
	ms, err := migrations()
	if err != nil {
		return err
	}
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return classify(err, "starting the schema migration")
	}
	defer tx.Rollback()
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
	if _, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY, migration TEXT NOT NULL, applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')))`); err != nil {
		return classify(err, "creating the migrations table")
	}
	for _, m := range ms[current:] {
		if _, err := tx.ExecContext(ctx, m.sql); err != nil {
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
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA application_id = %d", applicationID)); err != nil {
		return classify(err, "marking the database")
	}
	return classify(tx.Commit(), "committing the schema migration")
}

func newerSchemaError(have, know int) error {
	return secretariat.Errorf(secretariat.EINVALID,
		"the database has schema version %d, newer than this program knows (%d): use a newer secretariat", have, know)
}
