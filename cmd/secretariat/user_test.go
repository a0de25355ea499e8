package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestUserCommands(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "u.db")
	expect(t, run(t, nil, "demo", "--db", db, "--quiet"), 0)
	pw := filepath.Join(dir, "pw")
	if err := os.WriteFile(pw, []byte("a long enough password\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	short := filepath.Join(dir, "short")
	os.WriteFile(short, []byte("short\n"), 0o600)
	env := []string{"SECRETARIAT_DB=" + db, "SECRETARIAT_ACTOR=cli:tester"}

	expect(t, run(t, env, "user", "list"), 0, "no accounts yet")
	expect(t, run(t, env, "user", "add", "root", "--role", "admin", "--password-file", pw), 0, "added root (admin)")
	expect(t, run(t, env, "user", "add", "aibek", "--role", "delegate", "--state", "KG", "--password-file", pw), 0, "delegate of KG")
	// Refusals: usage errors exit 2, refused work exits 1, and nothing is added.
	expect(t, run(t, env, "user", "add", "x", "--role", "delegate", "--state", "XX", "--password-file", pw), 1, `no member state "XX"`)
	expect(t, run(t, env, "user", "add", "x", "--role", "delegate", "--password-file", pw), 2, "--state")
	expect(t, run(t, env, "user", "add", "x", "--role", "king", "--password-file", pw), 2, "--role must be")
	expect(t, run(t, env, "user", "add", "x", "--role", "officer", "--password-file", short), 1, "at least 10 characters")
	expect(t, run(t, env, "user", "add", "root", "--role", "officer", "--password-file", pw), 1, `already an account "root"`)
	expect(t, run(t, env, "user", "add", "x", "--role", "officer"), 2, "--password-file")
	expect(t, run(t, env, "user", "frobnicate"), 2, "unknown subcommand")
	expect(t, run(t, env, "user", "passwd", "nobody", "--password-file", pw), 1, `no account "nobody"`)
	expect(t, run(t, env, "user", "passwd", "aibek", "--password-file", pw), 0, "changed the password of aibek")
	expect(t, run(t, env, "user", "disable", "aibek"), 0, "disabled aibek")
	r := run(t, env, "user", "list")
	expect(t, r, 0, "root", "admin", "aibek", "delegate", "KG")
	if lines := strings.Split(strings.TrimSpace(r.stdout), "\n"); len(lines) != 3 || !strings.Contains(lines[1], "aibek") || len(strings.Fields(lines[1])) < 8 {
		t.Fatalf("user list:\n%s", r.stdout)
	}
	expect(t, run(t, env, "user", "enable", "aibek"), 0, "enabled aibek")
	r = run(t, env, "user", "audit", "aibek")
	expect(t, r, 0, "cli:tester", "created", "password_changed", "disabled", "enabled", "4 entries")
	// Accounts are not part of the record: verify still passes.
	expect(t, run(t, env, "verify"), 0, "journal entries")
}

func TestViewerMustNameAState(t *testing.T) {
	db := demoDB(t)
	expect(t, run(t, nil, "list", "item", "--db", db, "--viewer", "delegate:KG"), 0, "csc-2019-11-28-1")
	r := run(t, nil, "list", "item", "--db", db, "--viewer", "delegate:XX")
	expect(t, r, 2, `no member state "XX"`)
	if strings.Contains(r.stdout, "cmd-2019-04-30-1") {
		t.Fatal("a delegate of an unknown state was shown restricted items")
	}
}
