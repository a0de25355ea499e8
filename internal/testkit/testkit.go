// Package testkit holds what the tests of several packages share: the rule for a
// missing tool or data file (skip on a developer's machine, fail on CI), the location of
// the shared data beside the repository, and the directory test artifacts go to.
package testkit

import (
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
