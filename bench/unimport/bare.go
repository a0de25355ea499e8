package main

import (
	"context"
	"database/sql"
	"fmt"

	_ "modernc.org/sqlite" // the driver the store uses, for the baseline through the same driver
)

// row is a record as stored: its ID, canonical document and journal sequence number.
type row struct {
	ID  string
	Doc []byte
	Seq int64
}

// bareInsert is the baseline of the benchmark: it inserts the item and position rows into
// a database made by secretariat (same schema, same generated columns, indexes and
// foreign keys), in one transaction, with prepared statements, through the same driver
// with the store's settings, and nothing else: no validation, no reference checks, no
// journal. It lives here, not in the store, because the store writes only through verbs.
func bareInsert(ctx context.Context, path string, items, positions []row) error {
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(5000)&_pragma=foreign_keys(1)&_pragma=synchronous(NORMAL)&_pragma=cache_size(-65536)&_pragma=temp_store(MEMORY)&_txlock=immediate")
	if err != nil {
		return fmt.Errorf("bare insert: %w", err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("bare insert: %w", err)
	}
	defer tx.Rollback()
	// Foreign keys are checked, as in the import: the parents go in at the end.
	if _, err := tx.ExecContext(ctx, `PRAGMA defer_foreign_keys = ON`); err != nil {
		return fmt.Errorf("bare insert: %w", err)
	}
	for _, kind := range []string{"item", "position"} {
		rows := items
		if kind == "position" {
			rows = positions
		}
		stmt, err := tx.PrepareContext(ctx, `INSERT INTO `+kind+`(id, doc, seq) VALUES (?, ?, ?)`)
		if err != nil {
			return fmt.Errorf("bare insert: %w", err)
		}
		for _, r := range rows {
			if _, err := stmt.ExecContext(ctx, r.ID, string(r.Doc), r.Seq); err != nil {
				stmt.Close()
				return fmt.Errorf("bare insert of %s %s: %w", kind, r.ID, err)
			}
		}
		stmt.Close()
	}
	// The parents the rows refer to, so that the deferred foreign keys hold at commit.
	for _, q := range []string{
		`INSERT INTO body(id, doc, seq) SELECT DISTINCT body, json_object('id', body, 'kind', 'external', 'name', json_object('en', body, 'authentic', 'en')), 0 FROM item`,
		`INSERT INTO session(id, doc, seq) SELECT DISTINCT session, json_object('id', session, 'body', body, 'date', date, 'kind', 'regular'), 0 FROM item`,
		`INSERT INTO state(id, doc, seq) SELECT DISTINCT state, json_object('id', state, 'name', json_object('en', state, 'authentic', 'en')), 0 FROM position`,
	} {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("bare insert: %w", err)
		}
	}
	return tx.Commit()
}
