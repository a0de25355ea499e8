package store

import (
	"context"
)

// Row is a record as stored: its ID, canonical document and journal sequence number.
type Row struct {
	ID  string
	Doc []byte
	Seq int64
}

// BareInsert is the baseline of the import benchmark (bench/unimport): it inserts item and
// position rows into their tables in one transaction with prepared statements and
// nothing else: no validation, no references, no journal. The bodies, states and
// sessions the rows refer to are copied from the rows' own documents first, untimed by
// the caller's measure only in that they are few.
func (s *Store) BareInsert(ctx context.Context, items, positions []Row) error {
	tx, err := s.writer.BeginTx(ctx, nil)
	if err != nil {
		return classify(err, "bare insert")
	}
	defer tx.Rollback()
	// Foreign keys are checked, as in the import: the parents go in first.
	if _, err := tx.ExecContext(ctx, `PRAGMA defer_foreign_keys = ON`); err != nil {
		return classify(err, "bare insert")
	}
	for _, kind := range []string{"item", "position"} {
		rows := items
		if kind == "position" {
			rows = positions
		}
		stmt, err := tx.PrepareContext(ctx, `INSERT INTO `+table(kind)+`(id, doc, seq) VALUES (?, ?, ?)`)
		if err != nil {
			return classify(err, "bare insert")
		}
		for _, r := range rows {
			if _, err := stmt.ExecContext(ctx, r.ID, string(r.Doc), r.Seq); err != nil {
				stmt.Close()
				return classify(err, "bare insert of "+kind+" "+r.ID)
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
			return classify(err, "bare insert")
		}
	}
	return classify(tx.Commit(), "bare insert")
}
