// Package testrecord gives tests a real SQLite record: an empty one, one loaded with the
// built-in demo scenario to write to, or a demo record shared by a package's tests that
// only read.
package testrecord

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"secretariat/internal/demo"
	"secretariat/internal/store"
)

// Empty returns a new, empty SQLite record in the test's temporary directory; it is
// closed when the test ends.
func Empty(t testing.TB) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "record.db"), store.Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// Demo returns a new record in the test's temporary directory with the demo loaded; it
// is closed when the test ends, and the test may write to it.
func Demo(t testing.TB) *store.Store {
	t.Helper()
	st := Empty(t)
	if err := demo.Load(context.Background(), st, nil); err != nil {
		t.Fatalf("loading the demo: %v", err)
	}
	return st
}

var (
	sharedOnce  sync.Once
	sharedStore *store.Store
	sharedErr   error
)

// SharedDemo returns a record with the demo loaded once for the whole test binary, for tests
// that only read: loading the demo takes long enough to matter when every test repeats
// it. It lives in a temporary directory until the process ends.
func SharedDemo(t testing.TB) *store.Store {
	t.Helper()
	sharedOnce.Do(func() {
		dir, err := os.MkdirTemp("", "secretariat-demo-")
		if err != nil {
			sharedErr = err
			return
		}
		sharedStore, sharedErr = store.Open(context.Background(), filepath.Join(dir, "demo.db"), store.Options{Create: true})
		if sharedErr == nil {
			sharedErr = demo.Load(context.Background(), sharedStore, nil)
		}
	})
	if sharedErr != nil {
		t.Fatalf("loading the demo: %v", sharedErr)
	}
	return sharedStore
}
