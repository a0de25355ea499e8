package main

import (
	"context"
	"io"
	"slices"
	"strings"
	"testing"
)

func testFlags() *flags {
	e := &env{ctx: context.Background(), stdout: io.Discard, stderr: io.Discard, getenv: func(string) string { return "" }}
	return newFlags(e, "get", "KIND ID").withJSON().withLang()
}

// Flags may stand before, between or after the positional arguments; after "--" nothing
// is a flag.
func TestFlagsAndTheTerminator(t *testing.T) {
	for _, c := range []struct {
		args []string
		pos  []string
		json bool
		db   string
	}{
		{[]string{"item", "X"}, []string{"item", "X"}, false, "secretariat.db"},
		{[]string{"--json", "item", "X"}, []string{"item", "X"}, true, "secretariat.db"},
		{[]string{"item", "--json", "X", "--db", "d.db"}, []string{"item", "X"}, true, "d.db"},
		{[]string{"item", "--db", "d.db", "--", "X", "--json"}, []string{"item", "X", "--json"}, false, "d.db"},
		{[]string{"--", "--json"}, []string{"--json"}, false, "secretariat.db"},
		{[]string{"item", "--", "--", "-X"}, []string{"item", "--", "-X"}, false, "secretariat.db"},
		{[]string{"--json", "--", "item"}, []string{"item"}, true, "secretariat.db"},
		{[]string{"--lang=ru", "--", "--db", "x"}, []string{"--db", "x"}, false, "secretariat.db"},
		// A "--" that is a flag's value is no terminator.
		{[]string{"--db", "--", "item", "--json"}, []string{"item"}, true, "--"},
	} {
		f := testFlags()
		pos, err := f.parse(c.args, 0, -1)
		if err != nil {
			t.Errorf("%q: %v", c.args, err)
			continue
		}
		if !slices.Equal(pos, c.pos) || f.json != c.json || f.db != c.db {
			t.Errorf("%q: positional %q, --json %v, --db %q; want %q, %v, %q", c.args, pos, f.json, f.db, c.pos, c.json, c.db)
		}
	}
	// What follows "--" counts against the number of arguments a command takes.
	_, err := testFlags().parse([]string{"item", "--db", "d.db", "--", "X", "--json"}, 2, 2)
	if err == nil || !strings.Contains(err.Error(), "too many arguments (--json)") {
		t.Errorf("get item -- X --json: %v, want too many arguments", err)
	}
}
