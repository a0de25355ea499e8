package store

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"secretariat/internal/testkit"
	"strings"
	"sync"
	"testing"
	"time"

	"secretariat"
)

// recordWithFile makes a small record with every table of the record in use: states,
// a session with items and positions, decisions, a task with a report and a stored
// file, a second version of a record, and links (lineage, sources).
func recordWithFile(t *testing.T) (*Store, string) {
	t.Helper()
	st, clock := newStore(t)
	ctx := context.Background()
	seedMembers(t, st, "AA", "BB", "CC")
	_, err := st.RegisterSource(ctx, secretariat.Source{ID: "src", Title: secretariat.T("Источник", "Source"), URL: "https://example.org/s", Class: secretariat.Media})
	check(t, err)
	d := decided(t, st, clock, "s1", "2019-05-01", "AA", "BB", "CC")
	_, err = st.SetTask(ctx, secretariat.Task{ID: "t", Decision: d, Text: text("Report on it"),
		Responsible: secretariat.Responsible{Kind: secretariat.ResponsibleSecretariat}, Provenance: secretariat.Provenance{Sources: []string{"src"}},
		Access: secretariat.Access{Classification: secretariat.Restricted}})
	check(t, err)
	_, err = st.ReportImplementation(ctx, secretariat.ImplementationReport{Task: "t", Date: secretariat.MustDate("2019-06-01"), Author: "secretariat",
		SpeaksFor: "secretariat", Progress: 50, Text: text("Half done")},
		[]File{{Name: "report.pdf", Content: []byte("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")}})
	check(t, err)
	sha := must[[]secretariat.ImplementationReport](t)(func() ([]secretariat.ImplementationReport, error) {
		rs, _, err := FindAll[secretariat.ImplementationReport](ctx, st, secretariat.Secretariat, Where("task", "t"))
		return rs, err
	}())[0].Documents[0].SHA256
	return st, sha
}

// The tamper matrix: every branch of verify's comparison, each caught and named.
func TestVerifyCatchesEveryKindOfTampering(t *testing.T) {
	testkit.WithoutRace(t)
	st, sha := recordWithFile(t)
	build := func(t *testing.T) *Store { st, _ := recordWithFile(t); return st }
	if r := must[Report](t)(st.Verify(context.Background(), nil)); !r.OK || r.Files != 1 || r.Versions == 0 || r.Links == 0 {
		t.Fatalf("verify of the untouched record: %+v", r)
	}
	classified := strings.ReplaceAll(`coalesce(json_extract(doc, '$.classification'), 'public')`, "'", "''")
	cases := []struct {
		name  string
		sql   []string
		table string // the table verify must name
		says  string
	}{
		{"a row missing from the tables", []string{`DELETE FROM position WHERE id = 's1-1.AA'`}, "position", "missing from the tables"},
		{"an extra row", []string{`INSERT INTO source(id, doc, seq) VALUES ('ghost', '{"id":"ghost"}', 2)`}, "source", "no journal entry wrote it"},
		{"a row with another seq", []string{`UPDATE state SET seq = seq + 1 WHERE id = 'AA'`}, "state", "column seq differs"},
		{"a document edited", []string{`UPDATE state SET doc = replace(doc, 'State AA', 'State QQ') WHERE id = 'AA'`}, "state", "column doc differs"},
		{"an old version edited", []string{`UPDATE task_history SET doc = replace(doc, 'Report on it', 'Forget it') WHERE id = 't'`}, "task_history", "differs"},
		{"a version closed early", []string{`UPDATE item_history SET until_seq = until_seq - 1 WHERE id = 's1-1'`}, "item_history", "column until_seq differs"},
		{"a replaced version removed", []string{`DELETE FROM item_history WHERE id = 's1-1'`}, "item_history", "missing from the tables"},
		{"a link added", []string{`INSERT INTO link(from_kind, from_id, path, to_kind, to_id, seq) VALUES ('item', 's1-1', 'lineage[0].item', 'item', 'x', 1)`}, "link", "no journal entry wrote it"},
		{"a link removed", []string{`DELETE FROM link WHERE to_kind = 'source'`}, "link", "missing from the tables"},
		{"a generated column recomputed otherwise", []string{per(`PRAGMA writable_schema = ON`, `ALTER TABLE task DROP COLUMN classification`),
			per(`UPDATE sqlite_master SET sql = replace(sql, '`+classified+`', '''restricted''') WHERE type = 'table' AND name = 'task'`,
				`ALTER TABLE task ADD COLUMN classification TEXT GENERATED ALWAYS AS ('public') STORED`),
		}, per("sqlite_master", "schema"), per("table task is not as the migrations create it", "column task.classification is not as the migrations create it")},
		{"an index dropped", []string{`DROP INDEX position_state`}, per("sqlite_master", "schema"), "index position_state is missing"},
		{"a stranger table", []string{`CREATE TABLE notes(x TEXT)`}, per("sqlite_master", "schema"), per("table notes is not part of the schema", "column notes.x is not part of the schema")},
		{"journal entries out of order", []string{`UPDATE journal SET seq = -1 WHERE seq = 3`, `UPDATE journal SET seq = 3 WHERE seq = 4`, `UPDATE journal SET seq = 4 WHERE seq = -1`}, "journal", "entry"},
		{"a file's content changed", []string{per(`UPDATE file SET content = X'00'`, `UPDATE file SET content = '\x00'::bytea`)}, "file", "does not match its SHA-256"},
		{"a file's name changed", []string{`UPDATE file SET filename = 'minutes.pdf'`}, "file", "column filename differs"},
		{"a file's type changed", []string{`UPDATE file SET media_type = 'text/plain'`}, "file", "column media_type differs"},
		{"a file removed that a report cites", []string{`DELETE FROM file`}, "file", "missing from the tables"},
		{"a file added that no entry wrote", []string{`INSERT INTO file(sha256, filename, media_type, size, content) VALUES ('` + strings.Repeat("ab", 32) + `', 'x.txt', 'text/plain', 1, ` + per(`X'41'`, `'\x41'::bytea`) + `)`}, "file", "no journal entry wrote it"},
		{"a migration forged", []string{`UPDATE schema_migrations SET migration = 'other' WHERE version = 1`}, "schema_migrations", "column migration differs"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := verifyTampered(t, st, c.sql...)
			if r.OK || r.Table != c.table || !strings.Contains(r.Problem, c.says) {
				t.Fatalf("verify = %+v\nwant table %s named with %q", r, c.table, c.says)
			}
		})
	}
	// tamper restores the triggers it removes, so these two are done by hand.
	t.Run("an append-only trigger dropped", func(t *testing.T) {
		if testkit.OnPostgres() {
			copy := build(t)
			_, err := copy.writer.Exec(`DROP TRIGGER journal_no_update ON journal`)
			check(t, err)
			if r := must[Report](t)(copy.Verify(context.Background(), nil)); r.OK || !strings.Contains(r.Problem, "trigger journal.journal_no_update is missing") {
				t.Fatalf("verify = %+v", r)
			}
			return
		}
		path := copyDB(t, st)
		db, err := sql.Open("sqlite", "file:"+path)
		check(t, err)
		_, err = db.Exec(`DROP TRIGGER journal_no_update`)
		check(t, err)
		db.Close()
		r := verifyCopy(t, path)
		if r.OK || !strings.Contains(r.Problem, "trigger journal_no_update is missing") {
			t.Fatalf("verify = %+v", r)
		}
	})
	t.Run("a generated column's stored value, with the schema put back", func(t *testing.T) {
		onlySQLite(t, "PostgreSQL never lets a stored generated column differ from its expression, and has no writable_schema")
		// The probe that found this: rewrite the column's expression, touch the row so that
		// the stored column says public, and put the schema back. The schema then matches;
		// the row's stored column does not match what the replay computes.
		path := copyDB(t, st)
		public := strings.ReplaceAll(classified, "coalesce(json_extract(doc, ''$.classification''), ''public'')", "''public''")
		touch(t, path, `PRAGMA writable_schema = ON`,
			`UPDATE sqlite_master SET sql = replace(sql, '`+classified+`', '`+public+`') WHERE type = 'table' AND name = 'report'`)
		touch(t, path, `UPDATE report SET seq = seq`)
		touch(t, path, `PRAGMA writable_schema = ON`,
			`UPDATE sqlite_master SET sql = replace(sql, '`+public+`', '`+classified+`') WHERE type = 'table' AND name = 'report'`)
		r := verifyCopy(t, path)
		if r.OK || r.Table != "report" || !strings.Contains(r.Problem, "column classification differs") {
			t.Fatalf("verify = %+v", r)
		}
	})
	if sha == "" {
		t.Fatal("the report stored no file")
	}
}

// touch runs statements on a database file in a fresh connection.
func touch(t *testing.T, path string, stmts ...string) {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path)
	check(t, err)
	defer db.Close()
	for _, s := range stmts {
		if _, err := db.Exec(s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
}

// An index whose entries disagree with its table passes a quick_check; verify runs the
// full integrity_check, which catches it.
func TestVerifyCatchesAnIndexThatDisagreesWithItsTable(t *testing.T) {
	onlySQLite(t, "an index's entries are rewritten through SQLite's writable_schema; on PostgreSQL verify checks the indexes with amcheck")
	st, _ := recordWithFile(t)
	path := copyDB(t, st)
	touch(t, path, `PRAGMA writable_schema = ON`,
		`UPDATE sqlite_master SET sql = 'CREATE INDEX position_state ON position(item, state, stance, classification)' WHERE name = 'position_state'`)
	touch(t, path, `REINDEX position_state`)
	touch(t, path, `PRAGMA writable_schema = ON`,
		`UPDATE sqlite_master SET sql = 'CREATE INDEX position_state ON position(state, item, stance, classification)' WHERE name = 'position_state'`)
	r := verifyCopy(t, path)
	if r.OK || !strings.Contains(r.Problem, "damaged") {
		t.Fatalf("verify = %+v", r)
	}
}

// Verify reads one snapshot: records written while it runs are neither half seen nor
// taken for tampering.
func TestVerifyDuringWritesRaisesNoFalseAlarm(t *testing.T) {
	st, clock := newStore(t)
	ctx := context.Background()
	seedMembers(t, st, "AA", "BB")
	clock.set("2019-05-01")
	reader, err := Open(ctx, st.Path(), Options{ReadOnly: true})
	check(t, err)
	defer reader.Close()
	// The writer commits batches of many verbs each, as an import does, while verify
	// runs again and again on another connection.
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		defer close(done)
		for i := range 12 {
			err := st.Batch(ctx, func(b *Store) error {
				for j := range 25 {
					time.Sleep(2 * time.Millisecond) // a long transaction, as an import's
					if _, err := b.RegisterSource(ctx, secretariat.Source{ID: fmt.Sprintf("s%d-%d", i, j), Title: secretariat.T("И", "S"),
						URL: "https://example.org", Class: secretariat.Media}); err != nil {
						return err
					}
				}
				return nil
			})
			if err != nil {
				t.Error(err)
				return
			}
		}
	})
	runs := 0
	for {
		r := must[Report](t)(reader.Verify(ctx, nil))
		if !r.OK {
			t.Errorf("verify during writes: %+v", r)
		}
		runs++
		select {
		case <-done:
			if runs >= 3 {
				wg.Wait()
				return
			}
		default:
		}
	}
}

// A killed verify leaves its scratch directory behind; the next one removes it.
func TestVerifyRemovesTheScratchOfAKilledVerify(t *testing.T) {
	onlySQLite(t, "the replay's scratch file; on PostgreSQL the replay lives in a transaction that is rolled back")
	dir := filepath.Join(os.TempDir(), scratchPrefix+"killed-test")
	check(t, os.MkdirAll(dir, 0o700))
	check(t, os.WriteFile(filepath.Join(dir, "pid"), []byte("999999999"), 0o600))
	st, _ := newStore(t)
	must[Report](t)(st.Verify(context.Background(), nil))
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Fatalf("the stale scratch directory is still there: %v", err)
	}
}
