package main

import (
	"bufio"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"
)

// syntheticRollCalls writes a roll-call CSV of n roll calls of an assembly of states
// members, every one voting, and returns its path.
func syntheticRollCalls(t *testing.T, n, states int) string {
	t.Helper()
	var b strings.Builder
	b.WriteString(rollCallHeader)
	stances := []string{"yes", "no", "abstain"}
	for rc := 1; rc <= n; rc++ {
		date := fmt.Sprintf("2001-%02d-%02d", 1+rc/28%12, 1+rc%28)
		for s := range states {
			code := string(rune('A'+s/26)) + string(rune('A'+s%26))
			fmt.Fprintf(&b, "%d,%s,Assembly,Resolution %d,%s,State %s,%s\n", rc, date, rc, code, code, stances[(rc*7+s*3)%3])
		}
	}
	path := filepath.Join(t.TempDir(), "synthetic.csv")
	if err := os.WriteFile(path, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// baseRecord makes a record with a first import in it, so that "untouched" is a head
// that is not empty; it returns its path.
func baseRecord(t *testing.T) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "base.db")
	expect(t, run(t, nil, "init", "--db", db), 0)
	expect(t, run(t, nil, "import", "--format", "rollcall", "../../internal/exchange/testdata/rollcall-small.csv", "--db", db), 0)
	return db
}

// freshCopy copies a closed record byte for byte (its file, and its WAL if one is left)
// to a new path, and returns it. (copyRecord's VACUUM INTO would give a copy in rollback
// journal mode, which no record made by secretariat is in.)
func freshCopy(t *testing.T, from string) string {
	t.Helper()
	to := filepath.Join(t.TempDir(), "record.db")
	for _, suffix := range []string{"", "-wal"} {
		data, err := os.ReadFile(from + suffix)
		if os.IsNotExist(err) && suffix != "" {
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(to+suffix, data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return to
}

// journalEntry is what a journal entry says, apart from its time and hashes (which
// differ from run to run).
type journalEntry struct{ verb, entity, id, after string }

func entriesAfter(t *testing.T, path string, seq int64) []journalEntry {
	t.Helper()
	db := openReadOnly(t, path)
	rows, err := db.Query(`SELECT verb, entity, id, after FROM journal WHERE seq > ? ORDER BY seq`, seq)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []journalEntry
	for rows.Next() {
		var e journalEntry
		if err := rows.Scan(&e.verb, &e.entity, &e.id, &e.after); err != nil {
			t.Fatal(err)
		}
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// The crash probe of issue 13, kept: `import` killed with SIGKILL at random moments, from
// before it opens the record to after it has finished. After each kill, `verify` passes,
// and the record is either untouched (the head it had) or whole (every entry a complete
// import writes, and no other).
func TestImportKilledAtRandomMomentsLeavesTheRecordUntouchedOrWhole(t *testing.T) {
	base := baseRecord(t)
	n0, h0 := headOf(t, base)
	file := syntheticRollCalls(t, 60, 20)

	// The whole import, for what "whole" means and how long it takes (the quicker of two
	// runs: the first pays for a cold start).
	var want []journalEntry
	full := time.Hour
	for range 2 {
		ref := freshCopy(t, base)
		t0 := time.Now()
		expect(t, run(t, nil, "import", "--format", "rollcall", file, "--db", ref), 0, "loaded 60 roll calls")
		full = min(full, time.Since(t0))
		want = entriesAfter(t, ref, n0)
	}
	window := full * 11 / 10 // a few kills land after the end

	const rounds = 20
	var untouched, whole, killed int
	for round := range rounds {
		db := freshCopy(t, base)
		cmd := exec.Command(binary, "import", "--format", "rollcall", file, "--db", db)
		cmd.Env = append(os.Environ(), "SECRETARIAT_DB=")
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		at := time.Duration(rand.Int64N(int64(window)))
		time.Sleep(at)
		cmd.Process.Kill()
		err := cmd.Wait()
		if ee, ok := err.(*exec.ExitError); ok && ee.Sys().(syscall.WaitStatus).Signaled() {
			killed++
		}
		if r := run(t, nil, "verify", "--db", db); r.code != 0 {
			t.Fatalf("round %d, killed after %s: verify fails:\n%s%s", round, at, r.stdout, r.stderr)
		}
		n, h := headOf(t, db)
		switch got := entriesAfter(t, db, n0); {
		case n == n0 && h == h0:
			untouched++
		case slices.Equal(got, want):
			whole++
		default:
			t.Fatalf("round %d, killed after %s: the record is neither untouched nor whole: %d entries after the first import, want 0 or %d", round, at, len(got), len(want))
		}
	}
	t.Logf("%d kills within %s (a whole import takes %s): %d killed while running; %d left the record untouched, %d whole",
		rounds, window.Round(time.Millisecond), full.Round(time.Millisecond), killed, untouched, whole)
	if killed < rounds/3 || untouched == 0 {
		t.Fatalf("only %d of %d rounds killed a running import (%d untouched): the kills came too late to test anything", killed, rounds, untouched)
	}
}

// stopWith starts the command, waits for a line of its standard error that begins with
// ready, sends sig, and returns the exit code and all of standard error.
func stopWith(t *testing.T, sig syscall.Signal, ready string, stdin io.Reader, args ...string) (int, string) {
	t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Env = append(os.Environ(), "SECRETARIAT_DB=")
	cmd.Stdin = stdin
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var all strings.Builder
	sc := bufio.NewScanner(stderr)
	signalled := false
	for sc.Scan() {
		all.WriteString(sc.Text() + "\n")
		if !signalled && strings.HasPrefix(sc.Text(), ready) {
			cmd.Process.Signal(sig)
			signalled = true
		}
	}
	cmd.Wait()
	if !signalled {
		t.Fatalf("%v never printed %q:\n%s", args, ready, all.String())
	}
	return cmd.ProcessState.ExitCode(), all.String()
}

// SIGTERM or Ctrl-C during an import stops it, says what was stopped and that nothing
// was written, and leaves the record as it was: while it writes (in its transaction),
// and while it reads a pipe that gives nothing more.
func TestASignalStopsAnImportAndSaysNothingWasWritten(t *testing.T) {
	db := baseRecord(t)
	n0, h0 := headOf(t, db)
	file := syntheticRollCalls(t, 600, 30)
	// A pipe that sends a header and a line, and then nothing, its writer kept open.
	pr, pw, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer pw.Close()
	pw.WriteString(rollCall())
	for _, c := range []struct {
		sig   syscall.Signal
		name  string
		ready string
		stdin io.Reader
		path  string
	}{
		{syscall.SIGTERM, "SIGTERM", "import: 1 of 600 roll calls", nil, file},
		{syscall.SIGINT, "Ctrl-C (SIGINT)", "import: 1 of 600 roll calls", nil, file},
		{syscall.SIGINT, "Ctrl-C (SIGINT)", "import: reading", pr, "/dev/stdin"},
	} {
		code, stderr := stopWith(t, c.sig, c.ready, c.stdin, "import", "--format", "rollcall", c.path, "--db", db)
		want := "secretariat import: stopped by " + c.name + " before it finished; nothing was written: the import is one transaction, and it was rolled back; the record is as it was"
		if code != 1 || !strings.Contains(stderr, want) || strings.Contains(stderr, "context canceled") {
			t.Errorf("%s after %q: exit %d, stderr:\n%s\nwant exit 1 and %q", c.name, c.ready, code, stderr, want)
		}
		if n, h := headOf(t, db); n != n0 || h != h0 {
			t.Fatalf("%s: the stopped import wrote: journal %d %s, was %d %s", c.name, n, h, n0, h0)
		}
	}
	expect(t, run(t, nil, "verify", "--db", db), 0, "ok:")
}

// A 300 MB CSV that is one line is refused after its first 64 KiB: the program's memory
// does not grow with the line.
func TestAHugeLineKeepsMemoryFlat(t *testing.T) {
	db := filepath.Join(t.TempDir(), "mem.db")
	expect(t, run(t, nil, "init", "--db", db), 0)
	cmd := exec.Command(binary, "import", "--format", "rollcall", "/dev/stdin", "--db", db)
	cmd.Env = append(os.Environ(), "SECRETARIAT_DB=")
	cmd.Stdin = repeated(rollCallHeader+"1,1990-05-01,UNGA,", "x", 300_000_000, ",US,United States,yes\n")
	var errb strings.Builder
	cmd.Stderr = &errb
	err := cmd.Run()
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 1 || !strings.Contains(errb.String(), "line 2: a record longer than 64 KiB") {
		t.Fatalf("%v: %s", err, errb.String())
	}
	maxRSS := cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss // KiB on Linux
	t.Logf("a 300 MB line refused with a peak of %d MiB of memory", maxRSS>>10)
	if maxRSS > 100<<10 {
		t.Fatalf("the process grew to %d MiB reading a 300 MB line: the line is buffered before it is refused", maxRSS>>10)
	}
}
