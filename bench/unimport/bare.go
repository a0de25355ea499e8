package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"secretariat/internal/canon"

	_ "github.com/jackc/pgx/v5/stdlib" // the drivers the store uses, for the baseline through the same driver
	_ "modernc.org/sqlite"
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
func bareInsert(ctx context.Context, driver, dsn string, items, positions []row) error {
	db, err := sql.Open(driver, dsn)
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
	// Foreign keys are checked row by row, as in the import: the parents the rows refer to
	// (bodies, sessions, states) go in first.
	parents, err := parentsOf(items, positions)
	if err != nil {
		return err
	}
	for _, kind := range []string{"body", "session", "state", "item", "position"} {
		rows := parents[kind]
		switch kind {
		case "item":
			rows = items
		case "position":
			rows = positions
		}
		q := `INSERT INTO ` + kind + `(id, doc, seq) VALUES (?, ?, ?)`
		if driver == "pgx" {
			q = `INSERT INTO ` + kind + `(id, doc, seq) VALUES ($1, $2, $3)`
		}
		stmt, err := tx.PrepareContext(ctx, q)
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
	return tx.Commit()
}

// parentsOf makes the bodies, sessions and states that the item and position rows refer
// to, as small canonical documents.
func parentsOf(items, positions []row) (map[string][]row, error) {
	out := map[string][]row{}
	seen := map[string]bool{}
	add := func(kind, id string, doc any) error {
		if seen[kind+"/"+id] {
			return nil
		}
		seen[kind+"/"+id] = true
		b, err := canon.Marshal(doc)
		if err != nil {
			return err
		}
		out[kind] = append(out[kind], row{ID: id, Doc: b})
		return nil
	}
	name := func(s string) map[string]string { return map[string]string{"en": s, "authentic": "en"} }
	for _, it := range items {
		var d struct{ Body, Session, Date string }
		if err := json.Unmarshal(it.Doc, &d); err != nil {
			return nil, err
		}
		if err := add("body", d.Body, map[string]any{"id": d.Body, "kind": "external", "name": name(d.Body)}); err != nil {
			return nil, err
		}
		if err := add("session", d.Session, map[string]any{"id": d.Session, "body": d.Body, "date": d.Date, "kind": "regular"}); err != nil {
			return nil, err
		}
	}
	for _, p := range positions {
		var d struct{ State string }
		if err := json.Unmarshal(p.Doc, &d); err != nil {
			return nil, err
		}
		if err := add("state", d.State, map[string]any{"id": d.State, "name": name(d.State)}); err != nil {
			return nil, err
		}
	}
	return out, nil
}
