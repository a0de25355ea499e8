package store

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"secretariat/internal/testkit"
	"strings"
	"testing"
	"time"

	"secretariat"
)

func TestMigrationsFromEmpty(t *testing.T) {
	st, _ := newStore(t)
	v, err := schemaVersion(context.Background(), st.readers)
	check(t, err)
	if v != SchemaVersion() || v < 1 {
		t.Fatalf("schema version %d, want %d", v, SchemaVersion())
	}
	for _, k := range secretariat.Kinds() {
		if len(st.tableColumns[k.Name]) == 0 {
			t.Errorf("no table for kind %s", k.Name)
		}
	}
	if !testkit.OnPostgres() {
		var appID int
		check(t, st.readers.QueryRow(`PRAGMA application_id`).Scan(&appID))
		if appID != applicationID {
			t.Fatalf("application_id %#x", appID)
		}
	}
	// Opening again migrates nothing and keeps the data.
	path := st.Path()
	seedMembers(t, st, "AA")
	st.Close()
	again, err := Open(context.Background(), path, Options{Create: true})
	check(t, err)
	defer again.Close()
	if _, err := again.Get(context.Background(), secretariat.Secretariat, "state", "AA"); err != nil {
		t.Fatal(err)
	}
}

func TestOpenRefusesANewerSchema(t *testing.T) {
	st, _ := newStore(t)
	_, err := st.writer.Exec(`INSERT INTO schema_migrations(version, migration) VALUES (?, 'from_the_future')`, SchemaVersion()+1)
	check(t, err)
	path := st.Path()
	st.Close()
	before, _ := os.ReadFile(path) // nothing on PostgreSQL, whose record is no file
	for _, opts := range []Options{{}, {Create: true}, {ReadOnly: true}} {
		_, err := Open(context.Background(), path, opts)
		if err == nil || !strings.Contains(err.Error(), "newer than this program knows") {
			t.Fatalf("%+v: err = %v", opts, err)
		}
	}
	after, _ := os.ReadFile(path)
	if string(before) != string(after) {
		t.Fatal("refusing the file changed it")
	}
}

func TestOpenRefusesWhatIsNotARecord(t *testing.T) {
	onlySQLite(t, "files that are not SQLite records")
	dir := t.TempDir()
	ctx := context.Background()
	text := filepath.Join(dir, "notes.txt")
	check(t, os.WriteFile(text, []byte("these are not the minutes you are looking for"), 0o600))
	foreign := filepath.Join(dir, "other.db")
	db, err := sql.Open("sqlite", "file:"+foreign)
	check(t, err)
	_, err = db.Exec(`CREATE TABLE accounts(id INTEGER PRIMARY KEY, owner TEXT)`)
	check(t, err)
	db.Close()
	corrupt := filepath.Join(dir, "corrupt.db")
	{
		st, err := Open(ctx, corrupt, Options{Create: true})
		check(t, err)
		seedMembers(t, st, "AA", "BB")
		st.Close()
		data, err := os.ReadFile(corrupt)
		check(t, err)
		for i := 100; i < 4096 && i < len(data); i++ { // the schema page
			data[i] ^= 0x5a
		}
		check(t, os.WriteFile(corrupt, data, 0o600))
	}
	cases := []struct {
		name, path string
		opts       Options
		want       string
	}{
		{"missing", filepath.Join(dir, "missing.db"), Options{}, "there is no database"},
		{"text file", text, Options{Create: true}, "not a SQLite file"},
		{"other application", foreign, Options{Create: true}, "another application"},
		{"corrupt", corrupt, Options{}, "corrupt"},
		{"directory", dir, Options{Create: true}, "is a directory"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			before, _ := os.ReadFile(c.path)
			_, err := Open(ctx, c.path, c.opts)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("err = %v, want %q", err, c.want)
			}
			after, _ := os.ReadFile(c.path)
			if string(before) != string(after) {
				t.Fatal("the refused file was changed")
			}
		})
	}
	if _, err := os.Stat(filepath.Join(dir, "missing.db")); !os.IsNotExist(err) {
		t.Fatal("opening a missing file without Create created it")
	}
}

func TestWriteWaitsThenReportsALockedDatabase(t *testing.T) {
	onlySQLite(t, "SQLite's file lock; PostgreSQL's writers queue on an advisory lock (TestConcurrentCreatorsBothSucceed, the store's concurrency tests)")
	st, _ := newStore(t)
	seedMembers(t, st, "AA")
	other, err := sql.Open("sqlite", "file:"+st.Path()+"?_pragma=busy_timeout(0)")
	check(t, err)
	defer other.Close()
	other.SetMaxOpenConns(1)
	tx, err := other.Begin()
	check(t, err)
	defer tx.Rollback()
	_, err = tx.Exec(`INSERT INTO source(id, doc, seq) VALUES ('lock', '{}', 0)`) // takes the write lock
	check(t, err)
	again, err := Open(context.Background(), st.Path(), Options{BusyTimeout: 100 * time.Millisecond})
	check(t, err)
	defer again.Close()
	_, err = again.RegisterSource(context.Background(), secretariat.Source{ID: "s", Title: secretariat.T("И", "S"), URL: "https://example.org", Class: secretariat.Media})
	if err == nil || !strings.Contains(err.Error(), "locked by another process") {
		t.Fatalf("err = %v", err)
	}
}

// The driver DESIGN.md names must have FTS5 compiled in: full-text search depends on it.
func TestFTS5IsCompiledIn(t *testing.T) {
	onlySQLite(t, "SQLite's FTS5 module")
	st, _ := newStore(t)
	_, err := st.writer.Exec(`CREATE VIRTUAL TABLE temp.probe USING fts5(body)`)
	check(t, err)
	_, err = st.writer.Exec(`INSERT INTO temp.probe(body) VALUES ('решен плана коллективн'), ('бюджет')`)
	check(t, err)
	var hit string
	check(t, st.writer.QueryRow(`SELECT highlight(probe, 0, '[', ']') FROM temp.probe WHERE probe MATCH 'план*'`).Scan(&hit))
	if hit != "решен [плана] коллективн" {
		t.Fatalf("highlight = %q", hit)
	}
}

// Two processes creating the same database at once: the second waits for the first, then
// finds nothing left to do; both end with the same, whole schema.
func TestConcurrentCreatorsBothSucceed(t *testing.T) {
	// Twelve creators of one new file at once: each waits for the others (on SQLite, for the
	// file lock, which the switch to WAL does not wait for by itself: whileBusy), and all
	// succeed. On PostgreSQL, a database without the schema (prepare makes nothing).
	path := testkit.RecordPath(t, "new.db", nil)
	ctx := context.Background()
	errs := make(chan error, 12)
	for range 12 {
		go func() {
			st, err := Open(ctx, path, Options{Create: true})
			if err == nil {
				err = st.Close()
			}
			errs <- err
		}()
	}
	for range 12 {
		if err := <-errs; err != nil {
			t.Errorf("a concurrent creator failed: %v", err)
		}
	}
	st, err := Open(ctx, path, Options{ReadOnly: true})
	check(t, err)
	defer st.Close()
	v, err := schemaVersion(ctx, st.readers)
	check(t, err)
	if v != SchemaVersion() {
		t.Fatalf("schema version %d, want %d", v, SchemaVersion())
	}
}

// createHelperEnv names the database a child process of TestKilledCreationLeavesNoHalfMadeFile
// creates, over and over, until it is killed.
const createHelperEnv = "SECRETARIAT_TEST_CREATE"

func TestCreateHelperProcess(t *testing.T) {
	path := os.Getenv(createHelperEnv)
	if path == "" {
		return // not a child: nothing to do (the parent test does the work)
	}
	for i := 0; ; i++ {
		p := fmt.Sprintf("%s.%d", path, i)
		st, err := Open(context.Background(), p, Options{Create: true})
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(3)
		}
		st.Close()
	}
}

// A process killed while it creates a database leaves either no file or a file that the
// next init finishes: never one that every command refuses as another application's.
func TestKilledCreationLeavesNoHalfMadeFile(t *testing.T) {
	testkit.WithoutRace(t)
	onlySQLite(t, "a SQLite file left by a killed creator; PostgreSQL rolls back the killed creator's transaction")
	dir := t.TempDir()
	base := filepath.Join(dir, "kill.db")
	for round := range 20 {
		cmd := exec.Command(os.Args[0], "-test.run=^TestCreateHelperProcess$")
		cmd.Env = append(os.Environ(), createHelperEnv+"="+fmt.Sprintf("%s-%d", base, round))
		check(t, cmd.Start())
		// Kill it at a random moment after it has started its first database.
		first := fmt.Sprintf("%s-%d.0", base, round)
		for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(time.Millisecond) {
			if _, err := os.Stat(first); err == nil {
				break
			}
		}
		time.Sleep(time.Duration(rand.IntN(60)) * time.Millisecond)
		check(t, cmd.Process.Kill())
		cmd.Wait()
	}
	files, err := filepath.Glob(base + "-*")
	check(t, err)
	made := 0
	for _, f := range files {
		if strings.HasSuffix(f, "-wal") || strings.HasSuffix(f, "-shm") || strings.HasSuffix(f, "-journal") {
			continue
		}
		made++
		st, err := Open(context.Background(), f, Options{Create: true})
		if err != nil {
			t.Errorf("%s, left by a killed creator, is refused: %v", filepath.Base(f), err)
			continue
		}
		r := must[Report](t)(st.Verify(context.Background(), nil))
		if !r.OK {
			t.Errorf("%s: verify: %+v", filepath.Base(f), r)
		}
		st.Close()
	}
	if made < 20 {
		t.Fatalf("only %d databases were started in 20 rounds", made)
	}
}
