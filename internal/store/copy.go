package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"secretariat"
)

// CopyRecord copies the whole record from one store to another, empty one, whichever
// database each is on (SQLite to PostgreSQL and back): the journal, replayed into the
// target as verify replays it (so the target's records, versions, links and tree are
// what its journal says), the stored files, the signed checkpoints and cosignatures, and
// the accounts and API tokens, which are not part of the record but are needed to go on
// keeping it. It reads the source in one snapshot and writes the target in one
// transaction: the target holds all of it or nothing. Verify the target afterwards: its
// head hash is the source's.
func CopyRecord(ctx context.Context, from, to *Store, progress Progress) error {
	if to.writer == nil {
		return secretariat.Errorf(secretariat.EFORBIDDEN, "the target %s is open read-only", to.Path())
	}
	if n, _, err := to.Head(ctx); err != nil || n > 0 {
		if err == nil {
			err = secretariat.Errorf(secretariat.ECONFLICT, "the target %s already holds a record (%d journal entries): copy into an empty database", to.Path(), n)
		}
		return err
	}
	src, err := from.primary().BeginTx(ctx, &sql.TxOptions{ReadOnly: true, Isolation: snapshotIsolation(from)})
	if err != nil {
		return classify(err, "reading "+from.Path())
	}
	defer src.Rollback()
	total, _, _, err := head(ctx, src)
	if err != nil {
		return err
	}
	jcs, err := jcsFrom(ctx, src)
	if err != nil {
		return err
	}
	dst, err := to.writer.BeginTx(ctx, nil)
	if err != nil {
		return classify(err, "writing "+to.Path())
	}
	defer dst.Rollback()
	// Entries made before RFC 8785 keep their first canonical form in the copy too.
	if _, err := dst.ExecContext(ctx, `UPDATE record_meta SET value = ? WHERE key = 'jcs_from'`, fmt.Sprint(jcs)); err != nil {
		return classify(err, "noting the canonical form")
	}
	if _, err := replayInto(ctx, tableEntries(ctx, src, "journal"), dst, total, jcs, progress); err != nil {
		return fmt.Errorf("copying the journal of %s: %w", from.Path(), err)
	}
	// The files: their names came with the journal, their contents come now; files
	// stored before the journal named them come whole.
	if err := copyFiles(ctx, src, dst); err != nil {
		return err
	}
	for _, table := range append([]string{"checkpoint", "cosignature"}, AccountTables...) {
		if err := copyTable(ctx, src, dst, table, to.d); err != nil {
			return err
		}
	}
	return classify(dst.Commit(), "committing the copy into "+to.Path())
}

// snapshotIsolation is the isolation that reads one snapshot on the store's database.
func snapshotIsolation(s *Store) sql.IsolationLevel {
	if s.d.name() == "postgres" {
		return sql.LevelRepeatableRead
	}
	return sql.LevelDefault // a SQLite read transaction is a snapshot
}

func copyFiles(ctx context.Context, src queryer, dst *sqlTx) error {
	rows, err := src.QueryContext(ctx, `SELECT sha256, filename, media_type, size, content FROM file ORDER BY sha256`)
	if err != nil {
		return classify(err, "reading the files")
	}
	type file struct {
		sha, name, media string
		size             int64
		content          []byte
	}
	var files []file
	for rows.Next() {
		var f file
		if err := rows.Scan(&f.sha, &f.name, &f.media, &f.size, &f.content); err != nil {
			rows.Close()
			return classify(err, "reading the files")
		}
		files = append(files, f)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return classify(err, "reading the files")
	}
	for _, f := range files {
		if _, err := dst.ExecContext(ctx, `INSERT INTO file(sha256, filename, media_type, size, content) VALUES (?,?,?,?,?)
			ON CONFLICT (sha256) DO UPDATE SET content = excluded.content`, f.sha, f.name, f.media, f.size, f.content); err != nil {
			return classify(err, "copying file "+f.sha)
		}
	}
	return nil
}

// copyTable copies every row of a table outside the journal as it is.
func copyTable(ctx context.Context, src queryer, dst *sqlTx, table string, d dialect) error {
	rows, err := src.QueryContext(ctx, `SELECT * FROM `+table)
	if err != nil {
		return classify(err, "reading "+table)
	}
	cols, err := rows.Columns()
	if err != nil {
		rows.Close()
		return classify(err, "reading "+table)
	}
	var all [][]any
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			rows.Close()
			return classify(err, "reading "+table)
		}
		all = append(all, vals)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return classify(err, "reading "+table)
	}
	q := `INSERT INTO ` + table + `(` + strings.Join(quoteAll(cols), ", ") + `) VALUES (` + strings.TrimSuffix(strings.Repeat("?, ", len(cols)), ", ") + `)`
	for _, vals := range all {
		if _, err := dst.ExecContext(ctx, q, vals...); err != nil {
			return classify(err, "copying "+table)
		}
	}
	if d.name() == "postgres" && len(all) > 0 {
		// An identity column goes on from the largest number copied.
		for _, c := range cols {
			var seq sql.NullString
			if err := dst.QueryRowContext(ctx, `SELECT pg_get_serial_sequence(?, ?)`, table, c).Scan(&seq); err == nil && seq.Valid {
				if _, err := dst.ExecContext(ctx, `SELECT setval(?, (SELECT max(`+quoteIdent(c)+`) FROM `+table+`))`, seq.String); err != nil {
					return classify(err, "continuing the numbers of "+table)
				}
			}
		}
	}
	return nil
}

func quoteAll(cols []string) []string {
	out := make([]string, len(cols))
	for i, c := range cols {
		out[i] = quoteIdent(c)
	}
	return out
}
