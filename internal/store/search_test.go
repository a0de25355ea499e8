package store

import (
	"context"
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
	hits, total, err := st.Search(context.Background(), v, q, f)
	check(t, err)
	if total != len(hits) {
		t.Fatalf("%q: total %d, %d hits", query, total, len(hits))
	}
	var out []string
	for _, h := range hits {
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
	if _, _, err := st.Search(context.Background(), all, q, SearchFilter{Kind: "state"}); secretariat.ErrorCode(err) != secretariat.EINVALID {
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

func sameSet(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}
