// Package testkit holds what the tests of several packages share: the rule for a
// missing tool or data file (skip on a developer's machine, fail on CI), the location of
// the shared data beside the repository, the directory test artifacts go to, and golden
// files. (A record for tests is in the subpackage testrecord, so that this
// package imports nothing of the program and the store's own tests may use it.)
package testkit

import (
	"bytes"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"
)

// OnCI reports whether the tests run on CI (CI=true), where every tool and data file the
// tests need must be present.
func OnCI() bool { return os.Getenv("CI") == "true" }

// Missing ends a test whose tool or data is missing: it fails on CI, where the test
// command installs everything, and skips elsewhere. why says what is missing and how to
// install it.
func Missing(t testing.TB, why string) {
	t.Helper()
	if OnCI() {
		t.Fatalf("%s (CI=true: a missing component fails the test instead of skipping it)", why)
	}
	t.Skip(why)
}

// NeedTool returns the path of a program, or ends the test as Missing, naming the Debian
// package that provides it.
func NeedTool(t testing.TB, tool, debianPackage string) string {
	t.Helper()
	path, err := exec.LookPath(tool)
	if err != nil {
		Missing(t, tool+" is missing: install it with `apt-get install "+debianPackage+"`")
	}
	return path
}

// NeedFile ends the test as Missing when path does not exist; install says how to get it.
func NeedFile(t testing.TB, path, install string) {
	t.Helper()
	if _, err := os.Stat(path); err != nil {
		Missing(t, path+" is missing: "+install)
	}
}

// repoRoot is the repository's top directory, found from this file's place in it.
func repoRoot() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..")
}

// Shared returns the shared folder beside the repository: $SECRETARIAT_SHARED, or
// ../shared next to the repository's top directory.
func Shared() string {
	if root := os.Getenv("SECRETARIAT_SHARED"); root != "" {
		return root
	}
	return filepath.Join(repoRoot(), "..", "shared")
}

// SharedData returns the path of a folder or file under the shared data/ folder, or ends
// the test as Missing when it is not there.
func SharedData(t testing.TB, sub string) string {
	t.Helper()
	p := filepath.Join(Shared(), "data", sub)
	NeedFile(t, p, "set SECRETARIAT_SHARED to the folder that holds data/ (the project's ../shared)")
	return p
}

// Artifacts returns the directory where a test saves what people look at afterwards
// (screenshots, PDF pages): $SECRETARIAT_ARTIFACTS/<test name> when set, so that CI can
// keep them, and otherwise a temporary directory removed after the test. Tests never
// write into the source tree.
func Artifacts(t testing.TB) string {
	t.Helper()
	root := os.Getenv("SECRETARIAT_ARTIFACTS")
	if root == "" {
		return t.TempDir()
	}
	dir := filepath.Join(root, filepath.FromSlash(t.Name()))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatalf("making the artifacts directory: %v", err)
	}
	return dir
}

// update is the -update flag of every test binary that uses Golden: go test ./pkg -update
// rewrites the package's golden files. A package that uses testkit must not define its
// own -update.
var update = flag.Bool("update", false, "rewrite the golden files instead of comparing with them")

// Golden compares got with the golden file at path (relative to the package, usually
// under testdata/), or rewrites the file when the tests run with -update. A difference
// fails the test with the first line that differs.
func Golden(t testing.TB, path, got string) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run the test with -update to create it)", err)
	}
	if string(want) == got {
		return
	}
	line := 1 + bytes.Count(want[:commonPrefix(want, []byte(got))], []byte("\n"))
	t.Fatalf("the output differs from %s from line %d on; if the change is intended, run the test with -update and look at the result:\n--- got ---\n%s", path, line, got)
}

func commonPrefix(a, b []byte) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}

// WithoutRace marks a test that runs one goroutine's work through SQLite, whose Go code
// the race detector slows tenfold, so that it finds nothing there that a run without it
// would not: the tamper matrix, the killed creator. Under -race it is skipped; the test
// command (scripts/test) runs every test that calls WithoutRace again without -race,
// finding them by this call, so none goes untested.
func WithoutRace(t testing.TB) {
	t.Helper()
	if raceDetector {
		t.Skip("one goroutine's SQL: scripts/test runs it without -race, where it is ten times quicker")
	}
}
