package store

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"secretariat"
	"secretariat/internal/search"
)

// searchCorpus is a record with publications whose words test the search: a word in one
// title and in another's text, Russian inflections, English derivations, a restricted
// and a confidential publication.
func searchCorpus(t *testing.T) *Store {
	t.Helper()
	st, _ := newStore(t)
	seedMembers(t, st, "AA", "BB")
	ctx := context.Background()
	pub := func(id string, title, lead secretariat.Text, access secretariat.Access, date string) {
		t.Helper()
		_, err := st.Publish(ctx, secretariat.Publication{ID: id, Kind: secretariat.News, Section: "news", Date: secretariat.MustDate(date),
			Title: title, Lead: lead, Access: access})
		check(t, err)
	}
	public := secretariat.Access{}
	pub("p-title", secretariat.T("Решение о границе", "Decision on the border"), secretariat.T("Коротко.", "Briefly."), public, "2019-05-01")
	pub("p-text", secretariat.T("Новости", "News"), secretariat.T("Совет принял решения о пограничных войсках.", "The council decided on the border troops."), public, "2019-06-01")
	pub("p-plural", secretariat.T("Итоги", "Results"), secretariat.T("Выполнение решений прошлой сессии.", "Implementing the decisions of the last session."), public, "2020-01-15")
	pub("p-joint", secretariat.T("Учения", "Drills"), secretariat.T("Совместная операция «Канал» и учения.", "A joint operation, Channel, and drills."), public, "2020-02-01")
	pub("p-restricted", secretariat.T("Закрытое решение", "A restricted decision"), secretariat.Text{}, secretariat.Access{Classification: secretariat.Restricted}, "2019-07-01")
	pub("p-confidential", secretariat.T("Решение для AA", "A decision for AA"), secretariat.Text{}, secretariat.Access{Classification: secretariat.Confidential, Parties: []string{"AA"}}, "2019-08-01")
	return st
}

// ids runs a search and returns the IDs it found, best first.
func ids(t *testing.T, st *Store, v secretariat.Viewer, query string, f SearchFilter) []string {
	t.Helper()
	q, err := search.Parse(query)
	check(t, err)
	f.Limit = 100
	res, err := st.Search(context.Background(), v, q, f)
	check(t, err)
	if res.Total != len(res.Hits) || res.More {
		t.Fatalf("%q: total %d (more: %v), %d hits", query, res.Total, res.More, len(res.Hits))
	}
	var out []string
	for _, h := range res.Hits {
		out = append(out, h.ID)
	}
	return out
}

func TestSearchFindsEveryFormOfAWord(t *testing.T) {
	st := searchCorpus(t)
	all := secretariat.Secretariat
	want := []string{"p-title", "p-confidential", "p-restricted", "p-text", "p-plural"}
	for _, q := range []string{"решение", "решения", "решений", "РЕШЕНИЯМИ"} {
		got := ids(t, st, all, q, SearchFilter{Lang: secretariat.RU})
		if !sameSet(got, want) {
			t.Errorf("%q finds %v, want %v", q, got, want)
		}
	}
	for _, q := range []string{"decide", "decision", "decisions", "decided"} {
		got := ids(t, st, all, q, SearchFilter{Lang: secretariat.EN})
		if !sameSet(got, want) {
			t.Errorf("%q finds %v, want %v", q, got, want)
		}
	}
}

func TestSearchRanksATitleAboveAText(t *testing.T) {
	st := searchCorpus(t)
	got := ids(t, st, secretariat.Secretariat, "border", SearchFilter{})
	if len(got) != 2 || got[0] != "p-title" || got[1] != "p-text" {
		t.Fatalf("border: %v, want the title's match first", got)
	}
}

func TestSearchSyntaxAndFilters(t *testing.T) {
	st := searchCorpus(t)
	all := secretariat.Secretariat
	cases := []struct {
		query string
		f     SearchFilter
		want  []string
	}{
		{`"joint operation"`, SearchFilter{}, []string{"p-joint"}},
		{`"operation joint"`, SearchFilter{}, nil}, // a phrase keeps its order
		{`drills -channel`, SearchFilter{}, nil},
		{`drills`, SearchFilter{}, []string{"p-joint"}},
		{`border OR drills`, SearchFilter{}, []string{"p-title", "p-text", "p-joint"}},
		{`решение`, SearchFilter{Year: 2020}, []string{"p-plural"}},
		{`решение`, SearchFilter{Classification: "restricted"}, []string{"p-restricted"}},
		{`решение`, SearchFilter{Kind: "task"}, nil},
	}
	for _, c := range cases {
		if got := ids(t, st, all, c.query, c.f); !sameSet(got, c.want) {
			t.Errorf("%q %+v: %v, want %v", c.query, c.f, got, c.want)
		}
	}
	q, _ := search.Parse("x")
	if _, err := st.Search(context.Background(), all, q, SearchFilter{Kind: "state"}); secretariat.ErrorCode(err) != secretariat.EINVALID {
		t.Fatalf("a kind the search does not cover: %v", err)
	}
}

// The reader's access decides what the search may show, and counts.
func TestSearchShowsOnlyWhatTheReaderMaySee(t *testing.T) {
	st := searchCorpus(t)
	for _, c := range []struct {
		v    secretariat.Viewer
		want []string
	}{
		{secretariat.Anonymous, []string{"p-title", "p-text", "p-plural"}},
		{secretariat.Viewer{Role: secretariat.RoleDelegate, State: "BB"}, []string{"p-title", "p-text", "p-plural", "p-restricted"}},
		{secretariat.Viewer{Role: secretariat.RoleDelegate, State: "AA"}, []string{"p-title", "p-text", "p-plural", "p-restricted", "p-confidential"}},
	} {
		if got := ids(t, st, c.v, "решение", SearchFilter{}); !sameSet(got, c.want) {
			t.Errorf("%s: %v, want %v", c.v, got, c.want)
		}
	}
}

func TestReindexGivesTheSameResults(t *testing.T) {
	st := searchCorpus(t)
	queries := []string{"решение", "border OR drills", `"joint operation"`, "decided"}
	var before [][]string
	for _, q := range queries {
		before = append(before, ids(t, st, secretariat.Secretariat, q, SearchFilter{}))
	}
	n, err := st.Reindex(context.Background(), nil)
	check(t, err)
	if n != 6 {
		t.Fatalf("reindexed %d records, want 6", n)
	}
	for i, q := range queries {
		if got := ids(t, st, secretariat.Secretariat, q, SearchFilter{}); !slices.Equal(got, before[i]) {
			t.Errorf("%q after reindex: %v, before: %v", q, got, before[i])
		}
	}
	if r := must[Report](t)(st.Verify(context.Background(), nil)); !r.OK {
		t.Fatalf("verify after reindex: %+v", r)
	}
}

// Past the bound, a search counts no further and says so; the records named after the
// words come first however many others name them in their texts, then the newest of the
// others; and its pages end at the bound, each record on one page.
func TestSearchPastTheBoundPutsTitlesFirstThenTheNewest(t *testing.T) {
	st, _ := newStore(t)
	seedMembers(t, st, "AA", "BB")
	ctx := context.Background()
	pub := func(id, title, lead string) {
		t.Helper()
		_, err := st.Publish(ctx, secretariat.Publication{ID: id, Kind: secretariat.News, Section: "news", Date: secretariat.MustDate("2020-01-01"),
			Title: secretariat.T(title, title), Lead: secretariat.T(lead, lead)})
		check(t, err)
	}
	// The title's match is written first, so that the index yields it last of all.
	pub("named", "Border", "Briefly.")
	for i := range 12 {
		pub(fmt.Sprintf("text-%02d", i), "News", "The council met on the border troops.")
	}
	pub("drills", "Drills", "Joint drills.")
	defer func(b int) { SearchBound = b }(SearchBound)
	SearchBound = 5
	q, err := search.Parse("border")
	check(t, err)
	res, err := st.Search(ctx, secretariat.Anonymous, q, SearchFilter{Limit: 100})
	check(t, err)
	if !res.More || res.Total != 5 || len(res.Hits) != 5 {
		t.Fatalf("13 matches past a bound of 5: total %d, more %v, %d hits", res.Total, res.More, len(res.Hits))
	}
	if res.Hits[0].ID != "named" {
		t.Fatalf("past the bound, %s came first, not the record named after the word", res.Hits[0].ID)
	}
	if res.Hits[1].ID != "text-11" || res.Hits[4].ID != "text-08" {
		t.Fatalf("past the bound, after the title's match: %s … %s, want the newest, text-11 … text-08", res.Hits[1].ID, res.Hits[4].ID)
	}
	seen := map[string]bool{}
	for offset := 0; offset < 10; offset += 2 {
		page, err := st.Search(ctx, secretariat.Anonymous, q, SearchFilter{Limit: 2, Offset: offset})
		check(t, err)
		if page.Total != 5 || !page.More {
			t.Fatalf("offset %d: total %d, more %v", offset, page.Total, page.More)
		}
		for _, h := range page.Hits {
			if seen[h.ID] {
				t.Errorf("%s on two pages", h.ID)
			}
			seen[h.ID] = true
		}
	}
	if len(seen) != 5 {
		t.Fatalf("the pages hold %d records, want the bound's 5", len(seen))
	}
	// At the bound exactly, and within it, the count is exact.
	SearchBound = 13
	if res, err = st.Search(ctx, secretariat.Anonymous, q, SearchFilter{Limit: 100}); err != nil || res.More || res.Total != 13 {
		t.Fatalf("13 matches within a bound of 13: total %d, more %v, %v", res.Total, res.More, err)
	}
	SearchBound = 12
	if res, err = st.Search(ctx, secretariat.Anonymous, q, SearchFilter{Limit: 100, Lang: secretariat.EN}); err != nil || !res.More || res.Total != 12 {
		t.Fatalf("13 matches in one language past a bound of 12: total %d, more %v, %v", res.Total, res.More, err)
	}
	// Exclusions hold in the titles' sample too: no hit has the excluded word.
	SearchBound = 5
	q, err = search.Parse("border -council")
	check(t, err)
	res, err = st.Search(ctx, secretariat.Anonymous, q, SearchFilter{Limit: 100})
	check(t, err)
	if res.More || res.Total != 1 || res.Hits[0].ID != "named" {
		t.Fatalf("border -council: %+v", res)
	}
}

func sameSet(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}
