package secretariat

import (
	"slices"
	"strings"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// Priority is one of the priorities a chairing state announces for its term.
type Priority struct {
	N    int  `json:"n"`
	Text Text `json:"text"`
	// Statement is the chair's own end-of-term statement on the priority, kept beside the
	// assessment computed from the linked tasks.
	Statement        Text     `json:"statement,omitzero"`
	StatementSources []string `json:"statement_sources,omitempty" ref:"source"`
}

// Chairmanship is a state's term in the chair of a body, with the priorities it
// announced.
type Chairmanship struct {
	ID    string `json:"id"`
	Body  string `json:"body" ref:"body"`
	State string `json:"state" ref:"state"`
	From  Date   `json:"from"`
	// Until is the last day of the term; unset while it runs.
	Until Date `json:"until,omitzero"`
	// Session is the session at which the chair was taken over, when it is in the record.
	Session    string     `json:"session,omitempty" ref:"session"`
	Announced  Date       `json:"announced,omitzero"`
	Priorities []Priority `json:"priorities,omitempty"`
	Provenance
}

// Covers reports whether the term includes date d.
func (c *Chairmanship) Covers(d Date) bool {
	return !d.Before(c.From) && (c.Until.IsZero() || !d.After(c.Until))
}

// Validate checks the chairmanship.
func (c *Chairmanship) Validate() error {
	f := fieldErrors{}
	checkID(f, "id", c.ID, true)
	checkID(f, "body", c.Body, true)
	checkID(f, "state", c.State, true)
	if c.From.IsZero() {
		f.add("from", "is required")
	}
	if !c.Until.IsZero() && c.Until.Before(c.From) {
		f.add("until", "is before the start of the term")
	}
	checkID(f, "session", c.Session, false)
	for i, p := range c.Priorities {
		fi := fieldIndex("priorities", i)
		if p.N != i+1 {
			f.addf(fi+".n", "priorities are numbered 1, 2, 3…; expected %d", i+1)
		}
		p.Text.validate(f, fi+".text", true)
		p.Statement.validate(f, fi+".statement", false)
		checkRefs(f, fi+".statement_sources", p.StatementSources)
	}
	c.Provenance.validate(f)
	return f.err("chairmanship " + c.ID)
}

// RotationSequence orders states for a rotation: by their Russian or English names in
// that language's alphabetical order (AlphabeticalOrder), or as listed for an explicit
// rotation.
func RotationSequence(r Rotation, states []MemberState) []string {
	if r.Order == RotationExplicit {
		return slices.Clone(r.States)
	}
	lang := RU
	if r.Order == RotationEnglishAlphabetical {
		lang = EN
	}
	compare := AlphabeticalOrder(lang)
	sorted := slices.Clone(states)
	slices.SortStableFunc(sorted, func(a, b MemberState) int {
		return compare(a.Name.In(lang), b.Name.In(lang))
	})
	ids := make([]string, len(sorted))
	for i, s := range sorted {
		ids[i] = s.ID
	}
	return ids
}

// NextChair returns the state after current in the rotation sequence, wrapping around.
func NextChair(sequence []string, current string) (string, error) {
	i := slices.Index(sequence, current)
	if i < 0 {
		return "", Errorf(EINVALID, "%s is not in the rotation %v", current, sequence)
	}
	return sequence[(i+1)%len(sequence)], nil
}

// Assessment is what the tasks serving a priority say of it.
type Assessment string

// Assessments of a priority.
const (
	AssessedFulfilled    Assessment = "fulfilled"
	AssessedPartly       Assessment = "partly_fulfilled"
	AssessedNotFulfilled Assessment = "not_fulfilled"
	AssessedWithoutTasks Assessment = "no_tasks"
)

// PriorityAssessment is the end-of-term assessment of one priority: computed from its
// linked tasks, with the chair's statement kept beside it.
type PriorityAssessment struct {
	Priority   Priority   `json:"priority"`
	Tasks      []string   `json:"tasks"`
	Rollup     Rollup     `json:"rollup"`
	Assessment Assessment `json:"assessment"`
}

// AssessPriority computes a priority's assessment from the tasks that serve it.
func AssessPriority(p Priority, tasks []Task) PriorityAssessment {
	a := PriorityAssessment{Priority: p, Rollup: RollUp(tasks)}
	for _, t := range tasks {
		a.Tasks = append(a.Tasks, t.ID)
	}
	switch {
	case a.Rollup.Counted == 0:
		a.Assessment = AssessedWithoutTasks
	case a.Rollup.Fulfilled:
		a.Assessment = AssessedFulfilled
	case a.Rollup.Progress > 0:
		a.Assessment = AssessedPartly
	default:
		a.Assessment = AssessedNotFulfilled
	}
	return a
}

// AlphabeticalOrder returns the comparison of names in the alphabetical order of lang,
// as the Unicode Collation Algorithm with CLDR's rules for that language orders them
// (golang.org/x/text/collate). For Russian that is the order of Russian dictionaries:
// letters first, ё filed with е, and only names that are otherwise equal told apart, by
// е before ё and then by lower case before capitals: Ёж, ежевика, ёлка, ель, Ель, ешь.
// Leading and trailing spaces do not count. The function is for one goroutine at a time.
func AlphabeticalOrder(lang Lang) func(a, b string) int {
	tag := language.English
	if lang == RU {
		tag = language.Russian
	}
	c := collate.New(tag)
	return func(a, b string) int {
		return c.CompareString(strings.TrimSpace(a), strings.TrimSpace(b))
	}
}
