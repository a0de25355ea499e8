package store

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"secretariat/internal/testkit"
	"strconv"
	"strings"
	"testing"
	"time"

	"secretariat"
)

// The chain is checked here from first principles, without the package's own hashing
// helpers: an auditor's recomputation from the rows alone.
func TestJournalChainIsSHA256OfPreviousHashAndCanonicalEntry(t *testing.T) {
	st, _ := newStore(t)
	seedMembers(t, st, "AA", "BB", "CC")
	session(t, st, "s1", "2019-05-01", 2)
	rows, err := st.readers.Query(`SELECT seq, at, actor, verb, entity, id, after, prev_hash, hash FROM journal ORDER BY seq`)
	check(t, err)
	defer rows.Close()
	prev := strings.Repeat("0", 64)
	n := 0
	for rows.Next() {
		var seq int64
		var at, actor, verb, entity, id, after, prevHash, hash string
		check(t, rows.Scan(&seq, &at, &actor, &verb, &entity, &id, &after, &prevHash, &hash))
		n++
		if seq != int64(n) {
			t.Fatalf("entry %d has seq %d", n, seq)
		}
		if prevHash != prev {
			t.Fatalf("entry %d: prev_hash %s, want %s", seq, prevHash, prev)
		}
		var afterValue any
		check(t, json.Unmarshal([]byte(after), &afterValue))
		entry := map[string]any{"seq": seq, "at": at, "actor": actor, "verb": verb, "entity": entity, "id": id, "after": afterValue}
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		check(t, enc.Encode(entry)) // encoding/json sorts map keys: canonical form
		sum := sha256.Sum256(append([]byte(prevHash), bytes.TrimSuffix(buf.Bytes(), []byte("\n"))...))
		if got := hex.EncodeToString(sum[:]); got != hash {
			t.Fatalf("entry %d: stored hash %s, recomputed %s", seq, hash, got)
		}
		prev = hash
	}
	if n != 3+1+1+2 {
		t.Fatalf("%d entries, want one per verb (7)", n)
	}
	count, head, err := st.Head(context.Background())
	check(t, err)
	if count != int64(n) || head != prev {
		t.Fatalf("Head = %d %s, want %d %s", count, head, n, prev)
	}
}

func TestJournalRefusesUpdateAndDelete(t *testing.T) {
	st, _ := newStore(t)
	seedMembers(t, st, "AA")
	for _, q := range []string{`UPDATE journal SET actor = 'mallory' WHERE seq = 1`, `DELETE FROM journal WHERE seq = 1`} {
		_, err := st.writer.Exec(q)
		if err == nil || !strings.Contains(err.Error(), "append-only") {
			t.Fatalf("%s: err = %v, want the append-only refusal", q, err)
		}
	}
}

func TestEachVerbWritesStateAndOneEntryOrNothing(t *testing.T) {
	st, _ := newStore(t)
	seedMembers(t, st, "AA", "BB")
	ctx := context.Background()
	before, _, _ := st.Head(ctx)
	// A verb that fails after its first write leaves neither the write nor an entry.
	_, err := st.run(ctx, "Broken", func(tx *Tx) error {
		if err := tx.Insert(&secretariat.Source{ID: "src1", Title: secretariat.T("Источник", "Source"), URL: "https://example.org", Class: secretariat.Media}); err != nil {
			return err
		}
		return errors.New("boom")
	})
	if err == nil {
		t.Fatal("the failing verb succeeded")
	}
	after, _, _ := st.Head(ctx)
	if after != before {
		t.Fatalf("journal went from %d to %d entries on a failed verb", before, after)
	}
	if _, err := st.Get(ctx, secretariat.Secretariat, "source", "src1"); secretariat.ErrorCode(err) != secretariat.ENOTFOUND {
		t.Fatalf("the failed verb's write is visible: %v", err)
	}
}

func TestVerifyPassesAndReplayEqualsLiveState(t *testing.T) {
	st, clock := newStore(t)
	seedMembers(t, st, "AA", "BB", "CC")
	session(t, st, "s1", "2019-05-01", 3)
	ctx := context.Background()
	clock.set("2019-05-01")
	for _, s := range []string{"AA", "BB", "CC"} {
		_, err := st.RecordPosition(ctx, PositionInput{Item: "s1-1", State: s, Stance: secretariat.Joins})
		check(t, err)
	}
	outcome(t)(st.DecideItem(ctx, "s1-1", DecisionInput{}))
	r := must[Report](t)(st.Verify(ctx, nil))
	if !r.OK {
		t.Fatalf("verify failed on an untouched record: %+v", r)
	}
	if r.Entries == 0 || r.Records == 0 || r.Head == "" {
		t.Fatalf("verify report is empty: %+v", r)
	}
}

// copyDB checkpoints the store and copies its file, so a test can damage the copy.
func copyDB(t *testing.T, st *Store) string {
	t.Helper()
	_, err := st.writer.Exec("PRAGMA wal_checkpoint(TRUNCATE)")
	check(t, err)
	data, err := os.ReadFile(st.Path())
	check(t, err)
	path := filepath.Join(t.TempDir(), "copy.db")
	check(t, os.WriteFile(path, data, 0o600))
	return path
}

// tamper runs SQL on a copy with every trigger out of the way (the journal's
// append-only ones, the records' no-delete ones and those that keep the versions), as an
// attacker with the file could, then puts the triggers back.
func tamper(t *testing.T, path string, stmts ...string) {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path)
	check(t, err)
	defer db.Close()
	db.SetMaxOpenConns(1)
	var names, trig []string
	rows, err := db.Query(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger'`)
	check(t, err)
	for rows.Next() {
		var n, s string
		check(t, rows.Scan(&n, &s))
		names = append(names, n)
		trig = append(trig, s)
	}
	rows.Close()
	var all []string
	for _, n := range names {
		all = append(all, "DROP TRIGGER "+n)
	}
	all = append(all, stmts...)
	all = append(all, trig...)
	for _, s := range all {
		if _, err := db.Exec(s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
}

// verifyTampered runs statements against a copy of a record, with every trigger out of
// the way as an attacker with the database could, and returns what verify says of the
// copy: on SQLite a copy of st's file, on PostgreSQL a copy of its database (st is
// closed for that: nothing may be connected to a database being copied), tampered with
// on a connection whose triggers are off (session_replication_role = replica).
func verifyTampered(t *testing.T, st *Store, stmts ...string) Report {
	t.Helper()
	if !testkit.OnPostgres() {
		path := copyDB(t, st)
		tamper(t, path, stmts...)
		return verifyCopy(t, path)
	}
	st.Close()
	ctx := context.Background()
	copy, err := Open(ctx, testkit.CopyPostgresDatabase(t, st.Path()), Options{})
	check(t, err)
	defer copy.Close()
	conn, err := copy.writer.pool.Conn(ctx)
	check(t, err)
	defer conn.Close()
	_, err = conn.ExecContext(ctx, `SET session_replication_role = replica`)
	check(t, err)
	for _, q := range stmts {
		if _, err := conn.ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	_, err = conn.ExecContext(ctx, `SET session_replication_role = DEFAULT`)
	check(t, err)
	return must[Report](t)(copy.Verify(ctx, nil))
}

// per picks the statement of the test's database, where the two differ.
func per(sqlite, postgres string) string {
	if testkit.OnPostgres() {
		return postgres
	}
	return sqlite
}

// onlySQLite ends a test that is about SQLite's file on the PostgreSQL run, saying why:
// it is not missing a component, it does not apply.
func onlySQLite(t *testing.T, why string) {
	t.Helper()
	if testkit.OnPostgres() {
		t.Skip("SQLite only: " + why)
	}
}

func verifyCopy(t *testing.T, path string) Report {
	t.Helper()
	st, err := Open(context.Background(), path, Options{ReadOnly: true})
	check(t, err)
	defer st.Close()
	return must[Report](t)(st.Verify(context.Background(), nil))
}

func TestVerifyNamesTheAlteredEntry(t *testing.T) {
	testkit.WithoutRace(t)
	st, _ := newStore(t)
	seedMembers(t, st, "AA", "BB", "CC")
	session(t, st, "s1", "2019-05-01", 2)
	cases := []struct {
		name string
		sql  string
		bad  int64
		why  string
	}{
		{"after-image edited", `UPDATE journal SET after = replace(after, 'State BB', 'State XX') WHERE seq = 2`, 2, "altered"},
		{"actor edited", `UPDATE journal SET actor = 'mallory' WHERE seq = 4`, 4, "altered"},
		{"entry deleted", `DELETE FROM journal WHERE seq = 3`, 4, "missing"},
		{"hash rewritten to match", rehashed(t, st, 3, "State CC", "State ZZ"), 4, "prev_hash does not match"},
		{"table row edited", `UPDATE state SET doc = replace(doc, 'State AA', 'State QQ') WHERE id = 'AA'`, 1, "table was altered"},
		{"row added without journal", `INSERT INTO source(id, doc, seq) VALUES ('ghost', '{"id":"ghost"}', 2)`, 2, "no journal entry wrote it"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := verifyTampered(t, st, c.sql)
			if r.OK || r.BadEntry != c.bad || !strings.Contains(r.Problem, c.why) {
				t.Fatalf("verify = %+v, want entry %d named with %q", r, c.bad, c.why)
			}
		})
	}
}

// rehashed returns SQL that alters entry seq's after-image and stores the hash the altered
// entry would have, as a forger who knows the scheme would: the chain breaks at the
// next entry.
func rehashed(t *testing.T, st *Store, seq int64, old, new string) string {
	t.Helper()
	e := must[Entry](t)(st.Entry(context.Background(), seq))
	e.After = []byte(strings.ReplaceAll(string(e.After), old, new))
	return "UPDATE journal SET after = replace(after, '" + old + "', '" + new + "'), hash = '" + e.expectedHash(0) + "' WHERE seq = " + strconv.FormatInt(seq, 10)
}

// Corrupting one byte of the file, inside a journal entry's text, must be caught and the
// entry named.
func TestVerifyCatchesOneCorruptByte(t *testing.T) {
	onlySQLite(t, "a byte of the database file")
	st, _ := newStore(t)
	seedMembers(t, st, "AA", "BB", "CC")
	path := copyDB(t, st)
	data, err := os.ReadFile(path)
	check(t, err)
	i := bytes.Index(data, []byte(`Государство BB`))
	// The state's name is stored twice: in the state table and in journal entry 2. Find
	// the occurrence inside the journal row (the one followed by the after-image's end).
	j := bytes.Index(data[i+1:], []byte(`Государство BB`))
	if i < 0 || j < 0 {
		t.Fatal("cannot find the name twice in the file")
	}
	for _, pos := range []int{i, i + 1 + j} {
		damaged := bytes.Clone(data)
		damaged[pos+len("Государство ")] = 'X' // 'B' → 'X'
		p := filepath.Join(t.TempDir(), "damaged.db")
		check(t, os.WriteFile(p, damaged, 0o600))
		r := verifyCopy(t, p)
		if r.OK || r.BadEntry != 2 {
			t.Fatalf("byte at %d: verify = %+v, want entry 2 named", pos, r)
		}
	}
}

func TestAsOfReadsTheEarlierState(t *testing.T) {
	st, clock := newStore(t)
	seedMembers(t, st, "AA", "BB")
	session(t, st, "s1", "2019-05-01", 1)
	ctx := context.Background()
	clock.set("2019-05-01")
	for _, s := range []string{"AA", "BB"} {
		_, err := st.RecordPosition(ctx, PositionInput{Item: "s1-1", State: s, Stance: secretariat.Joins})
		check(t, err)
	}
	clock.set("2019-05-02")
	outcome(t)(st.DecideItem(ctx, "s1-1", DecisionInput{}))

	past, err := st.AsOf(ctx, secretariat.MustDate("2019-05-01").EndTime(), nil)
	check(t, err)
	defer past.Close()
	it := must[*secretariat.AgendaItem](t)(FindByID[secretariat.AgendaItem](ctx, past, secretariat.Secretariat, "s1-1"))
	if it.Outcome != nil {
		t.Fatalf("as of 1 May the item is already decided: %+v", it.Outcome)
	}
	if _, err := FindByID[secretariat.Decision](ctx, past, secretariat.Secretariat, "council-2019-1"); secretariat.ErrorCode(err) != secretariat.ENOTFOUND {
		t.Fatalf("as of 1 May the decision exists: %v", err)
	}
	now := must[*secretariat.AgendaItem](t)(FindByID[secretariat.AgendaItem](ctx, st, secretariat.Secretariat, "s1-1"))
	if now.Outcome == nil || now.Outcome.Result != secretariat.Adopted {
		t.Fatalf("today the item is not adopted: %+v", now.Outcome)
	}
	if _, err := past.run(ctx, "X", func(*Tx) error { return nil }); secretariat.ErrorCode(err) != secretariat.EFORBIDDEN {
		t.Fatalf("a past record accepted a write: %v", err)
	}
}

func TestHistoryListsEveryEntryThatWroteTheRecord(t *testing.T) {
	st, clock := newStore(t)
	seedMembers(t, st, "AA")
	session(t, st, "s1", "2019-05-01", 1)
	ctx := context.Background()
	clock.set("2019-05-01")
	_, err := st.RecordPosition(ctx, PositionInput{Item: "s1-1", State: "AA", Stance: secretariat.Objects})
	check(t, err)
	_, err = st.RecordPosition(ctx, PositionInput{Item: "s1-1", State: "AA", Stance: secretariat.Joins})
	check(t, err)
	h := must[[]HistoryEntry](t)(st.History(ctx, secretariat.Secretariat, "position", "s1-1.AA"))
	if len(h) != 2 || h[0].Verb != "RecordPosition" || !bytes.Contains(h[0].Doc, []byte(`"objects"`)) || !bytes.Contains(h[1].Doc, []byte(`"joins"`)) {
		t.Fatalf("history = %+v", h)
	}
	if _, err := st.History(ctx, secretariat.Secretariat, "position", "nope"); secretariat.ErrorCode(err) != secretariat.ENOTFOUND {
		t.Fatalf("history of a missing record: %v", err)
	}
}

func TestJournalTimeNeverGoesBackwards(t *testing.T) {
	st, clock := newStore(t)
	seedMembers(t, st, "AA")
	clock.set("2018-01-01") // the clock goes back a year
	_, err := st.RegisterSource(context.Background(), secretariat.Source{ID: "s", Title: secretariat.T("И", "S"), URL: "https://example.org", Class: secretariat.Media})
	check(t, err)
	var prev time.Time
	check(t, st.Entries(context.Background(), 1, func(e Entry) error {
		if e.At.Before(prev) {
			t.Fatalf("entry %d at %s is before %s", e.Seq, e.At, prev)
		}
		prev = e.At
		return nil
	}))
}
