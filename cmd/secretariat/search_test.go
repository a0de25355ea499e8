package main

import (
	"bytes"
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"secretariat/internal/store"
)

// Past the search's bound, the command says that more records match than it shows, in
// words and in --json, instead of a count it did not make.
func TestSearchSaysWhenMoreMatchThanItCounts(t *testing.T) {
	db := filepath.Join(t.TempDir(), "demo.db")
	search := func(args ...string) string {
		t.Helper()
		var out, errb bytes.Buffer
		if code := Main(context.Background(), append([]string{"search", "--db", db}, args...), &out, &errb, func(string) string { return "" }); code != 0 {
			t.Fatalf("search %v: exit %d: %s", args, code, errb.String())
		}
		return out.String()
	}
	expect(t, run(t, nil, "demo", "--db", db, "--quiet"), 0)
	all := search("решение", "--json")
	var whole struct {
		Total int  `json:"total"`
		More  bool `json:"more"`
	}
	if err := json.Unmarshal([]byte(all), &whole); err != nil || whole.Total < 4 || whole.More {
		t.Fatalf("решение within the bound: total %d, more %v, %v", whole.Total, whole.More, err)
	}
	defer func(b int) { store.SearchBound = b }(store.SearchBound)
	store.SearchBound = 3
	if out := search("решение", "--lang", "ru"); !strings.Contains(out, "Показано 3 из более чем 3: уточните запрос.") {
		t.Errorf("past the bound, in Russian:\n%s", out)
	}
	if out := search("decision", "--limit", "2"); !strings.Contains(out, "2 of more than 3 shown: narrow the query.") {
		t.Errorf("past the bound, in English:\n%s", out)
	}
	var past struct {
		Total int               `json:"total"`
		More  bool              `json:"more"`
		Hits  []json.RawMessage `json:"hits"`
	}
	if err := json.Unmarshal([]byte(search("решение", "--json")), &past); err != nil || past.Total != 3 || !past.More || len(past.Hits) != 3 {
		t.Fatalf("past the bound, --json: total %d, more %v, %d hits, %v", past.Total, past.More, len(past.Hits), err)
	}
}
