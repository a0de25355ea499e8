package api

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"secretariat"
	"secretariat/internal/store"
)

// The access table: every route of the API, read by the public, an officer, an
// administrator and a delegate of each demo state, over records of every classification
// (public; restricted; confidential to KG and RU) that carry marker texts. Each reader
// gets the expected status, and no answer carries a marker its reader may not see.

var classifications = []secretariat.Classification{secretariat.Public, secretariat.Restricted, secretariat.Confidential}

func marker(c secretariat.Classification) string { return "MARKER-" + string(c) }

func accessOf(c secretariat.Classification) secretariat.Access {
	a := secretariat.Access{Classification: c}
	if c == secretariat.Confidential {
		a.Parties = []string{"KG", "RU"}
	}
	return a
}

// markedRecords writes, for each classification, a record of every classified kind
// carrying the classification's marker, and returns their IDs by kind and classification.
func markedRecords(t *testing.T, st *store.Store) map[string]map[secretariat.Classification]string {
	ctx := context.Background()
	ids := map[string]map[secretariat.Classification]string{}
	put := func(kind string, c secretariat.Classification, id string) {
		if ids[kind] == nil {
			ids[kind] = map[secretariat.Classification]string{}
		}
		ids[kind][c] = id
	}
	must := func(e store.Entry, err error) store.Entry {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return e
	}
	txt := func(s string) secretariat.Text { return secretariat.Text{EN: s, Authentic: secretariat.EN} }
	must(st.ScheduleSession(ctx, secretariat.Session{ID: "m-session", Body: "csc", Date: secretariat.NewDate(2020, 2, 1), Kind: secretariat.Regular}))
	for _, c := range classifications {
		m, acc, cs := marker(c), accessOf(c), string(c)
		must(st.ProposeDraft(ctx, secretariat.Draft{ID: "m-draft-" + cs, Body: "cssc", Title: txt(m + " draft"), Access: acc,
			Versions: []secretariat.DraftVersion{{Date: secretariat.NewDate(2020, 1, 10), Text: m + " text"}}, Provenance: secretariat.Provenance{Illustrative: true}}))
		put("draft", c, "m-draft-"+cs)
		must(st.AddAgendaItem(ctx, secretariat.AgendaItem{ID: "m-item-" + cs, Session: "m-session", Title: txt(m + " item"), Kind: secretariat.Substantive,
			Access: acc, Provenance: secretariat.Provenance{Illustrative: true}}))
		put("item", c, "m-item-"+cs)
		for _, s := range demoStates {
			must(st.RecordPosition(ctx, store.PositionInput{Item: "m-item-" + cs, State: s, Stance: secretariat.Joins}))
		}
		put("position", c, secretariat.PositionID("m-item-"+cs, "KG"))
		e := must(st.DecideItem(ctx, "m-item-"+cs, store.DecisionInput{Text: m + " decision text"}))
		decision := e.IDs("decision")[0]
		put("decision", c, decision)
		e = must(st.SetTask(ctx, secretariat.Task{Decision: decision, Text: txt(m + " task"), Access: acc,
			Responsible: secretariat.Responsible{Kind: secretariat.ResponsibleBody, Body: "cssc"}, Due: secretariat.NewDate(2020, 12, 1)}))
		put("task", c, e.ID)
		e = must(st.ReportImplementation(ctx, secretariat.ImplementationReport{Task: e.ID, Date: secretariat.NewDate(2020, 2, 2), Author: "cssc", SpeaksFor: "cssc",
			Text: txt(m + " report"), Progress: 10}, nil))
		put("report", c, e.ID)
		must(st.RegisterOperation(ctx, secretariat.Operation{ID: "m-op-" + cs, CodeName: txt(m + " operation"), Access: acc,
			Metrics: []secretariat.Metric{{Key: "checks", Name: txt("checks"), Unit: "count"}}}))
		put("operation", c, "m-op-"+cs)
		must(st.ReportFigure(ctx, secretariat.ResultFigure{ID: "m-fig-" + cs, Operation: "m-op-" + cs, Metric: "checks", Year: 2020, Value: 7,
			Qualifier: secretariat.Exact, Source: "arminfo-2018-12", Note: txt(m + " figure"), Access: acc}))
		put("figure", c, "m-fig-"+cs)
		must(st.RegisterThreat(ctx, secretariat.Threat{ID: "m-threat-" + cs, Category: "terrorism", Name: txt(m + " threat"), Access: acc,
			Decisions: []string{decision}, Provenance: secretariat.Provenance{Illustrative: true}}))
		put("threat", c, "m-threat-"+cs)
		must(st.Publish(ctx, secretariat.Publication{ID: "m-pub-" + cs, Kind: secretariat.News, Section: "news", Date: secretariat.NewDate(2020, 2, 3),
			Title: txt(m + " publication"), Languages: []secretariat.Lang{secretariat.EN}, Access: acc, Provenance: secretariat.Provenance{Illustrative: true}}))
		put("publication", c, "m-pub-"+cs)
	}
	return ids
}

// readers are everyone the table reads as: the key of their token, "" for the public.
func readers() []string {
	out := []string{"", "officer", "admin"}
	for _, s := range demoStates {
		out = append(out, "delegate:"+s)
	}
	return out
}

// sees says whether a reader may see a record of a classification (parties KG, RU).
func sees(reader string, c secretariat.Classification) bool {
	switch {
	case reader == "officer" || reader == "admin" || c == secretariat.Public:
		return true
	case c == secretariat.Restricted:
		return strings.HasPrefix(reader, "delegate:")
	}
	return reader == "delegate:KG" || reader == "delegate:RU"
}

// probe is one request of the table: a path, and the classification of the record it
// reads (empty for a path that any reader may read).
type probeReq struct {
	path  string
	class secretariat.Classification
}

func TestAccessTable(t *testing.T) {
	ta := newTestAPI(t, Options{})
	ids := markedRecords(t, ta.st)
	demoIDs := map[string]string{"organization": "csto", "source": "arminfo-2018-12", "state": "KG", "body": "csc", "session": "m-session",
		"chairmanship": "csc-chair-2019", "area": "af-north"}
	var probes []probeReq
	for _, rt := range ta.api.routes {
		if rt.method != http.MethodGet {
			continue
		}
		fill := func(kindParam string, c secretariat.Classification, id string) probeReq {
			p := strings.ReplaceAll(rt.path, "{id}", url.PathEscape(id))
			p = strings.ReplaceAll(p, "{kind}", kindParam)
			p = strings.ReplaceAll(p, "{other}", "RU")
			p = strings.ReplaceAll(p, "{year}", "2020")
			if rt.list != "" {
				p += "?limit=500"
			}
			if rt.op == "search" {
				p += "?q=marker&limit=100"
			}
			return probeReq{path: p, class: c}
		}
		kind := rt.primary
		switch {
		case rt.list != "" || !strings.Contains(rt.path, "{id}"):
			probes = append(probes, fill("", "", ""))
		case strings.HasPrefix(rt.path, Prefix+"/history/"):
			for k, byClass := range ids {
				for c, id := range byClass {
					probes = append(probes, probeReq{path: strings.NewReplacer("{kind}", k, "{id}", url.PathEscape(id)).Replace(rt.path), class: c})
				}
			}
		case kind != "" && ids[kind] != nil:
			for _, c := range classifications {
				probes = append(probes, fill("", c, ids[kind][c]))
			}
		case kind != "":
			probes = append(probes, fill("", "", demoIDs[kind]))
		default:
			// A view: its record is the kind of its path's first segment.
			seg := strings.Split(strings.TrimPrefix(rt.path, Prefix+"/"), "/")[0]
			for k, pl := range plural {
				if pl != seg {
					continue
				}
				if ids[k] != nil {
					for _, c := range classifications {
						probes = append(probes, fill("", c, ids[k][c]))
					}
				} else {
					probes = append(probes, fill("", "", demoIDs[k]))
				}
			}
		}
	}
	t.Logf("%d probes × %d readers", len(probes), len(readers()))
	if len(probes) < 60 {
		t.Fatalf("only %d probes: the table does not cover the routes", len(probes))
	}
	for _, reader := range readers() {
		for _, p := range probes {
			res := ta.get(p.path, reader)
			want := http.StatusOK
			if p.class != "" && !sees(reader, p.class) {
				want = http.StatusNotFound
			}
			if res.status != want {
				t.Errorf("%s as %q: %d, want %d: %s", p.path, reader, res.status, want, clip(res.body))
				continue
			}
			for _, c := range classifications {
				if !sees(reader, c) && strings.Contains(string(res.body), marker(c)) {
					t.Errorf("%s as %q shows %s", p.path, reader, marker(c))
				}
			}
			// A listing shows what its reader may see.
			if strings.HasSuffix(p.path, "/items?limit=500") || strings.HasSuffix(p.path, "/search?q=marker&limit=100") {
				for _, c := range classifications {
					if sees(reader, c) != strings.Contains(string(res.body), marker(c)) {
						t.Errorf("%s as %q: %s shown %v", p.path, reader, marker(c), !sees(reader, c))
					}
				}
			}
		}
	}

	// Every verb refuses the public (401) and delegates (403) and writes nothing; the
	// secretariat gets past the door (what the empty body then meets is the scenario's).
	head := ta.journalHead()
	for _, rt := range ta.api.routes {
		if rt.verb == nil {
			continue
		}
		path := strings.NewReplacer("{id}", ids["item"][secretariat.Public], "{n}", "1", "{year}", "2020").Replace(rt.path)
		for _, reader := range append(readers(), "officer-read", "delegate:KG-read") {
			res := ta.do(request{method: "POST", path: path, reader: reader, body: "{}"})
			want := map[bool]int{true: http.StatusForbidden, false: http.StatusUnauthorized}[reader != ""]
			switch {
			case reader == "officer" || reader == "admin":
				if res.status == 401 || res.status == 403 || res.status >= 500 {
					t.Errorf("POST %s as %s: %d %s", path, reader, res.status, clip(res.body))
				}
			case res.status != want:
				t.Errorf("POST %s as %q: %d, want %d", path, reader, res.status, want)
			}
		}
	}
	if n := ta.journalHead(); n != head {
		t.Errorf("the refused writes wrote %d journal entries", n-head)
	}
}
