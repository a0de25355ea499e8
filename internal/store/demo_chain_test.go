package store_test

import (
	"bytes"
	"context"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gowebpki/jcs"

	"secretariat/internal/store"
	"secretariat/internal/testkit"
	"secretariat/internal/testkit/testrecord"
)

// The demo record, every one of its 627 entries, recomputes without secretariat: each
// after-image (and so each document the record stores) is RFC 8785 as an independent
// implementation writes it, and examples/verify-chain.py, which uses nothing but
// Python's standard library, arrives at the head verify arrives at.
func TestTheDemoRecomputesWithoutSecretariat(t *testing.T) {
	st := testrecord.Demo(t)
	ctx := context.Background()
	entries := 0
	err := st.Entries(ctx, 1, func(e store.Entry) error {
		entries++
		want, err := jcs.Transform(e.After)
		if err != nil || !bytes.Equal(want, e.After) {
			return fmt.Errorf("entry %d is not what gowebpki/jcs makes of it (%v)", e.Seq, err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	r, err := st.Verify(ctx, nil)
	if err != nil || !r.OK || r.Entries != int64(entries) || entries < 600 {
		t.Fatalf("verify: %+v %v (%d entries read)", r, err, entries)
	}
	if testkit.OnPostgres() {
		return // the script reads a SQLite file; the entries above were held to JCS all the same
	}
	py := testkit.NeedTool(t, "python3", "python3")
	out, err := exec.Command(py, filepath.Join("..", "..", "examples", "verify-chain.py"), st.Path()).CombinedOutput()
	if got := strings.TrimSpace(string(out)); err != nil || got != fmt.Sprintf("%d journal entries; head %s", r.Entries, r.Head) {
		t.Fatalf("verify-chain.py: %v: %s; verify says %d entries, head %s", err, out, r.Entries, r.Head)
	}
}
