// Package testrecord gives tests a real record, on the test backend (SQLite, or
// PostgreSQL when SECRETARIAT_TEST_DB=postgres): an empty one, one loaded with the
// built-in demo scenario to write to, or a demo record shared by a package's tests that
// only read.
package testrecord

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"secretariat/internal/testkit"
	"sync"
	"testing"

	"secretariat/internal/demo"
	"secretariat/internal/store"
)

// Empty returns a new, empty record; it is closed when the test ends.
func Empty(t testing.TB) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), testkit.RecordPath(t, "record.db", prepare), store.Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// Demo returns a new record in the test's temporary directory with the demo loaded; it
// is closed when the test ends, and the test may write to it. The demo is loaded once per
// test binary, into a template, and each test gets a copy of it: a copy of the SQLite
// file, or a PostgreSQL database made from the template. Loading it through the verbs
// for every test cost seconds each under the race detector; the copy holds the same
// bytes, journal and all.
func Demo(t testing.TB) *store.Store {
	t.Helper()
	demoOnce.Do(func() { demoTemplate, demoErr = loadTemplate(t) })
	if demoErr != nil {
		t.Fatalf("loading the demo: %v", demoErr)
	}
	var path string
	if testkit.OnPostgres() {
		path = testkit.CopyPostgresDatabase(t, demoTemplate)
	} else {
		path = filepath.Join(t.TempDir(), "record.db")
		// The file and its WAL, byte for byte, as secretariat leaves them when it closes.
		for _, suffix := range []string{"", "-wal"} {
			b, err := os.ReadFile(demoTemplate + suffix)
			if os.IsNotExist(err) && suffix != "" {
				continue
			}
			if err == nil {
				err = os.WriteFile(path+suffix, b, 0o600)
			}
			if err != nil {
				t.Fatalf("copying the demo: %v", err)
			}
		}
	}
	st, err := store.Open(context.Background(), path, store.Options{})
	if err != nil {
		t.Fatalf("opening the copy of the demo: %v", err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

var (
	demoOnce     sync.Once
	demoTemplate string // a closed record with the demo loaded: a file, or a database URL
	demoErr      error
)

// loadTemplate loads the demo into a record that outlives the test that asked first, and
// closes it: nothing writes to a closed SQLite file and its WAL while they are copied,
// and a PostgreSQL database is copied only when nothing is connected to it.
func loadTemplate(t testing.TB) (string, error) {
	path := ""
	if testkit.OnPostgres() {
		// Left for the test command to drop with the run's databases, as SharedDemo's is.
		path = testkit.PostgresDatabase(&sharedT{TB: t}, prepare)
	} else {
		dir, err := os.MkdirTemp("", "secretariat-demo-template-")
		if err != nil {
			return "", err
		}
		path = filepath.Join(dir, "demo.db")
	}
	st, err := store.Open(context.Background(), path, store.Options{Create: true})
	if err != nil {
		return "", err
	}
	if err := demo.Load(context.Background(), st, nil); err != nil {
		st.Close()
		return "", err
	}
	if err := st.Close(); err != nil {
		return "", fmt.Errorf("closing the demo template: %w", err)
	}
	return path, nil
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
		path := ""
		if testkit.OnPostgres() {
			// A schema of its own, left for the test command to drop with the run's database.
			path = testkit.PostgresDatabase(&sharedT{TB: t}, prepare)
		} else {
			dir, err := os.MkdirTemp("", "secretariat-demo-")
			if err != nil {
				sharedErr = err
				return
			}
			path = filepath.Join(dir, "demo.db")
		}
		sharedStore, sharedErr = store.Open(context.Background(), path, store.Options{Create: true})
		if sharedErr == nil {
			sharedErr = demo.Load(context.Background(), sharedStore, nil)
		}
	})
	if sharedErr != nil {
		t.Fatalf("loading the demo: %v", sharedErr)
	}
	return sharedStore
}

// sharedT is the test that first asks for the shared demo, without its cleanups: the
// shared record outlives it.
type sharedT struct{ testing.TB }

func (sharedT) Cleanup(func()) {}

// prepare makes an empty record at path: the template the PostgreSQL tests copy.
func prepare(path string) error {
	st, err := store.Open(context.Background(), path, store.Options{Create: true})
	if err != nil {
		return err
	}
	return st.Close()
}
