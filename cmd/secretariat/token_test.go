package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The token command makes a token that only its hash stands for, lists it, and revokes
// it; the account audit log says so.
func TestTokenCreateListRevoke(t *testing.T) {
	db := filepath.Join(t.TempDir(), "t.db")
	run := func(args ...string) (int, string, string) {
		var out, errb bytes.Buffer
		getenv := func(k string) string {
			if k == "SECRETARIAT_DB" {
				return db
			}
			return ""
		}
		code := Main(context.Background(), args, &out, &errb, getenv)
		return code, out.String(), errb.String()
	}
	if code, _, stderr := run("demo"); code != 0 {
		t.Fatalf("demo: %s", stderr)
	}
	pw := filepath.Join(t.TempDir(), "pw")
	if err := os.WriteFile(pw, []byte("a long test password\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := run("user", "add", "olga", "--role", "officer", "--password-file", pw); code != 0 {
		t.Fatalf("user add: %s", stderr)
	}
	if code, _, stderr := run("user", "add", "aibek", "--role", "delegate", "--state", "KG", "--password-file", pw); code != 0 {
		t.Fatalf("user add: %s", stderr)
	}
	code, token, stderr := run("token", "create", "--user", "olga", "--scope", "write", "--expires", "30d")
	if code != 0 || !strings.HasPrefix(token, "sct_") {
		t.Fatalf("token create: %d %q %s", code, token, stderr)
	}
	id := strings.Split(strings.TrimPrefix(strings.TrimSpace(token), "sct_"), "_")[0]
	for _, bad := range [][]string{
		{"token", "create", "--user", "aibek", "--scope", "write", "--expires", "30d"},
		{"token", "create", "--user", "olga", "--scope", "admin", "--expires", "30d"},
		{"token", "create", "--user", "olga", "--scope", "read", "--expires", "soon"},
		{"token", "create", "--user", "olga", "--scope", "read"},
	} {
		if code, _, _ := run(bad...); code != 2 {
			t.Errorf("%v exits %d, not 2", bad, code)
		}
	}
	if code, _, _ := run("token", "create", "--user", "nobody", "--scope", "read", "--expires", "1h"); code != 1 {
		t.Errorf("a token for an unknown account exits %d, not 1", code)
	}
	_, list, _ := run("token", "list")
	if !strings.Contains(list, id) || !strings.Contains(list, "active") || strings.Contains(list, strings.TrimSpace(token)) {
		t.Fatalf("token list:\n%s", list)
	}
	if code, _, stderr := run("token", "revoke", id); code != 0 {
		t.Fatalf("revoke: %s", stderr)
	}
	if code, _, _ := run("token", "revoke", id); code != 1 {
		t.Errorf("revoking twice exits %d, not 1", code)
	}
	_, list, _ = run("token", "list", "--user", "olga")
	if !strings.Contains(list, "revoked") {
		t.Fatalf("token list after revoking:\n%s", list)
	}
	_, audit, _ := run("user", "audit", "olga")
	if !strings.Contains(audit, "token_created") || !strings.Contains(audit, "token_revoked") {
		t.Fatalf("the audit log does not tell of the token:\n%s", audit)
	}
}
