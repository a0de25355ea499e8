package secretariat

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
)

// Metric is a quantity an operation reports, with its unit.
type Metric struct {
	Key  string `json:"key"`
	Name Text   `json:"name"`
	Unit string `json:"unit"`
}

// Units the record knows.
var Units = []string{"kg", "t", "count"}

// Stage is one stage of an operation.
type Stage struct {
	ID    string `json:"id"`
	Name  Text   `json:"name,omitzero"`
	From  Date   `json:"from,omitzero"`
	Until Date   `json:"until,omitzero"`
	// HQ is the coordinating headquarters.
	HQ           Text     `json:"hq,omitzero"`
	Participants []string `json:"participants,omitempty" ref:"state"`
	// Observers are observer states (IDs) or organizations (names).
	Observers []string `json:"observers,omitempty"`
	Provenance
}

// Operation is a regular joint operation of the member states.
type Operation struct {
	ID       string `json:"id"`
	CodeName Text   `json:"code_name"`
	Purpose  Text   `json:"purpose,omitzero"`
	// Mandate is the decision that set the operation up, when it is in the record;
	// MandateNote describes it otherwise.
	Mandate     string   `json:"mandate,omitempty" ref:"decision"`
	MandateNote Text     `json:"mandate_note,omitzero"`
	Permanent   bool     `json:"permanent,omitempty"`
	Since       Date     `json:"since,omitzero"`
	Metrics     []Metric `json:"metrics"`
	Stages      []Stage  `json:"stages,omitempty"`
	Access
	Provenance
}

// Metric returns the metric with the key.
func (o *Operation) Metric(key string) (Metric, bool) {
	i := slices.IndexFunc(o.Metrics, func(m Metric) bool { return m.Key == key })
	if i < 0 {
		return Metric{}, false
	}
	return o.Metrics[i], true
}

// Stage returns the stage with the ID.
func (o *Operation) Stage(id string) (Stage, bool) {
	i := slices.IndexFunc(o.Stages, func(s Stage) bool { return s.ID == id })
	if i < 0 {
		return Stage{}, false
	}
	return o.Stages[i], true
}

// Validate checks the operation, its metrics and stages.
func (o *Operation) Validate() error {
	f := fieldErrors{}
	checkID(f, "id", o.ID, true)
	o.CodeName.validate(f, "code_name", true)
	o.Purpose.validate(f, "purpose", false)
	checkID(f, "mandate", o.Mandate, false)
	o.MandateNote.validate(f, "mandate_note", false)
	keys := map[string]bool{}
	for i, m := range o.Metrics {
		fi := fieldIndex("metrics", i)
		checkID(f, fi+".key", m.Key, true)
		if keys[m.Key] {
			f.addf(fi+".key", "metric %s is defined twice", m.Key)
		}
		keys[m.Key] = true
		m.Name.validate(f, fi+".name", true)
		if !slices.Contains(Units, m.Unit) {
			f.addf(fi+".unit", "%q is not a unit: use one of %v", m.Unit, Units)
		}
	}
	stages := map[string]bool{}
	for i, s := range o.Stages {
		fi := fieldIndex("stages", i)
		checkID(f, fi+".id", s.ID, true)
		if stages[s.ID] {
			f.addf(fi+".id", "stage %s is defined twice", s.ID)
		}
		stages[s.ID] = true
		s.Name.validate(f, fi+".name", false)
		if !s.Until.IsZero() && s.Until.Before(s.From) {
			f.add(fi+".until", "is before the start of the stage")
		}
		s.HQ.validate(f, fi+".hq", false)
		checkRefs(f, fi+".participants", s.Participants)
		checkRefs(f, fi+".sources", s.Sources)
	}
	o.Access.validate(f)
	o.Provenance.validate(f)
	return f.err("operation " + o.ID)
}

// Qualifier says how exact a reported figure is.
type Qualifier string

// Qualifiers.
const (
	Exact    Qualifier = "exact"
	About    Qualifier = "about"
	MoreThan Qualifier = "more_than"
	LessThan Qualifier = "less_than"
)

// Qualifiers lists every qualifier.
var Qualifiers = []Qualifier{Exact, About, MoreThan, LessThan}

// Amount is a value with its unit and qualifier: "about 600 people", "more than 30
// channels".
type Amount struct {
	Value     float64   `json:"value"`
	Unit      string    `json:"unit"`
	Qualifier Qualifier `json:"qualifier"`
}

// Add sums two amounts. The qualifier of a sum is the weaker of the two: exact + about
// is about; exact + more than is more than; about + more than is more than (the sum is
// at least roughly that much). A lower bound and an upper bound do not add up to
// anything, and neither do different units: both are refused.
func (a Amount) Add(b Amount) (Amount, error) {
	if a.Unit != b.Unit {
		return Amount{}, Errorf(EINVALID, "cannot add %s to %s: the units differ", b.Unit, a.Unit)
	}
	q, err := combineQualifiers(a.Qualifier, b.Qualifier)
	if err != nil {
		return Amount{}, err
	}
	sum := a.Value + b.Value
	if !(sum <= MaxFigureValue) { // also NaN and ±Inf
		return Amount{}, Errorf(EINVALID, "cannot add %s to %s: the total would be above %s (2^53 − 1), beyond which it is not kept exactly",
			FormatValue(b.Value), FormatValue(a.Value), FormatValue(MaxFigureValue))
	}
	return Amount{Value: sum, Unit: a.Unit, Qualifier: q}, nil
}

// MaxFigureValue is the largest value a result figure, or a total of figures, may have:
// 2^53 − 1, the largest integer a double keeps exactly with every integer below it.
// Above it, values and their sums would be rounded without a word (and two values near
// a double's limit add up to infinity, which JSON cannot write). No count or measure of
// an operation comes near it.
const MaxFigureValue = 1<<53 - 1

// FigureValueProblem says why v cannot be a figure's value, or "" when it can: a value
// is a finite number from zero to MaxFigureValue.
func FigureValueProblem(v float64) string {
	switch {
	case math.IsNaN(v) || math.IsInf(v, 0) || v < 0:
		return "must be a finite number, zero or more"
	case v > MaxFigureValue:
		return fmt.Sprintf("%s is above %s (2^53 − 1): a double could not keep it, or the totals it enters, exactly", FormatValue(v), FormatValue(MaxFigureValue))
	}
	return ""
}

func combineQualifiers(a, b Qualifier) (Qualifier, error) {
	for _, q := range []Qualifier{a, b} {
		if !slices.Contains(Qualifiers, q) {
			return "", Errorf(EINVALID, "%q is not a qualifier: use exact, about, more_than or less_than", q)
		}
	}
	switch {
	case a == b:
		return a, nil
	case a == Exact:
		return b, nil
	case b == Exact:
		return a, nil
	case (a == MoreThan && b == LessThan) || (a == LessThan && b == MoreThan):
		return "", Errorf(EINVALID, "cannot add a lower bound (more than) to an upper bound (less than): the sum is unknown")
	case a == MoreThan || b == MoreThan:
		return MoreThan, nil
	default:
		return LessThan, nil
	}
}

// Sum adds amounts left to right. The sum of none is an exact zero with no unit.
func Sum(amounts []Amount) (Amount, error) {
	if len(amounts) == 0 {
		return Amount{Qualifier: Exact}, nil
	}
	total := amounts[0]
	for _, a := range amounts[1:] {
		var err error
		if total, err = total.Add(a); err != nil {
			return Amount{}, err
		}
	}
	return total, nil
}

// FormatValue renders a number without a trailing ".0".
func FormatValue(v float64) string {
	if v == math.Trunc(v) && math.Abs(v) < 1e15 {
		return strconv.FormatInt(int64(v), 10)
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// FigureScope says what a result figure covers: one operation, several operations
// together, or the organization's whole programme of regular operations for a period.
// Figures of different scope are about different things: they are never compared as
// conflicting reports, and never added to each other.
type FigureScope string

// Figure scopes.
const (
	// ScopeOperation is one operation, named by Operation. An empty scope means this.
	ScopeOperation FigureScope = "operation"
	// ScopeOperations is several operations taken together, named by Operations.
	ScopeOperations FigureScope = "operations"
	// ScopeProgramme is all the organization's regular operations over the figure's
	// period, whichever they were.
	ScopeProgramme FigureScope = "programme"
)

// FigureScopes lists every scope, from the narrowest.
var FigureScopes = []FigureScope{ScopeOperation, ScopeOperations, ScopeProgramme}

// ResultFigure is one reported aggregate of one operation, of several operations, or of
// the whole programme of operations: never a person.
type ResultFigure struct {
	ID string `json:"id"`
	// Scope is what the figure covers; empty means one operation.
	Scope FigureScope `json:"scope,omitempty"`
	// Operation is the operation of a figure of one operation.
	Operation string `json:"operation,omitempty" ref:"operation"`
	// Operations are the operations a figure of several operations covers together.
	Operations []string `json:"operations,omitempty" ref:"operation"`
	// Stage is the stage reported on; empty for a year or a cumulative figure. A stage's
	// figures count in the year the stage began.
	Stage string `json:"stage,omitempty"`
	// Year is the year reported on; zero for a stage or a cumulative figure.
	Year int `json:"year,omitempty"`
	// Since and AsOf bound a cumulative figure: "since 2003, as of 25 May 2017". AsOf
	// may be unknown when the source does not date its total.
	Since Date `json:"since,omitzero"`
	AsOf  Date `json:"as_of,omitzero"`
	// State is the reporting state; empty for the whole operation.
	State  string `json:"state,omitempty" ref:"state"`
	Metric string `json:"metric"`
	// MetricName names the metric of a figure that covers more than one operation,
	// where no operation's own metric names it.
	MetricName Text      `json:"metric_name,omitzero"`
	Unit       string    `json:"unit"`
	Value      float64   `json:"value"`
	Qualifier  Qualifier `json:"qualifier"`
	// Source is the one source of this figure. Figures from different sources are kept
	// side by side, never added together.
	Source string `json:"source" ref:"source"`
	Note   Text   `json:"note,omitzero"`
	Access
	Provenance
}

// Amount returns the figure's value with its unit and qualifier.
func (r *ResultFigure) Amount() Amount {
	return Amount{Value: r.Value, Unit: r.Unit, Qualifier: r.Qualifier}
}

// ScopeOf returns the figure's scope, reading the empty scope as one operation.
func (r *ResultFigure) ScopeOf() FigureScope {
	if r.Scope == "" {
		return ScopeOperation
	}
	return r.Scope
}

// Covers reports whether the figure counts the operation's results, alone or with
// others. A programme figure covers every regular operation of its period.
func (r *ResultFigure) Covers(operation string) bool {
	switch r.ScopeOf() {
	case ScopeOperation:
		return r.Operation == operation
	case ScopeOperations:
		return slices.Contains(r.Operations, operation)
	}
	return true
}

// Coverage names what the figure covers, as a key: "operation:channel",
// "operations:channel+illegal", "programme". Only figures with the same coverage can
// be about the same thing.
func (r *ResultFigure) Coverage() string {
	switch r.ScopeOf() {
	case ScopeOperations:
		ops := slices.Clone(r.Operations)
		slices.Sort(ops)
		return string(ScopeOperations) + ":" + strings.Join(ops, "+")
	case ScopeProgramme:
		return string(ScopeProgramme)
	}
	return string(ScopeOperation) + ":" + r.Operation
}

// Period names the stretch of time the figure reports on: "stage:s1", "year:2019" or
// "since:2003-01-01:2017-05-25".
func (r *ResultFigure) Period() string {
	switch {
	case r.Stage != "":
		return "stage:" + r.Stage
	case r.Year != 0:
		return "year:" + strconv.Itoa(r.Year)
	default:
		return "since:" + r.Since.String() + ":" + r.AsOf.String()
	}
}

// Subject names what the figure is about, apart from its source: its coverage, metric,
// state and period. Two figures with the same subject and different sources disagree
// about the same thing; figures with different subjects never conflict.
func (r *ResultFigure) Subject() string {
	return r.Coverage() + "|" + r.Metric + "|" + r.State + "|" + r.Period()
}

// Validate checks the figure.
func (r *ResultFigure) Validate() error {
	f := fieldErrors{}
	checkID(f, "id", r.ID, true)
	switch r.ScopeOf() {
	case ScopeOperation:
		checkID(f, "operation", r.Operation, true)
		if len(r.Operations) > 0 {
			f.add("operations", "a figure of one operation names it in operation; use scope operations for several")
		}
	case ScopeOperations:
		if r.Operation != "" {
			f.add("operation", "a figure of several operations names them in operations")
		}
		checkRefs(f, "operations", r.Operations)
		distinct := slices.Clone(r.Operations)
		slices.Sort(distinct)
		if len(slices.Compact(distinct)) < 2 {
			f.add("operations", "a figure of several operations names two or more different operations")
		}
	case ScopeProgramme:
		if r.Operation != "" || len(r.Operations) > 0 {
			f.add("scope", "a figure of the whole programme of operations names no operation; use scope operation or operations to name them")
		}
	default:
		f.addf("scope", "%q is not a scope: use operation, operations or programme", r.Scope)
	}
	if r.ScopeOf() != ScopeOperation {
		if r.Stage != "" {
			f.add("stage", "a stage belongs to one operation; a figure of several operations reports a year or a period")
		}
		r.MetricName.validate(f, "metric_name", true)
	} else {
		r.MetricName.validate(f, "metric_name", false)
	}
	checkID(f, "stage", r.Stage, false)
	periods := 0
	if r.Stage != "" {
		periods++
	}
	if r.Year != 0 {
		if r.Year < 1900 || r.Year > 2200 {
			f.add("year", "is not a plausible year")
		}
		periods++
	}
	if !r.Since.IsZero() {
		periods++
		if !r.AsOf.IsZero() && r.AsOf.Before(r.Since) {
			f.add("as_of", "is before the start of the period")
		}
	} else if !r.AsOf.IsZero() {
		f.add("since", "a cumulative figure says since when")
	}
	if periods == 0 {
		f.add("period", "say what period the figure covers: a stage, a year, or a period since a date")
	}
	if periods > 1 {
		f.add("period", "a figure covers one of a stage, a year or a cumulative period")
	}
	checkID(f, "state", r.State, false)
	checkID(f, "metric", r.Metric, true)
	if !slices.Contains(Units, r.Unit) {
		f.addf("unit", "%q is not a unit: use one of %v", r.Unit, Units)
	}
	if p := FigureValueProblem(r.Value); p != "" {
		f.add("value", p)
	}
	if !slices.Contains(Qualifiers, r.Qualifier) {
		f.addf("qualifier", "%q is not a qualifier: use exact, about, more_than or less_than", r.Qualifier)
	}
	checkID(f, "source", r.Source, true)
	r.Note.validate(f, "note", false)
	r.Access.validate(f)
	r.Provenance.validate(f)
	return f.err("result figure " + r.ID)
}
