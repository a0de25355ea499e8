package server

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"secretariat"
)

// The access table: every page, read by the public, an officer, an administrator and a
// delegate of each demo state, over records of each classification. Each classification
// carries a marker text; a response may contain a marker only when its reader may see
// records of that classification, and a record's own page answers 404 to a reader who
// may not see it.

const (
	restrictedMarker   = "RSTR-MARKER"
	confidentialMarker = "CONF-MARKER"
	// The demo's restricted decision and draft carry this text; their public item does not.
	demoRestrictedText = "подлинный текст не публикуется"
)

// confidentialParties are the states that may see the confidential test records.
var confidentialParties = []string{"KG", "TJ"}

// seedClassified adds records of every classification with marker texts.
func seedClassified(t *testing.T, ts *testServer) {
	t.Helper()
	ctx := context.Background()
	st := ts.st.WithActor("test")
	restricted := secretariat.Access{Classification: secretariat.Restricted}
	confidential := secretariat.Access{Classification: secretariat.Confidential, Parties: confidentialParties}
	for _, c := range []struct {
		id     string
		access secretariat.Access
		marker string
	}{{"r-threat", restricted, restrictedMarker}, {"c-threat", confidential, confidentialMarker}} {
		if _, err := st.RegisterThreat(ctx, secretariat.Threat{ID: c.id, Category: "terrorism", Name: secretariat.TEN(c.marker+" threat", c.marker+" угроза"), Access: c.access,
			Description: secretariat.TEN(c.marker+" description", "")}); err != nil {
			t.Fatal(err)
		}
		if _, err := st.AssessThreat(ctx, c.id, secretariat.ThreatAssessment{Date: secretariat.MustDate("2019-12-01"), Level: 3, Areas: []string{"TJ"},
			Narrative: secretariat.TEN(c.marker+" narrative", ""), Illustrative: true}); err != nil {
			t.Fatal(err)
		}
		if _, err := st.SetTask(ctx, secretariat.Task{ID: c.id + "-task", Decision: "csc-2019-2", Text: secretariat.TEN(c.marker+" task", ""),
			Responsible: secretariat.Responsible{Kind: secretariat.ResponsibleStates, States: confidentialParties}, Due: secretariat.MustDate("2020-01-31"), Access: c.access}); err != nil {
			t.Fatal(err)
		}
		if _, err := st.Publish(ctx, secretariat.Publication{ID: c.id + "-pub", Kind: secretariat.News, Section: "news", Date: secretariat.MustDate("2020-01-10"),
			Title: secretariat.TEN(c.marker+" news", ""), Access: c.access}); err != nil {
			t.Fatal(err)
		}
		if _, err := st.AddAgendaItem(ctx, secretariat.AgendaItem{ID: c.id + "-item", Session: "csc-2019-11-28", Title: secretariat.TEN(c.marker+" item", ""),
			Kind: secretariat.Substantive, Access: c.access}); err != nil {
			t.Fatal(err)
		}
		if _, err := st.ReportFigure(ctx, secretariat.ResultFigure{ID: c.id + "-fig", Operation: "mercenary", Year: 2019, Metric: "migration_channels",
			Value: 77, Qualifier: secretariat.Exact, Source: "csto-csc", Note: secretariat.TEN(c.marker+" figure", ""), Access: c.access}); err != nil {
			t.Fatal(err)
		}
	}
}

type reader struct {
	name   string
	viewer secretariat.Viewer
}

func readers() []reader {
	out := []reader{{"anonymous", secretariat.Anonymous}, {"olga", secretariat.Secretariat}, {"root", secretariat.Viewer{Role: secretariat.RoleAdmin}}}
	for _, s := range demoStates {
		out = append(out, reader{"del-" + s, secretariat.Viewer{Role: secretariat.RoleDelegate, State: s}})
	}
	return out
}

func TestAccessTable(t *testing.T) {
	ts := newTestServer(t)
	seedClassified(t, ts)
	// pages lists every page with the classification of the record it shows ("" for a
	// page of many records), and the markers a reader who may see them must find there.
	pages := []struct {
		path  string
		class secretariat.Classification
		shows []string
	}{
		{"/", "", nil},
		{"/sessions", "", nil},
		{"/sessions?body=csc&year=2019", "", nil},
		{"/sessions/csc-2019-11-28", "", []string{restrictedMarker, confidentialMarker}},
		{"/items/csc-2019-11-28-3", "", nil},
		{"/items/r-threat-item", secretariat.Restricted, []string{restrictedMarker}},
		{"/items/c-threat-item", secretariat.Confidential, []string{confidentialMarker}},
		{"/decisions", "", nil},
		{"/decisions?year=2019", "", nil},
		{"/decisions/csc-2019-2", "", []string{restrictedMarker, confidentialMarker}},
		{"/decisions/csc-2019-3", secretariat.Restricted, []string{demoRestrictedText}},
		{"/drafts/draft-tj-af-border", secretariat.Restricted, []string{demoRestrictedText}},
		{"/tasks", "", []string{restrictedMarker, confidentialMarker}},
		{"/tasks?open=1", "", nil},
		{"/tasks?responsible=KG", "", []string{restrictedMarker, confidentialMarker}},
		{"/tasks/r-threat-task", secretariat.Restricted, []string{restrictedMarker}},
		{"/tasks/c-threat-task", secretariat.Confidential, []string{confidentialMarker}},
		{"/chairmanships", "", nil},
		{"/chairmanships/csc-chair-2019", "", nil},
		{"/states", "", nil},
		{"/states/KG", "", []string{restrictedMarker, confidentialMarker}},
		{"/states/AM", "", nil},
		{"/bodies", "", nil},
		{"/bodies/csc", "", nil},
		{"/threats", "", []string{restrictedMarker, confidentialMarker}},
		{"/threats/r-threat", secretariat.Restricted, []string{restrictedMarker}},
		{"/threats/c-threat", secretariat.Confidential, []string{confidentialMarker}},
		{"/threats/afghanistan", "", nil},
		{"/areas/TJ", "", []string{restrictedMarker, confidentialMarker}},
		{"/operations", "", nil},
		{"/operations/mercenary", "", []string{restrictedMarker, confidentialMarker}},
		{"/publications", "", []string{restrictedMarker, confidentialMarker}},
		{"/sections/news", "", []string{restrictedMarker, confidentialMarker}},
		{"/sections/news/feed.atom", "", []string{restrictedMarker, confidentialMarker}},
		{"/publications/r-threat-pub", secretariat.Restricted, []string{restrictedMarker}},
		{"/publications/c-threat-pub", secretariat.Confidential, []string{confidentialMarker}},
		{"/history/threat/r-threat", secretariat.Restricted, []string{restrictedMarker}},
		{"/history/threat/c-threat", secretariat.Confidential, []string{confidentialMarker}},
		{"/history/decision/csc-2019-3", secretariat.Restricted, nil},
		{"/records/threat/c-threat", secretariat.Confidential, nil},
		{"/records/figure/c-threat-fig", secretariat.Confidential, nil},
		{"/reports/2019", "", nil},
		{"/calendar.ics", "", []string{restrictedMarker, confidentialMarker}},
		{"/reviews", "", nil},
		{"/sources/csto-csc", "", nil},
	}
	for _, rd := range readers() {
		c := ts.anonymous()
		if rd.name != "anonymous" {
			c = ts.signIn(rd.name)
		}
		sees := func(cl secretariat.Classification) bool {
			parties := []string(nil)
			if cl == secretariat.Confidential {
				parties = confidentialParties
			}
			return rd.viewer.CanSee(secretariat.Access{Classification: cl, Parties: parties})
		}
		markers := map[secretariat.Classification][]string{
			secretariat.Restricted:   {restrictedMarker, demoRestrictedText},
			secretariat.Confidential: {confidentialMarker},
		}
		for _, p := range pages {
			res := c.get(p.path + sep(p.path) + "lang=en")
			body := res.Body.String()
			want := http.StatusOK
			if strings.HasPrefix(p.path, "/records/") {
				want = http.StatusFound
			}
			if p.class != "" && !sees(p.class) {
				want = http.StatusNotFound
			}
			if res.Code != want {
				t.Errorf("%s as %s: status %d, want %d", p.path, rd.name, res.Code, want)
			}
			for cl, ms := range markers {
				if sees(cl) {
					continue
				}
				for _, m := range ms {
					if strings.Contains(body, m) {
						t.Errorf("%s as %s: the %s text %q is in the response", p.path, rd.name, cl, m)
					}
				}
			}
			if res.Code == http.StatusOK {
				for _, m := range p.shows {
					cl := secretariat.Restricted
					if m == confidentialMarker {
						cl = secretariat.Confidential
					}
					if sees(cl) && !strings.Contains(body, m) {
						t.Errorf("%s as %s: %q, which the reader may see, is missing", p.path, rd.name, m)
					}
				}
			}
		}
	}
}

func sep(path string) string {
	if strings.Contains(path, "?") {
		return "&"
	}
	return "?"
}
