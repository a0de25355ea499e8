package store

import (
	"context"
	"strings"
	"testing"

	"secretariat"
)

func TestThreatRegisterQuestions(t *testing.T) {
	st, clock := newStore(t)
	seedMembers(t, st, "AA", "BB")
	ctx := context.Background()
	_, err := st.RegisterArea(ctx, secretariat.Area{ID: "AF", ISO: "AF", Name: secretariat.T("Афганистан", "Afghanistan")})
	check(t, err)
	_, err = st.RegisterArea(ctx, secretariat.Area{ID: "af-north", Within: []string{"AF"}, Name: secretariat.T("Север", "North"),
		Geometry: []byte(`{"type":"Polygon","coordinates":[[[62,35],[71,35],[71,38],[62,35]]]}`)})
	check(t, err)
	_, err = st.RegisterArea(ctx, secretariat.Area{ID: "bad", Name: secretariat.T("Плохой", "Bad"),
		Geometry: []byte(`{"type":"Polygon","coordinates":[[[62,35],[71,35],[71,38],[62,36]]]}`)})
	if secretariat.ErrorCode(err) != secretariat.EINVALID || !strings.Contains(secretariat.ErrorFields(err)["geometry"], "closed") {
		t.Fatalf("an unclosed ring was accepted: %v", err)
	}
	d := decided(t, st, clock, "s1", "2019-11-28", "AA", "BB")
	for _, th := range []secretariat.Threat{
		{ID: "north", Category: "terrorism", Name: secretariat.T("Север", "North")},
		{ID: "space", Category: "space", Name: secretariat.T("Космос", "Space")},
		{ID: "drugs", Category: "drugs", Name: secretariat.T("Наркотики", "Drugs")},
	} {
		_, err := st.RegisterThreat(ctx, th)
		check(t, err)
	}
	_, err = st.AssessThreat(ctx, "north", secretariat.ThreatAssessment{Date: secretariat.MustDate("2019-05-01"), Level: 3, Areas: []string{"af-north"}, Sources: nil, Illustrative: true})
	check(t, err)
	_, err = st.AssessThreat(ctx, "north", secretariat.ThreatAssessment{Date: secretariat.MustDate("2019-11-29"), Level: 4, Areas: []string{"af-north"}, Illustrative: true})
	check(t, err)
	if _, err := st.AssessThreat(ctx, "north", secretariat.ThreatAssessment{Date: secretariat.MustDate("2019-11-29"), Level: 5, Illustrative: true}); secretariat.ErrorCode(err) != secretariat.ECONFLICT {
		t.Fatalf("a second assessment on the same day by the same body: %v", err)
	}
	if _, err := st.AssessThreat(ctx, "space", secretariat.ThreatAssessment{Date: secretariat.MustDate("2019-11-29"), Level: 2, Areas: []string{"nowhere"}, Illustrative: true}); secretariat.ErrorCode(err) != secretariat.EINVALID {
		t.Fatalf("an assessment in an unknown area: %v", err)
	}
	_, err = st.LinkThreat(ctx, "north", "decision", d)
	check(t, err)
	_, err = st.RegisterOperation(ctx, secretariat.Operation{ID: "op", CodeName: secretariat.T("Канал", "Channel"),
		Metrics: []secretariat.Metric{{Key: "seized", Name: secretariat.T("изъято", "seized"), Unit: "t"}}})
	check(t, err)
	_, err = st.LinkThreat(ctx, "drugs", "operation", "op")
	check(t, err)

	in := must[[]secretariat.Threat](t)(st.ThreatsInArea(ctx, secretariat.Secretariat, "AF"))
	if len(in) != 1 || in[0].ID != "north" {
		t.Fatalf("threats in Afghanistan (via its northern part): %+v", in)
	}
	for field, want := range map[string][]string{"answered_by_decision": {"drugs", "space"}, "answered": {"space"}} {
		docs, _, err := st.Find(ctx, secretariat.Secretariat, "threat", Where(field, "false"))
		check(t, err)
		var got []string
		for _, d := range docs {
			got = append(got, string(d[strings.Index(string(d), `"id":"`)+6:][:strings.Index(string(d[strings.Index(string(d), `"id":"`)+6:]), `"`)]))
		}
		if strings.Join(got, ",") != strings.Join(want, ",") {
			t.Errorf("%s=false: %v, want %v", field, got, want)
		}
	}
	view := must[*ThreatView](t)(st.ThreatView(ctx, secretariat.Secretariat, "north", Period{}))
	if len(view.History) != 2 || view.History[1].Change != 1 || !view.AnsweredByDecision || view.LevelMeaning.EN == "" {
		t.Fatalf("threat view: %+v", view)
	}
}

func TestRestrictedFiguresStayOutOfPublicTotals(t *testing.T) {
	st, _ := newStore(t)
	seedMembers(t, st, "AA")
	ctx := context.Background()
	_, err := st.RegisterSource(ctx, secretariat.Source{ID: "s", Title: secretariat.T("И", "S"), URL: "https://example.org", Class: secretariat.OfficialDocument})
	check(t, err)
	_, err = st.RegisterOperation(ctx, secretariat.Operation{ID: "op", CodeName: secretariat.T("Канал", "Channel"),
		Metrics: []secretariat.Metric{{Key: "seized", Name: secretariat.T("изъято", "seized"), Unit: "t"}}})
	check(t, err)
	for _, f := range []secretariat.ResultFigure{
		{ID: "public", Operation: "op", Year: 2019, State: "AA", Metric: "seized", Value: 5, Qualifier: secretariat.Exact, Source: "s"},
		{ID: "secret", Operation: "op", Year: 2019, State: "AA", Metric: "seized", Value: 7, Qualifier: secretariat.Exact, Source: "s",
			Access: secretariat.Access{Classification: secretariat.Restricted}},
		{ID: "secret-2020", Operation: "op", Year: 2020, State: "AA", Metric: "seized", Value: 7, Qualifier: secretariat.Exact, Source: "s",
			Access: secretariat.Access{Classification: secretariat.Restricted}},
	} {
		_, err := st.ReportFigure(ctx, f)
		check(t, err)
	}
	pub := must[*OperationView](t)(st.OperationView(ctx, secretariat.Anonymous, "op"))
	if len(pub.Figures) != 1 || pub.Hidden != 2 || len(pub.Totals[0].Years) != 1 || pub.Totals[0].SinceInception.Amount.Value != 5 {
		t.Fatalf("public view: %+v", pub)
	}
	all := must[*OperationView](t)(st.OperationView(ctx, secretariat.Secretariat, "op"))
	// 2019: two figures of one scope from one source: one is chosen, not both added.
	if len(all.Figures) != 3 || all.Totals[0].SinceInception.Amount.Value != 12 || len(all.Totals[0].Conflicts) != 1 {
		t.Fatalf("secretariat view: %+v", all.Totals)
	}
	_, err = st.ReportFigure(ctx, secretariat.ResultFigure{ID: "wrong", Operation: "op", Year: 2019, Metric: "seized", Unit: "kg", Value: 1, Qualifier: secretariat.Exact, Source: "s"})
	if secretariat.ErrorCode(err) != secretariat.EINVALID || !strings.Contains(secretariat.ErrorFields(err)["unit"], "in t") {
		t.Fatalf("a figure in the wrong unit: %v", err)
	}
}

// A figure of the whole programme, or of several operations, is recorded without an
// operation, shown in each operation's view apart from its own figures, and never set
// against them as a conflict nor added to them.
func TestFiguresOfWiderScopeStandApartInTheOperationView(t *testing.T) {
	st, _ := newStore(t)
	ctx := context.Background()
	_, err := st.RegisterSource(ctx, secretariat.Source{ID: "site", Title: secretariat.T("Сайт", "Site"), URL: "https://example.org", Class: secretariat.OfficialSite})
	check(t, err)
	_, err = st.RegisterSource(ctx, secretariat.Source{ID: "stmt", Title: secretariat.T("Заявление", "Statement"), URL: "https://example.org/s", Class: secretariat.OfficialStatement})
	check(t, err)
	for _, id := range []string{"a", "b", "c"} {
		_, err = st.RegisterOperation(ctx, secretariat.Operation{ID: id, CodeName: secretariat.T("Операция "+id, "Operation "+id),
			Metrics: []secretariat.Metric{{Key: "channels", Name: secretariat.T("каналы", "channels"), Unit: "count"}}})
		check(t, err)
	}
	name := secretariat.T("перекрыто каналов", "channels closed")
	for _, f := range []secretariat.ResultFigure{
		{ID: "a-2019", Operation: "a", Year: 2019, Metric: "channels", Value: 30, Qualifier: secretariat.MoreThan, Source: "site"},
		{ID: "all-2019", Scope: secretariat.ScopeProgramme, Year: 2019, Metric: "channels", MetricName: name, Unit: "count", Value: 39, Qualifier: secretariat.Exact, Source: "stmt"},
		{ID: "bc-2019", Scope: secretariat.ScopeOperations, Operations: []string{"b", "c"}, Year: 2019, Metric: "channels", MetricName: name, Unit: "count", Value: 12, Qualifier: secretariat.Exact, Source: "stmt"},
	} {
		_, err := st.ReportFigure(ctx, f)
		check(t, err)
	}
	a := must[*OperationView](t)(st.OperationView(ctx, secretariat.Secretariat, "a"))
	if len(a.Figures) != 1 || len(a.Totals[0].Conflicts) != 0 || a.Totals[0].Years[0].Amount.Value != 30 {
		t.Fatalf("operation a's own figures: %+v", a)
	}
	if len(a.Wider) != 1 || a.Wider[0].Scope != secretariat.ScopeProgramme || a.Wider[0].Years[0].Amount.Value != 39 || len(a.WiderFigs) != 1 {
		t.Fatalf("operation a's wider figures: %+v", a.Wider)
	}
	b := must[*OperationView](t)(st.OperationView(ctx, secretariat.Secretariat, "b"))
	if len(b.Figures) != 0 || len(b.Wider) != 2 {
		t.Fatalf("operation b is covered by the programme and by the figure of b and c: %+v", b.Wider)
	}
	totals, figs, sources, err := st.ProgrammeFigures(ctx, secretariat.Secretariat)
	check(t, err)
	if len(totals) != 2 || len(figs) != 2 || sources["stmt"].Title.EN != "Statement" {
		t.Fatalf("programme figures: %+v %+v", totals, figs)
	}
	_, err = st.ReportFigure(ctx, secretariat.ResultFigure{ID: "bad", Scope: secretariat.ScopeProgramme, Year: 2019, Metric: "channels", Unit: "count",
		Value: 1, Qualifier: secretariat.Exact, Source: "stmt"})
	if secretariat.ErrorCode(err) != secretariat.EINVALID || secretariat.ErrorFields(err)["metric_name"] == "" {
		t.Fatalf("a programme figure without its metric's name: %v", err)
	}
	if rep, err := st.Verify(ctx, nil); err != nil || !rep.OK {
		t.Fatalf("verify: %+v %v", rep, err)
	}
}
