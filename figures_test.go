package secretariat

import (
	"math"
	"slices"
	"strings"
	"testing"
)

func TestQualifierArithmetic(t *testing.T) {
	a := func(v float64, q Qualifier, unit string) Amount { return Amount{Value: v, Unit: unit, Qualifier: q} }
	cases := []struct {
		x, y Amount
		want Amount
		err  string
	}{
		{a(600, About, "count"), a(12, Exact, "count"), a(612, About, "count"), ""},
		{a(30, MoreThan, "count"), a(9, Exact, "count"), a(39, MoreThan, "count"), ""},
		{a(12, Exact, "count"), a(30, MoreThan, "count"), a(42, MoreThan, "count"), ""},
		{a(5, Exact, "t"), a(2.5, Exact, "t"), a(7.5, Exact, "t"), ""},
		{a(10, About, "t"), a(5, About, "t"), a(15, About, "t"), ""},
		{a(10, LessThan, "t"), a(5, Exact, "t"), a(15, LessThan, "t"), ""},
		{a(10, LessThan, "t"), a(5, LessThan, "t"), a(15, LessThan, "t"), ""},
		{a(10, MoreThan, "t"), a(5, About, "t"), a(15, MoreThan, "t"), ""},
		{a(10, About, "t"), a(5, LessThan, "t"), a(15, LessThan, "t"), ""},
		{a(10, MoreThan, "t"), a(5, LessThan, "t"), Amount{}, "lower bound"},
		{a(9, MoreThan, "t"), a(115, Exact, "count"), Amount{}, "units differ"},
		{a(9, Exact, "kg"), a(1, Exact, "t"), Amount{}, "units differ"},
		{a(9, "roughly", "t"), a(1, Exact, "t"), Amount{}, "not a qualifier"},
		// Totals stay where a double keeps every integer: above 2^53 − 1 they are refused,
		// never rounded, and never infinite (which JSON cannot write).
		{a(MaxFigureValue-1, Exact, "count"), a(1, Exact, "count"), a(MaxFigureValue, Exact, "count"), ""},
		{a(MaxFigureValue, Exact, "count"), a(1, Exact, "count"), Amount{}, "above 9007199254740991 (2^53 − 1)"},
		{a(1e308, Exact, "count"), a(1e308, Exact, "count"), Amount{}, "above 9007199254740991"},
	}
	for _, c := range cases {
		got, err := c.x.Add(c.y)
		if c.err != "" {
			if ErrorCode(err) != EINVALID || !strings.Contains(err.Error(), c.err) {
				t.Errorf("%v + %v: %v, want an error with %q", c.x, c.y, err, c.err)
			}
			continue
		}
		if err != nil || got != c.want {
			t.Errorf("%v + %v = %v (%v), want %v", c.x, c.y, got, err, c.want)
		}
	}
	if s, err := Sum([]Amount{a(600, About, "count"), a(12, Exact, "count"), a(3, Exact, "count")}); err != nil || s != a(615, About, "count") {
		t.Fatalf("sum: %v %v", s, err)
	}
}

// A figure's value is bounded where it comes in: Validate, which every write runs.
func TestFigureValuesAreBounded(t *testing.T) {
	for v, says := range map[float64]string{
		0: "", 2.5: "", MaxFigureValue: "",
		MaxFigureValue + 1: "above 9007199254740991", 1e308: "above 9007199254740991",
		-1: "zero or more", math.Inf(1): "finite", math.NaN(): "finite",
	} {
		got := FigureValueProblem(v)
		if says == "" && got != "" || !strings.Contains(got, says) {
			t.Errorf("FigureValueProblem(%v) = %q, want %q", v, got, says)
		}
		f := ResultFigure{ID: "f", Operation: "op", Year: 2019, Metric: "m", Unit: "count", Value: v, Qualifier: Exact, Source: "s"}
		if err := f.Validate(); (says == "") != (err == nil) {
			t.Errorf("Validate with value %v: %v", v, err)
		}
	}
}

// A small operation: two stages in 2018, one in 2019, figures by state and for the whole
// operation, a cumulative report, and two sources disagreeing about the same thing.
func fixtureOperation() (*Operation, []ResultFigure, map[string]Source) {
	op := &Operation{ID: "op", CodeName: T("Операция", "Op"),
		Metrics: []Metric{{Key: "seized", Name: T("изъято", "seized"), Unit: "t"}, {Key: "channels", Name: T("каналы", "channels"), Unit: "count"}},
		Stages:  []Stage{{ID: "s1", From: d("2018-05-01")}, {ID: "s2", From: d("2018-09-01")}, {ID: "s3", From: d("2019-05-01")}}}
	src := map[string]Source{
		"doc":       {ID: "doc", Class: OfficialDocument},
		"site":      {ID: "site", Class: OfficialSite, Date: d("2019-12-27")},
		"statement": {ID: "statement", Class: OfficialStatement, Date: d("2019-12-18")},
		"press-old": {ID: "press-old", Class: NewsAgency, Date: d("2019-01-01")},
		"press-new": {ID: "press-new", Class: NewsAgency, Date: d("2019-06-01")},
	}
	f := func(id, stage string, year int, state, metric string, v float64, q Qualifier, source string) ResultFigure {
		unit := "t"
		if metric == "channels" {
			unit = "count"
		}
		return ResultFigure{ID: id, Operation: "op", Stage: stage, Year: year, State: state, Metric: metric, Unit: unit, Value: v, Qualifier: q, Source: source}
	}
	figs := []ResultFigure{
		f("s1-KZ", "s1", 0, "KZ", "seized", 2, Exact, "doc"),
		f("s1-RU", "s1", 0, "RU", "seized", 3, About, "doc"),
		f("s2-all", "s2", 0, "", "seized", 4, MoreThan, "doc"),
		f("s2-TJ", "s2", 0, "TJ", "seized", 1, Exact, "doc"), // a part of the whole-operation figure: not added to it
		f("s3-all", "s3", 0, "", "seized", 6, Exact, "doc"),
		f("y2019-all", "", 2019, "", "seized", 10, About, "doc"),
		f("y2019-old", "", 2019, "", "channels", 25, About, "press-old"),
		f("y2019-new", "", 2019, "", "channels", 28, Exact, "press-new"),
		f("y2019-site", "", 2019, "", "channels", 30, MoreThan, "site"),
		f("y2019-stmt", "", 2019, "", "channels", 39, Exact, "statement"),
		{ID: "cum-2017", Operation: "op", Since: d("2003-01-01"), AsOf: d("2017-05-25"), Metric: "seized", Unit: "t", Value: 335, Qualifier: About, Source: "press-old"},
		{ID: "cum-2018", Operation: "op", Since: d("2003-01-01"), AsOf: d("2018-02-08"), Metric: "seized", Unit: "t", Value: 360, Qualifier: MoreThan, Source: "press-new"},
	}
	return op, figs, src
}

func totalsByKey(ts []Total) map[string]Total {
	m := map[string]Total{}
	for _, t := range ts {
		m[t.Key] = t
	}
	return m
}

func TestAggregatesPerStageYearStateAndSinceInception(t *testing.T) {
	op, figs, src := fixtureOperation()
	all, err := AggregateFigures(op, figs, src)
	if err != nil {
		t.Fatal(err)
	}
	seized, channels := all[0], all[1]
	stages := totalsByKey(seized.Stages)
	if s := stages["s1"]; s.Amount != (Amount{5, "t", About}) || s.Basis != BasisSumOfStates {
		t.Errorf("stage s1: %+v", s)
	}
	if s := stages["s2"]; s.Amount != (Amount{4, "t", MoreThan}) || s.Basis != BasisReported {
		t.Errorf("stage s2 (whole operation reported, the state's part not added): %+v", s)
	}
	years := totalsByKey(seized.Years)
	if y := years["2018"]; y.Amount != (Amount{9, "t", MoreThan}) || y.Basis != BasisSumOfStages {
		t.Errorf("2018 from its stages (about 5 + more than 4): %+v", y)
	}
	if y := years["2019"]; y.Amount != (Amount{10, "t", About}) || y.Basis != BasisReported {
		t.Errorf("2019 reported for the whole year: %+v", y)
	}
	states := totalsByKey(seized.States)
	if s := states["RU"]; s.Amount != (Amount{3, "t", About}) || len(states) != 3 {
		t.Errorf("states: %+v", seized.States)
	}
	if seized.SinceInception == nil || seized.SinceInception.Amount != (Amount{360, "t", MoreThan}) || len(seized.Cumulative) != 2 {
		t.Errorf("since inception: the latest cumulative report, both kept: %+v %+v", seized.SinceInception, seized.Cumulative)
	}
	// Four sources disagree about the channels of 2019: one is chosen, the others are
	// kept beside it, and none is added to another.
	if len(channels.Conflicts) != 1 {
		t.Fatalf("conflicts: %+v", channels.Conflicts)
	}
	c := channels.Conflicts[0]
	if c.Chosen.ID != "y2019-site" || len(c.Others) != 3 || c.Others[0].ID != "y2019-stmt" || c.Others[1].ID != "y2019-new" || !strings.Contains(c.Why.EN, "ranks above") || !strings.Contains(c.Why.RU, "авторитетнее") {
		t.Errorf("the choice: %+v", c)
	}
	if y := totalsByKey(channels.Years)["2019"]; y.Amount != (Amount{30, "count", MoreThan}) || len(y.Figures) != 1 {
		t.Errorf("conflicting figures were added together: %+v", y)
	}
	if channels.SinceInception.Amount != (Amount{30, "count", MoreThan}) || channels.SinceInception.Basis != BasisSumOfYears {
		t.Errorf("since inception without a cumulative report: %+v", channels.SinceInception)
	}
	// Between two news agencies, the more recent wins.
	tie := ChooseFigures([]ResultFigure{figs[6], figs[7]}, src)
	if tie[0].Chosen.ID != "y2019-new" || !strings.Contains(tie[0].Why.EN, "more recent") {
		t.Errorf("tie between sources of one class: %+v", tie)
	}
	// A figure in another unit than its metric is refused.
	bad := append(figs, ResultFigure{ID: "kg", Operation: "op", Year: 2019, Metric: "seized", Unit: "kg", Value: 1, Qualifier: Exact, Source: "doc"})
	if _, err := AggregateFigures(op, bad, src); ErrorCode(err) != EINVALID {
		t.Fatalf("a figure in kg for a metric in t: %v", err)
	}
}

func TestThreatLevelHistory(t *testing.T) {
	th := &Threat{Assessments: []ThreatAssessment{
		{Date: d("2017-01-01"), Level: 3}, {Date: d("2019-01-15"), Level: 4, Trend: Rising},
		{Date: d("2019-06-01"), Level: 4}, {Date: d("2019-11-29"), Level: 5}, {Date: d("2020-03-01"), Level: 3},
	}}
	h := th.LevelHistory(d("2019-01-01"), d("2019-12-31"))
	got := []int{}
	for _, p := range h {
		got = append(got, p.Level*10+p.Change)
	}
	// The level in force when the period opens (3, from 2017), then each assessment in it.
	want := []int{30, 41, 40, 51}
	if len(got) != len(want) {
		t.Fatalf("history %+v", h)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("history %+v", h)
		}
	}
	if all := th.LevelHistory(Date{}, Date{}); len(all) != 5 || all[4].Change != -2 {
		t.Fatalf("whole history: %+v", all)
	}
	if latest, ok := th.LatestAssessment(d("2019-12-31")); !ok || latest.Level != 5 {
		t.Fatalf("latest: %+v", latest)
	}
}

func TestPersonalDataFieldNames(t *testing.T) {
	for _, f := range []string{"full_name", "Surname", "date-of-birth", "passport number", "PERSONS", "fingerprint"} {
		if !IsPersonalDataField(f) {
			t.Errorf("%q is not recognized as personal data", f)
		}
	}
	for _, f := range []string{"value", "state", "metric", "code_name", "state_name", "people_identified"} {
		if IsPersonalDataField(f) {
			t.Errorf("%q is taken for personal data", f)
		}
	}
	err := PersonalDataError("surname")
	if ErrorCode(err) != EINVALID || !strings.Contains(err.Error(), "aggregate figures") {
		t.Fatal(err)
	}
}

// Figures of different scope are about different things: the 2019 figure of all
// regular operations is never a conflicting report of one operation's 2019 figure,
// and is never added to it.
func TestFiguresOfDifferentScopeAreNeverComparedOrAdded(t *testing.T) {
	op, _, src := fixtureOperation()
	one := ResultFigure{ID: "op-2019", Operation: "op", Year: 2019, Metric: "channels", Unit: "count", Value: 30, Qualifier: MoreThan, Source: "site"}
	programme := ResultFigure{ID: "all-2019", Scope: ScopeProgramme, Year: 2019, Metric: "channels", MetricName: T("каналы", "channels"),
		Unit: "count", Value: 39, Qualifier: Exact, Source: "statement"}
	programme2 := programme
	programme2.ID, programme2.Value, programme2.Source = "all-2019-press", 40, "press-new"
	several := ResultFigure{ID: "two-2019", Scope: ScopeOperations, Operations: []string{"other", "op"}, Year: 2019, Metric: "channels",
		MetricName: T("каналы", "channels"), Unit: "count", Value: 35, Qualifier: About, Source: "doc"}
	for _, f := range []ResultFigure{one, programme, several} {
		if err := f.Validate(); err != nil {
			t.Fatalf("%s: %v", f.ID, err)
		}
	}
	figs := []ResultFigure{one, programme, programme2, several}
	all, err := AggregateFigures(op, figs, src)
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 1 || len(all[0].Conflicts) != 0 || all[0].Years[0].Amount != (Amount{30, "count", MoreThan}) || len(all[0].Years[0].Figures) != 1 {
		t.Fatalf("the operation's totals took in figures of a wider scope: %+v", all)
	}
	wider, err := AggregateWider(figs, src)
	if err != nil {
		t.Fatal(err)
	}
	if len(wider) != 2 {
		t.Fatalf("wider totals: %+v", wider)
	}
	several2, prog := wider[0], wider[1]
	if several2.Scope != ScopeOperations || !slices.Equal(several2.Operations, []string{"op", "other"}) || len(several2.Conflicts) != 0 ||
		several2.Years[0].Amount != (Amount{35, "count", About}) {
		t.Errorf("the figure of two operations: %+v", several2)
	}
	// Two reports of the programme's figure disagree with each other, and only with each other.
	if prog.Scope != ScopeProgramme || len(prog.Conflicts) != 1 || prog.Conflicts[0].Chosen.ID != "all-2019" || len(prog.Conflicts[0].Others) != 1 ||
		prog.Years[0].Amount != (Amount{39, "count", Exact}) || prog.Metric.Name.EN != "channels" {
		t.Errorf("the programme's figure: %+v", prog)
	}
	if !one.Covers("op") || one.Covers("other") || !several.Covers("other") || !programme.Covers("anything") {
		t.Error("Covers")
	}
	if one.Subject() == programme.Subject() || one.Subject() == several.Subject() {
		t.Error("figures of different scope share a subject")
	}
}

// CheckFigureTotal bounds all the figures of a coverage and metric together, so that no
// total any reader is shown can pass MaxFigureValue; fractions leave room for rounding.
func TestFigureTotalsAreBoundedWhateverTheView(t *testing.T) {
	fig := func(id, op string, v float64) ResultFigure {
		return ResultFigure{ID: id, Operation: op, Year: 2019, Metric: "seized", Unit: "t", Value: v, Qualifier: Exact, Source: "s"}
	}
	cumulative := fig("since", "op", MaxFigureValue)
	cumulative.Year, cumulative.Since = 0, MustDate("2003-01-01")
	// Exactly 2^53 − 1 in all, but added in this order, each rounding to even, the
	// doubles reach 2^53: a bound without a margin would let the page fail.
	tricky := []Amount{{Value: 1<<52 + 1, Unit: "t", Qualifier: Exact}, {Value: 0.5, Unit: "t", Qualifier: Exact}, {Value: 1<<52 - 2.5, Unit: "t", Qualifier: Exact}}
	if _, err := Sum(tricky); err == nil {
		t.Fatal("the tricky sum no longer rounds past the bound: the case below shows nothing")
	}
	for _, c := range []struct {
		name     string
		f        ResultFigure
		recorded []ResultFigure
		refused  bool
	}{
		{"whole values up to the bound", fig("b", "op", 1), []ResultFigure{fig("a", "op", MaxFigureValue-1)}, false},
		{"whole values past it", fig("b", "op", 2), []ResultFigure{fig("a", "op", MaxFigureValue-1)}, true},
		{"a cumulative figure is never added", cumulative, []ResultFigure{fig("a", "op", MaxFigureValue)}, false},
		{"nor counted", fig("b", "op", 1), []ResultFigure{cumulative, fig("a", "op", MaxFigureValue-1)}, false},
		{"another operation's figures", fig("b", "op", 1), []ResultFigure{fig("a", "other", MaxFigureValue)}, false},
		{"fractions that would round past it", fig("c", "op", 1<<52-2.5), []ResultFigure{fig("a", "op", 1<<52+1), fig("b", "op", 0.5)}, true},
		{"fractions far from it", fig("c", "op", 2.5), []ResultFigure{fig("a", "op", 1e15), fig("b", "op", 0.5)}, false},
		{"a bad value is Validate's to refuse", fig("b", "op", math.Inf(1)), []ResultFigure{fig("a", "op", MaxFigureValue)}, false},
	} {
		err := CheckFigureTotal(c.f, c.recorded)
		if c.refused != (err != nil) || err != nil && (ErrorCode(err) != EINVALID || ErrorFields(err)["value"] == "") {
			t.Errorf("%s: %v", c.name, err)
		}
	}
}
