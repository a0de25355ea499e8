package api

import (
	"encoding/json"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"secretariat/internal/store"
)

func TestSearchPagesThroughTheMatchesAndRefusesBadQueries(t *testing.T) {
	ta := newTestAPI(t, Options{})
	get := func(q string) SearchAnswer {
		t.Helper()
		res := ta.get(Prefix+"/search?"+q, "officer")
		if res.status != 200 {
			t.Fatalf("search?%s: %d %s", q, res.status, clip(res.body))
		}
		var a SearchAnswer
		if err := json.Unmarshal(res.body, &a); err != nil {
			t.Fatal(err)
		}
		return a
	}
	// A Russian word in another form finds the operation «Наемник», its word marked.
	a := get("q=" + url.QueryEscape("наемника") + "&lang=ru")
	found := false
	for _, h := range a.Hits {
		if h.Kind == "operation" && h.ID == "mercenary" {
			found = true
			var marked []string
			for _, s := range h.Snippet {
				if s.Hit {
					marked = append(marked, s.Text)
				}
			}
			if len(marked) == 0 || !strings.EqualFold(marked[0], "Наемник") {
				t.Errorf("the snippet marks %q, want Наемник", marked)
			}
		}
	}
	if !found {
		t.Fatalf("наемника does not find the operation: %+v", a.Hits)
	}

	// Pages of two follow each other to the total, each hit once.
	all := get("q=decision&limit=100")
	if all.Total < 5 || all.Next != nil {
		t.Fatalf("decision: %d matches, next %v", all.Total, all.Next)
	}
	seen := map[string]bool{}
	offset := 0
	for pages := 0; ; pages++ {
		page := get("q=decision&limit=2&offset=" + strconv.Itoa(offset))
		for _, h := range page.Hits {
			if seen[h.Kind+"/"+h.ID] {
				t.Errorf("%s/%s on two pages", h.Kind, h.ID)
			}
			seen[h.Kind+"/"+h.ID] = true
		}
		if page.Next == nil {
			break
		}
		offset = *page.Next
		if pages > all.Total {
			t.Fatal("the pages do not end")
		}
	}
	if len(seen) != all.Total {
		t.Errorf("the pages hold %d hits, the total is %d", len(seen), all.Total)
	}

	for q, field := range map[string]string{
		"q=":                          "q",
		"q=-decision":                 "q",
		"q=decision&year=soon":        "year",
		"q=decision&limit=0":          "limit",
		"q=decision&in=fr":            "in",
		"q=decision&as_of=2020-01-01": "as_of",
	} {
		res := ta.get(Prefix+"/search?"+q, "officer")
		if res.status != 400 || !strings.Contains(string(res.body), `"`+field+`"`) {
			t.Errorf("search?%s: %d %s, want 400 naming %s", q, res.status, clip(res.body), field)
		}
	}
	res := ta.get(Prefix+"/search?q=decision&kind=state", "officer")
	if res.status != 400 || !strings.Contains(string(res.body), "the search covers") {
		t.Errorf("kind=state: %d %s", res.status, clip(res.body))
	}
}

// Past the search's bound, the answer says that more records match than its total, and
// its pages end at the total.
func TestSearchSaysWhenMoreMatchThanItCounts(t *testing.T) {
	ta := newTestAPI(t, Options{})
	defer func(b int) { store.SearchBound = b }(store.SearchBound)
	store.SearchBound = 3
	get := func(q string) SearchAnswer {
		t.Helper()
		res := ta.get(Prefix+"/search?"+q, "officer")
		if res.status != 200 {
			t.Fatalf("search?%s: %d %s", q, res.status, clip(res.body))
		}
		var a SearchAnswer
		if err := json.Unmarshal(res.body, &a); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(res.body), `"more":true`) {
			t.Errorf("search?%s does not say more: %s", q, clip(res.body))
		}
		return a
	}
	first := get("q=decision&limit=2")
	if first.Total != 3 || !first.More || len(first.Hits) != 2 || first.Next == nil || *first.Next != 2 {
		t.Fatalf("first page: total %d, more %v, %d hits, next %v", first.Total, first.More, len(first.Hits), first.Next)
	}
	last := get("q=decision&limit=2&offset=2")
	if last.Total != 3 || len(last.Hits) != 1 || last.Next != nil {
		t.Fatalf("last page: total %d, %d hits, next %v", last.Total, len(last.Hits), last.Next)
	}
	if last.Hits[0].ID == first.Hits[0].ID || last.Hits[0].ID == first.Hits[1].ID {
		t.Errorf("%s on both pages", last.Hits[0].ID)
	}
}
