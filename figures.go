package secretariat

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
)

// FigureChoice is the figures reported about one subject (the same coverage, metric,
// state and period), from one or more sources. Figures from different sources are
// never added together: one is chosen for totals, and the others are kept beside it.
type FigureChoice struct {
	Subject string         `json:"subject"`
	Chosen  ResultFigure   `json:"chosen"`
	Others  []ResultFigure `json:"others,omitempty"`
	// Why says, for people, how the chosen figure was picked.
	Why Text `json:"why,omitzero"`
}

// Basis says how a total was made.
type Basis string

// Bases of totals.
const (
	BasisReported         Basis = "reported"          // one figure, as reported
	BasisSumOfStates      Basis = "sum_of_states"     // the states' figures added
	BasisSumOfStages      Basis = "sum_of_stages"     // the stages' totals added
	BasisSumOfYears       Basis = "sum_of_years"      // the years' totals added
	BasisCumulative       Basis = "cumulative"        // a cumulative report
	BasisLatestCumulative Basis = "latest_cumulative" // the latest of the cumulative reports
)

// Total is an aggregate with the figures behind it.
type Total struct {
	Key     string   `json:"key"`
	Amount  Amount   `json:"amount"`
	Basis   Basis    `json:"basis"`
	Figures []string `json:"figures"`
}

// MetricTotals are one metric's aggregates for an operation.
type MetricTotals struct {
	Metric         Metric         `json:"metric"`
	Stages         []Total        `json:"stages,omitempty"`
	Years          []Total        `json:"years,omitempty"`
	States         []Total        `json:"states,omitempty"`
	SinceInception *Total         `json:"since_inception,omitempty"`
	Cumulative     []Total        `json:"cumulative,omitempty"`
	Conflicts      []FigureChoice `json:"conflicts,omitempty"`
}

// preferFigure orders figures for the same scope: the most authoritative source class
// first, then the most recent source, then the figure ID, so the choice is stable.
func preferFigure(sources map[string]Source) func(a, b ResultFigure) int {
	return func(a, b ResultFigure) int {
		sa, sb := sources[a.Source], sources[b.Source]
		if d := sa.Class.Authority() - sb.Class.Authority(); d != 0 {
			return d
		}
		switch {
		case sa.Date.IsZero() && !sb.Date.IsZero():
			return 1
		case !sa.Date.IsZero() && sb.Date.IsZero():
			return -1
		}
		if c := sb.Date.Compare(sa.Date); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	}
}

// ChooseFigures groups figures by subject and picks one per subject. Figures of
// different scope have different subjects, so they are never set against each other.
func ChooseFigures(figs []ResultFigure, sources map[string]Source) []FigureChoice {
	groups := map[string][]ResultFigure{}
	var subjects []string
	for _, f := range figs {
		s := f.Subject()
		if _, ok := groups[s]; !ok {
			subjects = append(subjects, s)
		}
		groups[s] = append(groups[s], f)
	}
	sort.Strings(subjects)
	out := make([]FigureChoice, 0, len(subjects))
	for _, s := range subjects {
		g := groups[s]
		slices.SortStableFunc(g, preferFigure(sources))
		c := FigureChoice{Subject: s, Chosen: g[0], Others: g[1:]}
		if len(g) > 1 {
			c.Why = whyChosen(sources[g[0].Source], sources[g[1].Source])
		}
		out = append(out, c)
	}
	return out
}

// whyChosen says, in both languages, why the figure of source a was taken over b's.
func whyChosen(a, b Source) Text {
	ca, cb := EnumSourceClass.In(string(a.Class), EN), EnumSourceClass.In(string(b.Class), EN)
	ra, rb := EnumSourceClass.In(string(a.Class), RU), EnumSourceClass.In(string(b.Class), RU)
	if a.Class != b.Class {
		return T(fmt.Sprintf("источник «%s» (%s) авторитетнее, чем «%s» (%s)", a.Title.In(RU), ra, b.Title.In(RU), rb),
			fmt.Sprintf("“%s” (%s) ranks above “%s” (%s)", a.Title.In(EN), ca, b.Title.In(EN), cb))
	}
	return T(fmt.Sprintf("источники одного класса (%s); «%s» — более поздний", ra, a.Title.In(RU)),
		fmt.Sprintf("both sources are of one class (%s); “%s” is the more recent", ca, a.Title.In(EN)))
}

// AggregateFigures computes an operation's totals for each metric. Figures from
// different sources for the same scope are shown as conflicts and only the chosen one
// counts. Qualifiers carry through sums ("about 600" + 12 is "about 612"); a sum that
// mixes units, or a lower with an upper bound, is refused.
//
//   - A stage's total is the whole-operation figure for the stage, or else the sum of
//     the states' figures.
//   - A year's total is the whole-operation figure for the year, or else the sum of the
//     states' figures for the year, or else the sum of the stages that began that year.
//   - A state's total is the sum of its yearly figures, or else of its stage figures.
//   - The total since inception is the latest cumulative report, or else the sum of
//     the years.
//
// Only the operation's own figures count: a figure of several operations or of the
// whole programme is about something else, and is aggregated by AggregateWider.
func AggregateFigures(op *Operation, figs []ResultFigure, sources map[string]Source) ([]MetricTotals, error) {
	var out []MetricTotals
	for _, m := range op.Metrics {
		var mine []ResultFigure
		for _, f := range figs {
			if f.ScopeOf() == ScopeOperation && f.Operation == op.ID && f.Metric == m.Key {
				if f.Unit != m.Unit {
					return nil, Errorf(EINVALID, "figure %s of %s is in %s, but the metric %s is in %s", f.ID, op.ID, f.Unit, m.Key, m.Unit)
				}
				mine = append(mine, f)
			}
		}
		if len(mine) == 0 {
			continue
		}
		mt, err := aggregateMetric(op, m, ChooseFigures(mine, sources))
		if err != nil {
			return nil, fmt.Errorf("%s, %s: %w", op.ID, m.Key, err)
		}
		out = append(out, mt)
	}
	return out, nil
}

// WiderTotals are the aggregates of the figures that cover more than one operation
// with the same coverage (the same operations together, or the whole programme) and
// metric. They stand apart from any one operation's totals.
type WiderTotals struct {
	Scope FigureScope `json:"scope"`
	// Operations are the operations covered together; empty for the programme.
	Operations []string `json:"operations,omitempty"`
	MetricTotals
}

// AggregateWider computes the totals of figures of several operations or of the whole
// programme, per coverage and metric, by the rules of AggregateFigures. Conflicts are
// only between figures of the same coverage; figures of one operation are ignored.
func AggregateWider(figs []ResultFigure, sources map[string]Source) ([]WiderTotals, error) {
	type key struct{ coverage, metric string }
	groups := map[key][]ResultFigure{}
	var keys []key
	for _, f := range figs {
		if f.ScopeOf() == ScopeOperation {
			continue
		}
		k := key{f.Coverage(), f.Metric}
		if _, ok := groups[k]; !ok {
			keys = append(keys, k)
		}
		groups[k] = append(groups[k], f)
	}
	slices.SortFunc(keys, func(a, b key) int {
		if c := strings.Compare(a.coverage, b.coverage); c != 0 {
			return c
		}
		return strings.Compare(a.metric, b.metric)
	})
	var out []WiderTotals
	for _, k := range keys {
		g := groups[k]
		first := g[0]
		m := Metric{Key: first.Metric, Name: first.MetricName, Unit: first.Unit}
		for _, f := range g {
			if f.Unit != m.Unit {
				return nil, Errorf(EINVALID, "figure %s is in %s, but %s of the same coverage are in %s", f.ID, f.Unit, m.Key, m.Unit)
			}
		}
		mt, err := aggregateMetric(&Operation{}, m, ChooseFigures(g, sources))
		if err != nil {
			return nil, fmt.Errorf("%s, %s: %w", k.coverage, k.metric, err)
		}
		w := WiderTotals{Scope: first.ScopeOf(), MetricTotals: mt}
		if w.Scope == ScopeOperations {
			w.Operations = slices.Clone(first.Operations)
			slices.Sort(w.Operations)
		}
		out = append(out, w)
	}
	return out, nil
}

// CheckFigureTotal refuses figure f when, with the figures already recorded, the totals
// of its coverage and metric could pass MaxFigureValue. Figures not of f's coverage and
// metric, among recorded, are ignored, so a caller may pass more than those.
//
// The bound is on all those figures together, not on the totals of one view: every
// total any reader is shown (whichever figures the reader may see, as of whatever time,
// whichever source is chosen for a subject) adds up some of them, each at most once, and
// never a cumulative figure, which is a total already and is shown as reported. Checked
// on one view, a figure could pass that breaks another reader's page, or be refused or
// accepted depending on the order figures arrive in; a bound on the whole never is.
//
// Whole values add exactly below 2^53, so they may reach MaxFigureValue together. Each
// addition of fractional values rounds by up to half a unit near 2^53, so with a fraction
// among them a margin of one per figure keeps every rounded total within the bound.
func CheckFigureTotal(f ResultFigure, recorded []ResultFigure) error {
	if FigureValueProblem(f.Value) != "" || !f.Since.IsZero() {
		return nil // Validate refuses a bad value; a cumulative figure is never added
	}
	sum, n, whole := f.Value, 1, f.Value == math.Trunc(f.Value)
	for _, g := range recorded {
		if g.ID == f.ID || g.Coverage() != f.Coverage() || g.Metric != f.Metric || !g.Since.IsZero() {
			continue
		}
		sum += g.Value
		n++
		whole = whole && g.Value == math.Trunc(g.Value)
	}
	limit := float64(MaxFigureValue)
	if !whole {
		limit -= float64(n)
	}
	if sum <= limit {
		return nil
	}
	var what string
	switch f.ScopeOf() {
	case ScopeOperations:
		ops := slices.Clone(f.Operations)
		slices.Sort(ops)
		what = "operations " + strings.Join(ops, ", ") + " together"
	case ScopeProgramme:
		what = "the whole programme of operations"
	default:
		what = "operation " + f.Operation
	}
	bound := FormatValue(MaxFigureValue) + " (2^53 − 1)"
	if !whole {
		bound = FormatValue(limit) + " (2^53 − 1, less one per figure for the rounding of their fractions)"
	}
	return &Error{Code: EINVALID,
		Message: fmt.Sprintf("figure %s is refused and nothing was written: with it, the %d figures of %s on %s would add up to %s, "+
			"and totals are kept exactly only up to %s", f.ID, n, what, f.Metric, FormatValue(sum), bound),
		Fields: map[string]string{"value": fmt.Sprintf("is too large for the totals of %s on %s: check the value and its unit, or correct the figures already recorded", what, f.Metric)}}
}

func aggregateMetric(op *Operation, m Metric, choices []FigureChoice) (MetricTotals, error) {
	mt := MetricTotals{Metric: m}
	sum := func(key string, basis Basis, cs []FigureChoice) (Total, error) {
		t := Total{Key: key, Basis: basis, Amount: Amount{Unit: m.Unit, Qualifier: Exact}}
		amounts := make([]Amount, len(cs))
		for i, c := range cs {
			amounts[i] = c.Chosen.Amount()
			t.Figures = append(t.Figures, c.Chosen.ID)
		}
		a, err := Sum(amounts)
		if err != nil {
			return t, err
		}
		if len(cs) > 0 {
			t.Amount = a
		}
		return t, nil
	}
	byStage, byYear := map[string][]FigureChoice{}, map[int][]FigureChoice{}
	byState := map[string][]FigureChoice{}
	var cumulative []FigureChoice
	for _, c := range choices {
		f := c.Chosen
		if len(c.Others) > 0 {
			mt.Conflicts = append(mt.Conflicts, c)
		}
		switch {
		case f.Stage != "":
			byStage[f.Stage] = append(byStage[f.Stage], c)
		case f.Year != 0:
			byYear[f.Year] = append(byYear[f.Year], c)
		default:
			cumulative = append(cumulative, c)
		}
		if f.State != "" && f.Since.IsZero() {
			byState[f.State] = append(byState[f.State], c)
		}
	}
	// A total for a scope: the whole-operation figure if there is one, else the sum
	// of the states' figures.
	wholeOrStates := func(key string, cs []FigureChoice) (Total, error) {
		for _, c := range cs {
			if c.Chosen.State == "" {
				return sum(key, BasisReported, []FigureChoice{c})
			}
		}
		return sum(key, BasisSumOfStates, cs)
	}
	stageYear := map[string]int{}
	for _, st := range op.Stages {
		stageYear[st.ID] = st.From.Year()
	}
	stageTotals := map[int][]Total{}
	for _, id := range sortedKeys(byStage) {
		t, err := wholeOrStates(id, byStage[id])
		if err != nil {
			return mt, err
		}
		mt.Stages = append(mt.Stages, t)
		stageTotals[stageYear[id]] = append(stageTotals[stageYear[id]], t)
	}
	years := map[int]bool{}
	for y := range byYear {
		years[y] = true
	}
	for y := range stageTotals {
		if y != 0 {
			years[y] = true
		}
	}
	for _, y := range sortedKeys(years) {
		key := fmt.Sprint(y)
		var t Total
		var err error
		if cs := byYear[y]; len(cs) > 0 {
			t, err = wholeOrStates(key, cs)
		} else {
			t = Total{Key: key, Basis: BasisSumOfStages, Amount: Amount{Unit: m.Unit, Qualifier: Exact}}
			var amounts []Amount
			for _, st := range stageTotals[y] {
				amounts = append(amounts, st.Amount)
				t.Figures = append(t.Figures, st.Figures...)
			}
			t.Amount, err = Sum(amounts)
		}
		if err != nil {
			return mt, err
		}
		mt.Years = append(mt.Years, t)
	}
	for _, state := range sortedKeys(byState) {
		var yearly, staged []FigureChoice
		for _, c := range byState[state] {
			if c.Chosen.Year != 0 {
				yearly = append(yearly, c)
			} else {
				staged = append(staged, c)
			}
		}
		basis, cs := BasisSumOfYears, yearly
		if len(yearly) == 0 {
			basis, cs = BasisSumOfStages, staged
		}
		t, err := sum(state, basis, cs)
		if err != nil {
			return mt, err
		}
		mt.States = append(mt.States, t)
	}
	for _, c := range cumulative {
		f := c.Chosen
		key := "since " + f.Since.String()
		if !f.AsOf.IsZero() {
			key += " as of " + f.AsOf.String()
		}
		mt.Cumulative = append(mt.Cumulative, Total{Key: key, Basis: BasisCumulative, Amount: f.Amount(), Figures: []string{f.ID}})
	}
	if len(mt.Cumulative) > 0 {
		latest := mt.Cumulative[0]
		latestAsOf := cumulative[0].Chosen.AsOf
		for i, c := range cumulative[1:] {
			if c.Chosen.AsOf.After(latestAsOf) {
				latest, latestAsOf = mt.Cumulative[i+1], c.Chosen.AsOf
			}
		}
		latest.Basis = BasisLatestCumulative
		mt.SinceInception = &latest
	} else if len(mt.Years) > 0 {
		t := Total{Key: "since inception", Basis: BasisSumOfYears, Amount: Amount{Unit: m.Unit, Qualifier: Exact}}
		var amounts []Amount
		for _, y := range mt.Years {
			amounts = append(amounts, y.Amount)
			t.Figures = append(t.Figures, y.Figures...)
		}
		var err error
		if t.Amount, err = Sum(amounts); err != nil {
			return mt, err
		}
		mt.SinceInception = &t
	}
	return mt, nil
}

func sortedKeys[K int | string, V any](m map[K]V) []K {
	keys := make([]K, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// LevelPoint is a threat's level on a date, with the change from the assessment before.
type LevelPoint struct {
	Date   Date  `json:"date"`
	Level  int   `json:"level"`
	Trend  Trend `json:"trend,omitempty"`
	Change int   `json:"change"`
	// Illustrative marks a level no source gives.
	Illustrative bool `json:"illustrative,omitempty"`
}

// LevelHistory returns how a threat's level changed between from and to (inclusive;
// zero dates are open). The first point carries the level in force at from, so that a
// period that starts between assessments still shows where it started.
func (t *Threat) LevelHistory(from, to Date) []LevelPoint {
	as := slices.Clone(t.Assessments)
	slices.SortStableFunc(as, func(a, b ThreatAssessment) int { return a.Date.Compare(b.Date) })
	var out []LevelPoint
	prev := 0
	for i, a := range as {
		inPeriod := (from.IsZero() || !a.Date.Before(from)) && (to.IsZero() || !a.Date.After(to))
		startsPeriod := !from.IsZero() && a.Date.Before(from) && (i+1 == len(as) || as[i+1].Date.After(from))
		if inPeriod || startsPeriod {
			p := LevelPoint{Date: a.Date, Level: a.Level, Trend: a.Trend, Illustrative: a.Illustrative}
			if prev != 0 && len(out) > 0 {
				p.Change = a.Level - prev
			}
			out = append(out, p)
		}
		prev = a.Level
	}
	return out
}

// personalDataNames are field names that would hold data about people. The record keeps
// operations only as aggregate figures, so no input may carry them.
var personalDataNames = []string{"name", "names", "surname", "first_name", "firstname", "last_name", "lastname", "full_name", "fullname",
	"patronymic", "middle_name", "person", "persons", "people", "individual", "individuals", "identified_persons", "suspect", "suspects",
	"detainee", "detainees", "birth_date", "birthdate", "date_of_birth", "dob", "place_of_birth", "passport", "passport_number",
	"id_number", "national_id", "personal_number", "citizenship", "nationality", "address", "phone", "telephone", "email",
	"photo", "photograph", "fingerprint", "fingerprints", "biometrics", "gender", "sex", "age"}

// IsPersonalDataField reports whether a field name (in any case, with dashes, spaces or
// underscores) names data about a person.
func IsPersonalDataField(field string) bool {
	f := strings.NewReplacer("-", "_", " ", "_").Replace(strings.ToLower(strings.TrimSpace(field)))
	return slices.Contains(personalDataNames, f)
}

// PersonalDataError is the refusal of input that carries a field about people.
func PersonalDataError(field string) error {
	return &Error{Code: EINVALID,
		Message: fmt.Sprintf("%q looks like personal data: secretariat records operations only as aggregate figures and never stores data about the people an operation identifies; remove the field and report a count instead", field),
		Fields:  map[string]string{field: "personal data is not accepted"}}
}
