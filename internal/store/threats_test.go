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

// The totals of figures are bounded where every write passes, ReportFigure, so that
// the API, the forms and the importers all refuse a figure with which some reader's
// totals would pass 2^53 − 1, and write nothing. The bound counts the figures every
// reader may not see: a public reader, who does not see the restricted whole-operation
// figure, adds up the states' figures instead.
func TestFigureTotalsAreBoundedOnEveryWrite(t *testing.T) {
	st, _ := newStore(t)
	seedMembers(t, st, "AA", "BB")
	ctx := context.Background()
	_, err := st.RegisterSource(ctx, secretariat.Source{ID: "s", Title: secretariat.T("И", "S"), URL: "https://example.org", Class: secretariat.OfficialDocument})
	check(t, err)
	for _, id := range []string{"op", "other"} {
		_, err = st.RegisterOperation(ctx, secretariat.Operation{ID: id, CodeName: secretariat.T("Канал", "Channel"),
			Metrics: []secretariat.Metric{{Key: "checks", Name: secretariat.T("проверки", "checks"), Unit: "count"}}})
		check(t, err)
	}
	const most = secretariat.MaxFigureValue
	fig := func(id, state string, v float64) secretariat.ResultFigure {
		return secretariat.ResultFigure{ID: id, Operation: "op", Year: 2019, State: state, Metric: "checks", Value: v, Qualifier: secretariat.Exact, Source: "s"}
	}
	whole := fig("whole", "", 5)
	whole.Access = secretariat.Access{Classification: secretariat.Restricted}
	cumulative := fig("since-2003", "", most)
	cumulative.Year, cumulative.Since = 0, secretariat.MustDate("2003-01-01")
	for _, f := range []secretariat.ResultFigure{whole, fig("aa", "AA", most-10), cumulative,
		{ID: "elsewhere", Operation: "other", Year: 2019, Metric: "checks", Value: most, Qualifier: secretariat.Exact, Source: "s"}} {
		_, err := st.ReportFigure(ctx, f)
		check(t, err)
	}
	refused := func(what string, f secretariat.ResultFigure, write func(secretariat.ResultFigure) error) {
		t.Helper()
		seq, _, err := st.Head(ctx)
		check(t, err)
		err = write(f)
		if secretariat.ErrorCode(err) != secretariat.EINVALID || !strings.Contains(err.Error(), "kept exactly only up to 90071992547409") || !strings.Contains(err.Error(), "(2^53 − 1") ||
			!strings.Contains(secretariat.ErrorFields(err)["value"], "check the value") {
			t.Fatalf("%s: %v, want EINVALID saying the totals would pass 2^53 − 1, with what to do about the value", what, err)
		}
		after, _, err := st.Head(ctx)
		check(t, err)
		if after != seq {
			t.Fatalf("%s: the journal moved from %d to %d", what, seq, after)
		}
		if _, err := FindByID[secretariat.ResultFigure](ctx, st, secretariat.Secretariat, f.ID); secretariat.ErrorCode(err) != secretariat.ENOTFOUND {
			t.Fatalf("%s: figure %s was written: %v", what, f.ID, err)
		}
	}
	report := func(f secretariat.ResultFigure) error { _, err := st.ReportFigure(ctx, f); return err }
	// The secretariat's view would take the whole-operation figure and stay small; the
	// public's would add AA and BB and pass the bound.
	refused("a state's figure", fig("bb", "BB", 20), report)
	refused("a second figure of 2^53 − 1", fig("bb", "BB", most), report)
	refused("a fraction, with no room for rounding", fig("bb", "BB", 4.5), report)
	// In a batch, as the importers write, the refusal rolls back the figures before it.
	refused("in a batch", fig("bb", "BB", most), func(f secretariat.ResultFigure) error {
		return st.Batch(ctx, func(b *Store) error {
			if _, err := b.ReportFigure(ctx, fig("bb-small", "BB", 1)); err != nil {
				return err
			}
			_, err := b.ReportFigure(ctx, f)
			return err
		})
	})
	if _, err := FindByID[secretariat.ResultFigure](ctx, st, secretariat.Secretariat, "bb-small"); secretariat.ErrorCode(err) != secretariat.ENOTFOUND {
		t.Fatalf("the batch kept a figure written before the refused one: %v", err)
	}
	// Whole values add exactly up to the bound itself.
	_, err = st.ReportFigure(ctx, fig("bb", "BB", 5))
	check(t, err)
	// Figures of wider scope are bounded per coverage too, apart from the operations'.
	name := secretariat.T("проверки", "checks")
	prog := func(id string, v float64) secretariat.ResultFigure {
		return secretariat.ResultFigure{ID: id, Scope: secretariat.ScopeProgramme, Year: 2019, Metric: "checks", MetricName: name, Unit: "count", Value: v, Qualifier: secretariat.Exact, Source: "s"}
	}
	_, err = st.ReportFigure(ctx, prog("prog-2019", most))
	check(t, err)
	refused("a programme figure", prog("prog-2020", 1), report)

	for _, v := range []secretariat.Viewer{secretariat.Anonymous, secretariat.Secretariat} {
		view, err := st.OperationView(ctx, v, "op")
		if err != nil {
			t.Fatalf("the operation's view as %v: %v", v, err)
		}
		if got := view.Totals[0].Years[0].Amount.Value; got > most {
			t.Fatalf("the operation's 2019 total as %v: %v", v, got)
		}
	}
	if _, _, _, err := st.ProgrammeFigures(ctx, secretariat.Anonymous); err != nil {
		t.Fatalf("the programme's figures: %v", err)
	}
	if rep, err := st.Verify(ctx, nil); err != nil || !rep.OK {
		t.Fatalf("verify: %+v %v", rep, err)
	}
}

// A figure with which the totals cannot be computed (a lower bound added to an upper
// one: "more than 30" and "less than 10" states' figures of one year) is refused by the
// verb, whichever way it comes (API, forms, importer), and nothing is written: otherwise
// the operation's page would fail for whoever may see both.
func TestAFigureWhoseTotalsCannotBeComputedIsRefused(t *testing.T) {
	st, _ := newStore(t)
	seedMembers(t, st, "AA", "BB")
	ctx := context.Background()
	_, err := st.RegisterSource(ctx, secretariat.Source{ID: "s", Title: secretariat.T("И", "S"), URL: "https://example.org", Class: secretariat.OfficialDocument})
	check(t, err)
	_, err = st.RegisterOperation(ctx, secretariat.Operation{ID: "op", CodeName: secretariat.T("Канал", "Channel"),
		Metrics: []secretariat.Metric{{Key: "channels", Name: secretariat.T("каналы", "channels"), Unit: "count"}}})
	check(t, err)
	fig := func(id, state string, v float64, q secretariat.Qualifier) secretariat.ResultFigure {
		return secretariat.ResultFigure{ID: id, Operation: "op", Year: 2019, State: state, Metric: "channels", Value: v, Qualifier: q, Source: "s"}
	}
	_, err = st.ReportFigure(ctx, fig("aa", "AA", 30, secretariat.MoreThan))
	check(t, err)
	seq, _, err := st.Head(ctx)
	check(t, err)
	_, err = st.ReportFigure(ctx, fig("bb", "BB", 10, secretariat.LessThan))
	if secretariat.ErrorCode(err) != secretariat.EINVALID || !strings.Contains(err.Error(), "cannot be computed") ||
		!strings.Contains(err.Error(), "lower bound") || secretariat.ErrorFields(err)["qualifier"] == "" {
		t.Fatalf("a less-than figure beside a more-than one: %v, want EINVALID saying the totals cannot be computed, with the qualifier to correct", err)
	}
	if after, _, err := st.Head(ctx); err != nil || after != seq {
		t.Fatalf("the journal moved from %d to %d (%v)", seq, after, err)
	}
	// The operation still reads, with its totals, and an exact figure is still taken.
	_, err = st.ReportFigure(ctx, fig("bb", "BB", 10, secretariat.Exact))
	check(t, err)
	if _, err := st.View(ctx, secretariat.Anonymous, "operation", "op"); err != nil {
		t.Fatalf("the operation no longer reads: %v", err)
	}
}
