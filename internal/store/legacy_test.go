package store

import (
	"compress/gzip"
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"secretariat"
	"secretariat/internal/testkit"
)

// legacyRecord unpacks the record made before RFC 8785 (testdata/README.md).
func legacyRecord(t *testing.T) string {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "legacy-v1.db.gz"))
	check(t, err)
	defer f.Close()
	z, err := gzip.NewReader(f)
	check(t, err)
	path := filepath.Join(t.TempDir(), "legacy.db")
	out, err := os.Create(path)
	check(t, err)
	_, err = io.Copy(out, z)
	check(t, err)
	check(t, out.Close())
	return path
}

// verifyChainPy runs examples/verify-chain.py, which recomputes the chain with Python's
// standard library alone, and returns what it prints.
func verifyChainPy(t *testing.T, path string) string {
	t.Helper()
	py := testkit.NeedTool(t, "python3", "python3")
	out, err := exec.Command(py, filepath.Join("..", "..", "examples", "verify-chain.py"), path).CombinedOutput()
	if err != nil {
		t.Fatalf("verify-chain.py %s: %v\n%s", path, err, out)
	}
	return strings.TrimSpace(string(out))
}

func TestARecordMadeBeforeRFC8785StillVerifies(t *testing.T) {
	onlySQLite(t, "the record made before RFC 8785 is a SQLite file; PostgreSQL records are made with it")
	ctx := context.Background()
	path := legacyRecord(t)
	st, err := Open(ctx, path, Options{Create: true, Actor: "test"})
	check(t, err)
	defer st.Close()
	r := must[Report](t)(st.Verify(ctx, nil))
	if !r.OK || r.Entries != 9 {
		t.Fatalf("verify of the migrated record: %+v", r)
	}
	jcs, err := jcsFrom(ctx, st.readers)
	check(t, err)
	if jcs != 10 {
		t.Fatalf("the record says its entries are canonical from %d, want 10", jcs)
	}
	// Its versions were filled from the journal: as of entry 8 the foreword is not there.
	if _, err := st.AsOfEntry(8).Get(ctx, secretariat.Secretariat, "publication", "foreword-2019-en"); secretariat.ErrorCode(err) != secretariat.ENOTFOUND {
		t.Fatalf("as of entry 8 the foreword exists: %v", err)
	}
	if _, err := st.AsOfEntry(9).Get(ctx, secretariat.Secretariat, "publication", "foreword-2019-en"); err != nil {
		t.Fatalf("as of entry 9: %v", err)
	}
	// A new entry is in RFC 8785; the chain goes on across the change of form.
	_, err = st.RegisterSource(ctx, secretariat.Source{ID: "after", Title: secretariat.T("После\u2028перехода", "After"), URL: "https://example.org", Class: secretariat.Media})
	check(t, err)
	r = must[Report](t)(st.Verify(ctx, nil))
	if !r.OK || r.Entries != 10 {
		t.Fatalf("verify after a new entry: %+v", r)
	}
	if got := verifyChainPy(t, path); got != "10 journal entries; head "+r.Head {
		t.Fatalf("verify-chain.py says %q; verify says head %s", got, r.Head)
	}
}

func TestPythonRecomputesTheChain(t *testing.T) {
	onlySQLite(t, "examples/verify-chain.py reads a SQLite file with Python's standard library")
	st, _ := recordWithFile(t)
	r := must[Report](t)(st.Verify(context.Background(), nil))
	if got := verifyChainPy(t, st.Path()); got != "13 journal entries; head "+r.Head || r.Entries != 13 {
		t.Fatalf("verify-chain.py says %q; verify says %d entries, head %s", got, r.Entries, r.Head)
	}
	// A forged entry is caught by the script too, and named.
	path := copyDB(t, st)
	tamper(t, path, `UPDATE journal SET actor = 'mallory' WHERE seq = 5`)
	py := testkit.NeedTool(t, "python3", "python3")
	out, err := exec.Command(py, filepath.Join("..", "..", "examples", "verify-chain.py"), path).CombinedOutput()
	if err == nil || !strings.Contains(string(out), "FAILED at journal entry 5") {
		t.Fatalf("the script did not catch the forged entry: %v\n%s", err, out)
	}
}
