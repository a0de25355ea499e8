package main

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"secretariat"
	"secretariat/internal/api"
	"secretariat/internal/server"
	"secretariat/internal/store"
	"secretariat/internal/testkit/testrecord"
)

// The example runs against the whole server over the demo record, as the README shows
// it, and the record then holds what it wrote.
func TestTheExampleRuns(t *testing.T) {
	ctx := context.Background()
	st := testrecord.Demo(t)
	now := time.Date(2022, 2, 1, 9, 0, 0, 0, time.UTC)
	if err := st.CreateAccount(ctx, store.Account{Name: "olga", Role: secretariat.RoleOfficer, PasswordHash: "x"}, store.AuditEntry{At: now}); err != nil {
		t.Fatal(err)
	}
	token, _, err := api.CreateToken(ctx, st, "olga", store.ScopeWrite, time.Hour, time.Now(), store.AuditEntry{})
	if err != nil {
		t.Fatal(err)
	}
	srv, err := server.New(st, slog.New(slog.NewTextHandler(io.Discard, nil)), server.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	defer ts.Close()
	var out bytes.Buffer
	if err := run(&client{base: ts.URL, token: token, http: ts.Client()}, "csc-2022-03-01", &out); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	t.Logf("\n%s", out.String())
	for _, want := range []string{"scheduled session csc-2022-03-01", "added item csc-2022-03-01-2", "TJ objects",
		"csc-2022-03-01-1: adopted_limited, decision csc-2022-1, not binding BY", "csc-2022-03-01-2: adopted, decision csc-2022-2"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("the example does not say %q", want)
		}
	}
	n := 0
	st.Entries(ctx, 1, func(e store.Entry) error {
		if strings.HasPrefix(e.Actor, "user:olga token:") {
			n++
		}
		return nil
	})
	if n != 11 {
		t.Errorf("the example wrote %d entries as olga's token, want 11 (session, 2 items, 6 positions, 2 decisions)", n)
	}
}
