package secretariat

import (
	"math"
	"slices"
	"strconv"
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
	return Amount{Value: a.Value + b.Value, Unit: a.Unit, Qualifier: q}, nil
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

// ResultFigure is one reported aggregate of an operation: never a person.
type ResultFigure struct {
	ID        string `json:"id"`
	Operation string `json:"operation" ref:"operation"`
	// Stage is the stage reported on; empty for a year or a cumulative figure.
	Stage string `json:"stage,omitempty"`
	// Year is the year reported on; zero for a stage or a cumulative figure. A stage's
	// figures count in the year the stage began.
	Year int `json:"year,omitempty"`
	// Since and AsOf bound a cumulative figure: "since 2003, as of 25 May 2017". AsOf
	// may be unknown when the source does not date its total.
	Since Date `json:"since,omitzero"`
	AsOf  Date `json:"as_of,omitzero"`
	// State is the reporting state; empty for the whole operation.
	State     string    `json:"state,omitempty" ref:"state"`
	Metric    string    `json:"metric"`
	Unit      string    `json:"unit"`
	Value     float64   `json:"value"`
	Qualifier Qualifier `json:"qualifier"`
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

// Scope names what the figure is about, apart from its source: two figures with the same
// scope and different sources disagree about the same thing.
func (r *ResultFigure) Scope() string {
	s := r.Operation + "|" + r.Metric + "|" + r.State + "|"
	switch {
	case r.Stage != "":
		return s + "stage:" + r.Stage
	case r.Year != 0:
		return s + "year:" + strconv.Itoa(r.Year)
	default:
		return s + "since:" + r.Since.String() + ":" + r.AsOf.String()
	}
}

// Validate checks the figure.
func (r *ResultFigure) Validate() error {
	f := fieldErrors{}
	checkID(f, "id", r.ID, true)
	checkID(f, "operation", r.Operation, true)
	checkID(f, "stage", r.Stage, false)
	scopes := 0
	if r.Stage != "" {
		scopes++
	}
	if r.Year != 0 {
		if r.Year < 1900 || r.Year > 2200 {
			f.add("year", "is not a plausible year")
		}
		scopes++
	}
	if !r.Since.IsZero() {
		scopes++
		if !r.AsOf.IsZero() && r.AsOf.Before(r.Since) {
			f.add("as_of", "is before the start of the period")
		}
	} else if !r.AsOf.IsZero() {
		f.add("since", "a cumulative figure says since when")
	}
	if scopes == 0 {
		f.add("scope", "say what the figure covers: a stage, a year, or a period since a date")
	}
	if scopes > 1 {
		f.add("scope", "a figure covers one of a stage, a year or a cumulative period")
	}
	checkID(f, "state", r.State, false)
	checkID(f, "metric", r.Metric, true)
	if !slices.Contains(Units, r.Unit) {
		f.addf("unit", "%q is not a unit: use one of %v", r.Unit, Units)
	}
	if r.Value < 0 || math.IsNaN(r.Value) || math.IsInf(r.Value, 0) {
		f.add("value", "must be a finite number, zero or more")
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
