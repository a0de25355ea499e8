package main

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"secretariat"
	"secretariat/internal/store"
)

// hostile is text that would rewrite the user's terminal if printed raw: erase the line,
// go to its start, print a forgery, ring, go back to the line's start, reverse what
// follows.
const hostile = "\x1b[2K\x1b[1GFORGED: verify ok\a\r\u202eenilno\x00 end"

// A record may hold control characters that came in some other way than the importers
// (which refuse them); whatever the command, the user's terminal receives them escaped.
func TestTerminalOutputEscapesControlCharacters(t *testing.T) {
	db := filepath.Join(t.TempDir(), "hostile.db")
	expect(t, run(t, nil, "init", "--db", db), 0)
	st, err := store.Open(context.Background(), db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	_, err = st.RegisterSource(context.Background(), secretariat.Source{ID: "hostile", Class: secretariat.NewsAgency,
		Title: secretariat.Text{EN: "Title " + hostile, Authentic: secretariat.EN}, Ref: "ref " + hostile,
		Note: secretariat.Text{EN: "Note " + hostile, Authentic: secretariat.EN}})
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	// A carriage return may only end a line (CRLF); any other is raw.
	raw := func(s string) bool {
		return strings.ContainsAny(strings.ReplaceAll(s, "\r\n", "\n"), "\x00\x07\x1b\r\u202e")
	}
	for _, args := range [][]string{
		{"list", "source"},
		{"get", "source", "hostile"},
		{"history", "source", "hostile"},
		{"get", "source", "hostile\x1b[2K"}, // an error that repeats the argument
		{"list", "source", "--json"},
		{"get", "source", "hostile", "--json"},
		{"history", "source", "hostile", "--json"},
	} {
		r := run(t, nil, append(args, "--db", db)...)
		if raw(r.stdout) || raw(r.stderr) {
			t.Errorf("%q prints control characters raw:\nstdout %q\nstderr %q", args, r.stdout, r.stderr)
		}
		if args[len(args)-1] == "--json" {
			// JSON stays JSON, with the same strings: the escapes are JSON's own.
			var v any
			if err := json.Unmarshal([]byte(r.stdout), &v); err != nil {
				t.Errorf("%q: the escaped JSON does not decode: %v", args, err)
			}
			if !strings.Contains(r.stdout, `\u001b[2K\u001b[1GFORGED: verify ok\u0007\r\u202eenilno\u0000 end`) {
				t.Errorf("%q: the title is not kept, escaped, in the JSON:\n%s", args, r.stdout)
			}
			continue
		}
		// (Tables and histories show a value on one line: the carriage return is a space.)
		if r.code == 0 && !(strings.Contains(r.stdout, `\x1b[2K\x1b[1GFORGED: verify ok\x07`) && strings.Contains(r.stdout, `\u202eenilno\x00 end`)) {
			t.Errorf("%q does not show the title escaped:\n%s", args, r.stdout)
		}
	}
}
