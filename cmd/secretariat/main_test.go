package main

import (
	"bytes"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	_ "modernc.org/sqlite"
)

// binary is the secretariat program built once for the end-to-end tests.
var binary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "secretariat-e2e-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	binary = filepath.Join(dir, "secretariat")
	build := exec.Command("go", "build", "-o", binary, ".")
	build.Stderr = os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "building the binary:", err)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

type result struct {
	code           int
	stdout, stderr string
}

func run(t *testing.T, env []string, args ...string) result {
	t.Helper()
	return runWith(t, nil, env, args...)
}

// runWith runs the program with stdin as its standard input (nil for none) and env
// added to the environment.
func runWith(t *testing.T, stdin io.Reader, env []string, args ...string) result {
	t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Env = append(append(os.Environ(), "SECRETARIAT_DB=", "SECRETARIAT_BUSY_TIMEOUT=200ms"), env...)
	cmd.Stdin = stdin
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return result{code, out.String(), errb.String()}
}

func expect(t *testing.T, r result, code int, stdoutHas ...string) {
	t.Helper()
	if r.code != code {
		t.Fatalf("exit %d, want %d\nstdout: %s\nstderr: %s", r.code, code, r.stdout, r.stderr)
	}
	for _, s := range stdoutHas {
		if !strings.Contains(r.stdout+r.stderr, s) {
			t.Fatalf("output lacks %q\nstdout: %s\nstderr: %s", s, r.stdout, r.stderr)
		}
	}
}

var headPattern = regexp.MustCompile(`(\d+) journal entries, (\d+) records, \d+ versions, \d+ links, \d+ files; head ([0-9a-f]{64})`)

func TestEndToEnd(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "record.db")

	help := run(t, nil)
	expect(t, help, 0, "Commands:")
	for _, c := range commands {
		if !strings.Contains(help.stdout, "  "+c.name+" ") {
			t.Errorf("help does not list %s", c.name)
		}
	}
	expect(t, run(t, nil, "-h"), 0, "Commands:")

	expect(t, run(t, nil, "init", "--db", db), 0, "schema version")
	expect(t, run(t, nil, "verify", "--db", db), 0, "ok: 0 journal entries")
	os.Remove(db)

	demo := run(t, nil, "demo", "--db", db)
	expect(t, demo, 0, "demo record loaded")
	verify := run(t, nil, "verify", "--db", db)
	expect(t, verify, 0, "ok:")
	m := headPattern.FindStringSubmatch(verify.stdout)
	if m == nil || !strings.Contains(demo.stdout, m[3]) {
		t.Fatalf("verify does not print the count and the head hash the demo ended with:\n%s\n%s", verify.stdout, demo.stdout)
	}
	expect(t, run(t, nil, "demo", "--db", db), 1, "already holds a record")

	hist := run(t, nil, "history", "task", "t2018-p2-crisis-center", "--db", db)
	expect(t, hist, 0, "SetTask", "ReportImplementation", "FulfilTask", "status: reported on → fulfilled")

	list := run(t, []string{"SECRETARIAT_DB=" + db}, "list", "item", "--where", "session=csc-2019-11-28", "--json")
	expect(t, list, 0)
	var items struct {
		Total int               `json:"total"`
		Items []json.RawMessage `json:"items"`
	}
	if err := json.Unmarshal([]byte(list.stdout), &items); err != nil || items.Total != 17 || len(items.Items) != 17 {
		t.Fatalf("list item --json: %v, total %d", err, items.Total)
	}
	expect(t, run(t, nil, "get", "decision", "csc-2019-8", "--db", db), 0, "Zas")
	expect(t, run(t, nil, "get", "decision", "csc-2019-3", "--db", db, "--viewer", "public"), 1, "there is no decision")

	// Bad arguments: exit 2 and one line.
	for _, args := range [][]string{
		{"frobnicate"},
		{"list"},
		{"list", "person"},
		{"list", "item", "--db", db, "--where", "colour=red"},
		{"get", "item"},
		{"get", "item", "a", "b", "--db", db},
		{"verify", "--nope"},
		{"list", "item", "--as-of", "yesterday"},
		{"get", "item", "x", "--viewer", "king"},
	} {
		r := run(t, nil, args...)
		if r.code != 2 || strings.Count(strings.TrimSpace(r.stderr), "\n") != 0 || r.stderr == "" {
			t.Errorf("%v: exit %d, stderr %q; want 2 and one line", args, r.code, r.stderr)
		}
	}

	// A missing, foreign or corrupt file: exit 1 and nothing written.
	missing := filepath.Join(dir, "nothing-here.db")
	expect(t, run(t, nil, "verify", "--db", missing), 1, "there is no database")
	if _, err := os.Stat(missing); !os.IsNotExist(err) {
		t.Fatal("verify created the missing file")
	}
	foreign := filepath.Join(dir, "foreign.db")
	os.WriteFile(foreign, []byte("PK\x03\x04 not a database"), 0o600)
	expect(t, run(t, nil, "demo", "--db", foreign), 1, "not a secretariat database")
	if b, _ := os.ReadFile(foreign); string(b) != "PK\x03\x04 not a database" {
		t.Fatal("the foreign file was changed")
	}

	// Corrupt one byte of one journal entry: verify exits 1 and names the entry.
	data, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	seq, at := journalEntryWith(t, db, "Генеральный секретарь заявил")
	i := bytes.LastIndex(data, []byte("Генеральный секретарь заявил"))
	if i < 0 || at == "" {
		t.Fatal("cannot find the entry's text in the file")
	}
	data[i] ^= 0x01
	bad := filepath.Join(dir, "bad.db")
	os.WriteFile(bad, data, 0o600)
	r := run(t, nil, "verify", "--db", bad)
	expect(t, r, 1, "FAILED at journal entry")
	named := regexp.MustCompile(`FAILED at journal entry (\d+)`).FindStringSubmatch(r.stdout)
	if named == nil {
		t.Fatalf("no entry named: %s", r.stdout)
	}
	t.Logf("corrupted a byte of entry %d (of the last StateOnPriority); verify named entry %s", seq, named[1])
	if named[1] != fmt.Sprint(seq) {
		t.Fatalf("verify named entry %s, the corrupted entry is %d", named[1], seq)
	}
}

// openReadOnly opens a record's file for reading, without the program; it is closed
// when the test ends.
func openReadOnly(t *testing.T, path string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// journalEntryWith finds the last journal entry whose after-image contains text.
func journalEntryWith(t *testing.T, path, text string) (int64, string) {
	t.Helper()
	db := openReadOnly(t, path)
	var seq int64
	var at string
	if err := db.QueryRow(`SELECT seq, at FROM journal WHERE instr(after, ?) > 0 ORDER BY seq DESC LIMIT 1`, text).Scan(&seq, &at); err != nil {
		t.Fatal(err)
	}
	return seq, at
}
