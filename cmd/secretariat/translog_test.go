package main

import (
	"context"
	"database/sql"
	"io"
	"log/slog"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"secretariat/internal/server"
	"secretariat/internal/store"
)

// serveRecord serves the record at db over HTTP, as `secretariat serve` does, until the
// test ends.
func serveRecord(t *testing.T, db string) string {
	t.Helper()
	st, err := store.Open(context.Background(), db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	h, err := server.New(st, slog.New(slog.NewTextHandler(io.Discard, nil)), server.Options{})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(func() { srv.Close(); st.Close() })
	return srv.URL
}

// copyRecord copies a record as it stands, even while it is open.
func copyRecord(t *testing.T, from, to string) {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+from)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`VACUUM INTO ?`, to); err != nil {
		t.Fatal(err)
	}
}

// keyPair makes a key with `secretariat keys generate` and returns its file and the
// verifier key it printed.
func keyPair(t *testing.T, dir, name string, witness bool) (string, string) {
	t.Helper()
	file := filepath.Join(dir, strings.NewReplacer("/", "_", ".", "_").Replace(name)+".key")
	args := []string{"keys", "generate", "--name", name, "--out", file}
	if witness {
		args = append(args, "--witness")
	}
	r := run(t, nil, args...)
	expect(t, r, 0)
	fi, err := os.Stat(file)
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("the key file %s: %v, mode %v; want 0600", file, err, fi.Mode().Perm())
	}
	return file, strings.TrimSpace(r.stdout)
}

// The walk-through of the README: a delegate's witness cosigns the served demo record;
// the proof of decision csc-2019-8 is checked with no database at all; a forged bundle
// fails and says what failed.
func TestTheDemoWalkThrough(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "demo.db")
	expect(t, run(t, nil, "demo", "--db", db), 0)
	logKey, logV := keyPair(t, dir, "csto.example/secretariat", false)
	kgKey, kgV := keyPair(t, dir, "kg.example/witness", true)
	expect(t, run(t, nil, "keys", "register", "KG", kgV, "--db", db), 0, "registered KG's witness key")
	expect(t, run(t, nil, "keys", "list", "--db", db), 0, "KG\t"+kgV)
	expect(t, run(t, nil, "checkpoint", "--key", logKey, "--db", db), 0, "csto.example/secretariat\n628\n", "— csto.example/secretariat ")

	expect(t, run(t, nil, "verify", "--db", db), 0, "ok: 1 signed checkpoint and 0 cosignatures of the transparency log; the latest signs 628 entries, root ")
	url := serveRecord(t, db)
	state := filepath.Join(dir, "kg-witness")
	expect(t, run(t, nil, "witness", "--url", url, "--key", kgKey, "--trust", logV, "--state-dir", state), 0,
		"first checkpoint seen: csto.example/secretariat at size 628", "cosigned by 1 of 6 member states")

	bundle := filepath.Join(dir, "csc-2019-8.json")
	expect(t, run(t, nil, "prove", "decision", "csc-2019-8", "--db", db, "--viewer", "public", "--out", bundle), 0)
	// No database from here on.
	for _, suffix := range []string{"", "-wal", "-shm"} {
		os.Rename(db+suffix, db+suffix+".away")
	}
	expect(t, run(t, nil, "check-proof", bundle, "--key", logV), 0,
		"Proven: decision csc-2019-8 was written by journal entries 459, 460, 461, … 465 (7 entries), last by SignDecision on 2019-11-28, and all of them are in the log csto.example/secretariat at size 628",
		"cosigned by 1 of 6 member states (KG) by the keys the log lists for them")
	expect(t, run(t, nil, "check-proof", bundle, "--key", logV, "--witness", kgV), 0, "cosigned by 1 of the 1 witnesses you trust (kg.example/witness).")
	if _, err := os.Stat(db); err == nil {
		t.Fatal("check-proof made a database")
	}

	data, _ := os.ReadFile(bundle)
	forged := filepath.Join(dir, "forged.json")
	os.WriteFile(forged, []byte(strings.Replace(string(data), "Appointment of the Secretary General", "Appointment of the Deputy", 1)), 0o600)
	expect(t, run(t, nil, "check-proof", forged, "--key", logV), 1, "NOT PROVEN: journal entry 459 is not in the log that the checkpoint signs")
	_, otherV := keyPair(t, dir, "csto.example/secretariat-2", false)
	expect(t, run(t, nil, "check-proof", bundle, "--key", otherV), 1, "NOT PROVEN: the checkpoint is not signed by the log's key csto.example/secretariat-2")
	expect(t, run(t, nil, "check-proof", bundle, "--key", kgV), 1)
	expect(t, run(t, nil, "check-proof", bundle), 2)

	// The signer keys never entered the database.
	rec, _ := os.ReadFile(db + ".away")
	for _, f := range []string{logKey, kgKey} {
		k, _ := os.ReadFile(f)
		// A signer key is PRIVATE+KEY+name+hash+key, and the key's base64 may hold a
		// '+' of its own: the key is what follows the fourth.
		parts := strings.SplitN(strings.TrimSpace(string(k)), "+", 5)
		if len(parts) != 5 || len(parts[4]) < 40 {
			t.Fatalf("%s is not a signer key: %d parts", f, len(parts))
		}
		if strings.Contains(string(rec), parts[4]) {
			t.Fatalf("the database holds the signer key of %s", f)
		}
	}
}

// A witness that saw a checkpoint refuses a smaller tree (a rollback), another tree of
// the same size (a fork) and a larger tree that rewrote what it saw, and says why; it
// cosigns a log that grew consistently.
func TestTheWitnessRefusesForksAndRollbacks(t *testing.T) {
	dir := t.TempDir()
	a := filepath.Join(dir, "a.db")
	expect(t, run(t, nil, "demo", "--db", a), 0)
	logKey, logV := keyPair(t, dir, "csto.example/secretariat", false)
	kgKey, kgV := keyPair(t, dir, "kg.example/witness", true)
	_, kzV := keyPair(t, dir, "kz.example/witness", true)
	_, byV := keyPair(t, dir, "by.example/witness", true)
	expect(t, run(t, nil, "keys", "register", "KG", kgV, "--db", a), 0)
	expect(t, run(t, nil, "checkpoint", "--key", logKey, "--db", a), 0)
	// b and c are the same record as a, at 628 entries.
	b, c := filepath.Join(dir, "b.db"), filepath.Join(dir, "c.db")
	copyRecord(t, a, b)
	copyRecord(t, a, c)
	state := filepath.Join(dir, "kg")
	witness := func(url string) result {
		return run(t, nil, "witness", "--url", url, "--key", kgKey, "--trust", logV, "--state-dir", state)
	}
	urlA := serveRecord(t, a)
	expect(t, witness(urlA), 0, "first checkpoint seen")

	// a grows by one entry.
	expect(t, run(t, nil, "keys", "register", "KZ", kzV, "--db", a), 0)
	expect(t, run(t, nil, "checkpoint", "--key", logKey, "--db", a), 0, "\n629\n")
	expect(t, witness(urlA), 0, "the log grew consistently from 628 to 629 entries", "cosigned")

	// b grows by another entry: a tree of 629 entries with another root.
	expect(t, run(t, nil, "keys", "register", "BY", byV, "--db", b), 0)
	expect(t, run(t, nil, "checkpoint", "--key", logKey, "--db", b), 0, "\n629\n")
	urlB := serveRecord(t, b)
	r := witness(urlB)
	expect(t, r, 1)
	if !strings.Contains(r.stderr, "refused: fork: the log shows a tree of 629 entries with root") || !strings.Contains(r.stderr, "kept as evidence") {
		t.Fatalf("a fork of the same size:\n%s", r.stderr)
	}
	// b grows again: 630 entries that do not extend what the witness saw.
	_, amV := keyPair(t, dir, "am.example/witness", true)
	expect(t, run(t, nil, "keys", "register", "AM", amV, "--db", b), 0)
	expect(t, run(t, nil, "checkpoint", "--key", logKey, "--db", b), 0, "\n630\n")
	r = witness(urlB)
	expect(t, r, 1)
	if !strings.Contains(r.stderr, "refused: fork: the tree of 630 entries") || !strings.Contains(r.stderr, "does not extend the tree of 629 entries") {
		t.Fatalf("a larger tree that rewrote the past:\n%s", r.stderr)
	}
	// c is the record as it was: 628 entries.
	r = witness(serveRecord(t, c))
	expect(t, r, 1)
	if !strings.Contains(r.stderr, "refused: rollback: the log now shows 628 entries, but this witness cosigned 629 entries before") {
		t.Fatalf("a rollback:\n%s", r.stderr)
	}
	// After all that, the witness still holds a's checkpoint and cosigns a again.
	expect(t, witness(urlA), 0, "the log has not grown since csto.example/secretariat at size 629")
	refused, _ := filepath.Glob(filepath.Join(state, "refused-*.checkpoint"))
	if len(refused) != 3 {
		t.Fatalf("evidence kept: %v", refused)
	}
}
