package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"
)

// verifyPostgres is Verify on PostgreSQL. Everything happens in one REPEATABLE READ
// transaction on one connection, so that the live record is read as of one snapshot:
// the replay's tables are made by the migrations in a schema of their own inside that
// transaction, the journal is replayed into them, the server compares them with the live
// tables, and the transaction is rolled back, which leaves nothing behind whatever
// happens (a killed verify included).
func (s *Store) verifyPostgres(ctx context.Context, progress Progress) (Report, error) {
	var r Report
	var live string
	if err := s.primary().QueryRowContext(ctx, `SELECT current_schema()`).Scan(&live); err != nil {
		return r, classify(err, "reading the schema")
	}
	if err := s.checkIndexes(ctx, live, &r); err != nil || r.Problem != "" {
		return r, err
	}
	conn, err := s.primary().Conn(ctx)
	if err != nil {
		return r, classify(err, "starting the verification")
	}
	defer conn.Close()
	tx, err := conn.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelRepeatableRead})
	if err != nil {
		return r, classify(err, "starting the verification")
	}
	defer tx.Rollback()
	var b [8]byte
	rand.Read(b[:])
	replay := "secretariat_replay_" + hex.EncodeToString(b[:])
	v := &verification{q: tx, d: s.d, live: quoteIdent(live), replay: quoteIdent(replay)}
	if err := v.start(ctx, &r); err != nil {
		return r, err
	}
	if _, err := tx.ExecContext(ctx, `CREATE SCHEMA `+quoteIdent(replay)); err != nil {
		return r, classify(err, "making the replay's schema")
	}
	if _, err := tx.ExecContext(ctx, `SET LOCAL search_path TO `+quoteIdent(replay)); err != nil {
		return r, classify(err, "making the replay's schema")
	}
	if err := migrateIn(ctx, tx, s.d); err != nil {
		return r, err
	}
	if problem, err := comparePostgresSchema(ctx, tx, live, replay); err != nil || problem != "" {
		if problem != "" {
			r.fail(0, "schema", "", problem)
		}
		return r, err
	}
	if ok, err := v.runReplay(ctx, tx, quoteIdent(live)+".journal", progress, &r); err != nil || !ok {
		return r, err
	}
	return r, v.compare(ctx, &r)
}

// checkIndexes checks every B-tree index of the live schema against its table with the
// amcheck extension, when the database has it (CREATE EXTENSION amcheck): an index whose
// entries disagree with its table would answer queries wrongly and pass every other
// check. Without the extension it says so in r.Notes.
func (s *Store) checkIndexes(ctx context.Context, schema string, r *Report) error {
	var has bool
	if err := s.primary().QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'amcheck')`).Scan(&has); err != nil {
		return classify(err, "looking for amcheck")
	}
	if !has {
		r.Notes = append(r.Notes, "the indexes were not checked against their tables: the database has no amcheck extension (CREATE EXTENSION amcheck)")
		return nil
	}
	var may bool
	if err := s.primary().QueryRowContext(ctx, `SELECT has_function_privilege('bt_index_check(regclass, boolean)', 'EXECUTE')`).Scan(&may); err != nil {
		return classify(err, "looking for amcheck")
	}
	if !may {
		r.Notes = append(r.Notes, "the indexes were not checked against their tables: this role may not run amcheck (GRANT EXECUTE ON FUNCTION bt_index_check(regclass, boolean) TO secretariat_writer)")
		return nil
	}
	rows, err := s.primary().QueryContext(ctx, `SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
		JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_am a ON a.oid = c.relam
		WHERE n.nspname = ? AND a.amname = 'btree' ORDER BY c.relname`, schema)
	if err != nil {
		return classify(err, "listing the indexes")
	}
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			rows.Close()
			return classify(err, "listing the indexes")
		}
		names = append(names, n)
	}
	rows.Close()
	for _, n := range names {
		if _, err := s.primary().ExecContext(ctx, `SELECT bt_index_check(?::regclass, true)`, quoteIdent(schema)+"."+quoteIdent(n)); err != nil {
			if pe, ok := isPgError(err); ok && strings.HasPrefix(pe.Code, "XX") {
				r.fail(0, n, "", "index "+n+" is damaged: "+pe.Message)
				return nil
			}
			return classify(err, "checking index "+n)
		}
	}
	return nil
}

// comparePostgresSchema compares the live schema with the replay's, which the migrations
// just made: every table and column with its type, default and generation expression,
// every constraint, index, trigger and function, each by its definition with the
// schemas' names taken out.
func comparePostgresSchema(ctx context.Context, q queryer, live, replay string) (string, error) {
	read := func(schema string) (map[string]string, error) {
		out := map[string]string{}
		queries := []string{
			`SELECT 'column ' || table_name || '.' || column_name, data_type || ' ' || is_nullable || ' ' || coalesce(column_default, '') || ' ' || coalesce(generation_expression, '')
				FROM information_schema.columns WHERE table_schema = ?`,
			`SELECT 'constraint ' || c.relname || '.' || k.conname, pg_get_constraintdef(k.oid)
				FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ?`,
			`SELECT 'index ' || indexname, indexdef FROM pg_indexes WHERE schemaname = ?`,
			`SELECT 'trigger ' || c.relname || '.' || t.tgname, pg_get_triggerdef(t.oid) || ' ' || t.tgenabled::text
				FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
				WHERE n.nspname = ? AND NOT t.tgisinternal`,
			`SELECT 'function ' || p.proname, pg_get_functiondef(p.oid) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
				WHERE n.nspname = ? AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')`, // an extension's own, such as amcheck's, are not the record's
		}
		for _, query := range queries {
			rows, err := q.QueryContext(ctx, query, schema)
			if err != nil {
				return nil, classify(err, "reading the schema")
			}
			for rows.Next() {
				var obj, def string
				if err := rows.Scan(&obj, &def); err != nil {
					rows.Close()
					return nil, classify(err, "reading the schema")
				}
				out[obj] = strings.NewReplacer(quoteIdent(schema)+".", "", schema+".", "").Replace(def)
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				return nil, classify(err, "reading the schema")
			}
		}
		return out, nil
	}
	have, err := read(live)
	if err != nil {
		return "", err
	}
	want, err := read(replay)
	if err != nil {
		return "", err
	}
	var problems []string
	for obj, def := range want {
		got, ok := have[obj]
		switch {
		case !ok:
			problems = append(problems, obj+" is missing")
		case got != def:
			problems = append(problems, obj+" is not as the migrations create it")
		}
	}
	for obj := range have {
		if _, ok := want[obj]; !ok && !strings.HasPrefix(obj, "column secretariat_") {
			problems = append(problems, obj+" is not part of the schema")
		}
	}
	if len(problems) == 0 {
		return "", nil
	}
	slices.Sort(problems)
	if len(problems) > 8 {
		problems = append(problems[:8], fmt.Sprintf("and %d more", len(problems)-8))
	}
	return "the schema was altered: " + strings.Join(problems, "; "), nil
}
