package secretariat

import (
	"regexp"
	"slices"
	"strconv"
)

var sha256Pattern = regexp.MustCompile(`^[0-9a-f]{64}$`)

// TranslationStatus says whether a translation is official or a working one.
type TranslationStatus string

// Translation statuses.
const (
	Official TranslationStatus = "official"
	Working  TranslationStatus = "working"
)

// Translation is a text in another language than the authentic Russian one.
type Translation struct {
	Lang   Lang              `json:"lang"`
	Text   string            `json:"text"`
	Status TranslationStatus `json:"status"`
}

func validateTranslations(f fieldErrors, field string, ts []Translation) {
	seen := map[Lang]bool{}
	for i, t := range ts {
		fi := fieldIndex(field, i)
		if t.Lang == "" || t.Lang == RU {
			f.add(fi+".lang", "a translation is into a language other than the authentic Russian")
		}
		if seen[t.Lang] {
			f.addf(fi+".lang", "a second translation into %s", t.Lang)
		}
		seen[t.Lang] = true
		if t.Text == "" {
			f.add(fi+".text", "is required")
		}
		if t.Status != Official && t.Status != Working {
			f.addf(fi+".status", "%q is not a status: use official or working", t.Status)
		}
	}
}

// TranslationIn returns the translation into lang, if there is one.
func TranslationIn(ts []Translation, lang Lang) (Translation, bool) {
	for _, t := range ts {
		if t.Lang == lang {
			return t, true
		}
	}
	return Translation{}, false
}

// DraftVersion is one version of a draft: the authentic Russian text and its
// translations.
type DraftVersion struct {
	N    int  `json:"n"`
	Date Date `json:"date"`
	// Body is the body that produced or agreed this version.
	Body         string        `json:"body,omitempty" ref:"body"`
	Text         string        `json:"text"`
	Translations []Translation `json:"translations,omitempty"`
	Note         Text          `json:"note,omitzero"`
}

// Draft is a proposed decision text, in versions.
type Draft struct {
	ID       string         `json:"id"`
	Title    Text           `json:"title"`
	Body     string         `json:"body,omitempty" ref:"body"`
	Versions []DraftVersion `json:"versions"`
	Access
	Provenance
}

// Latest returns the latest version, or nil for a draft with none.
func (d *Draft) Latest() *DraftVersion {
	if len(d.Versions) == 0 {
		return nil
	}
	return &d.Versions[len(d.Versions)-1]
}

// Version returns version n.
func (d *Draft) Version(n int) (*DraftVersion, error) {
	for i := range d.Versions {
		if d.Versions[i].N == n {
			return &d.Versions[i], nil
		}
	}
	return nil, Errorf(ENOTFOUND, "draft %s has no version %d; it has %d", d.ID, n, len(d.Versions))
}

// Validate checks the draft and its versions.
func (d *Draft) Validate() error {
	f := fieldErrors{}
	checkID(f, "id", d.ID, true)
	d.Title.validate(f, "title", true)
	checkID(f, "body", d.Body, false)
	if len(d.Versions) == 0 {
		f.add("versions", "a draft has at least one version")
	}
	for i, v := range d.Versions {
		fi := fieldIndex("versions", i)
		if v.N != i+1 {
			f.addf(fi+".n", "versions are numbered 1, 2, 3…; expected %d", i+1)
		}
		if v.Date.IsZero() {
			f.add(fi+".date", "is required")
		} else if i > 0 && v.Date.Before(d.Versions[i-1].Date) {
			f.add(fi+".date", "is before the previous version")
		}
		if v.Text == "" {
			f.add(fi+".text", "the authentic Russian text is required")
		}
		checkID(f, fi+".body", v.Body, false)
		validateTranslations(f, fi+".translations", v.Translations)
		v.Note.validate(f, fi+".note", false)
	}
	d.Access.validate(f)
	d.Provenance.validate(f)
	return f.err("draft " + d.ID)
}

// Signature records that a state signed a decision.
type Signature struct {
	State string `json:"state" ref:"state"`
	Date  Date   `json:"date"`
}

// EntryIntoForce records when a decision entered into force for a state.
type EntryIntoForce struct {
	State string `json:"state" ref:"state"`
	Date  Date   `json:"date"`
}

// Decision is what an adopted agenda item becomes.
type Decision struct {
	ID      string       `json:"id"`
	Body    string       `json:"body" ref:"body"`
	Year    int          `json:"year"`
	Number  int          `json:"number"`
	Item    string       `json:"item" ref:"item"`
	Session string       `json:"session" ref:"session"`
	Date    Date         `json:"date"`
	Kind    DecisionKind `json:"kind"`
	Title   Text         `json:"title"`
	// Text is the authentic text, in Russian.
	Text         string        `json:"text,omitempty"`
	Translations []Translation `json:"translations,omitempty"`
	// RequiresRatification: the instrument enters into force for a state only when that
	// state has completed its procedures.
	RequiresRatification bool             `json:"requires_ratification,omitempty"`
	Signatures           []Signature      `json:"signatures,omitempty"`
	InForce              []EntryIntoForce `json:"in_force,omitempty"`
	// NotBound are the states that declared non-interest (limited format).
	NotBound []string `json:"not_bound,omitempty" ref:"state"`
	Access
	Provenance
}

// DecisionID is the ID of decision number n of body in year.
func DecisionID(body string, year, n int) string {
	return body + "-" + strconv.Itoa(year) + "-" + strconv.Itoa(n)
}

// SignedBy reports whether state has signed the decision.
func (d *Decision) SignedBy(state string) bool {
	return slices.ContainsFunc(d.Signatures, func(s Signature) bool { return s.State == state })
}

// Validate checks the decision.
func (d *Decision) Validate() error {
	f := fieldErrors{}
	checkID(f, "id", d.ID, true)
	checkID(f, "body", d.Body, true)
	checkID(f, "item", d.Item, true)
	checkID(f, "session", d.Session, true)
	if d.Year < 1900 || d.Year > 2200 {
		f.add("year", "is not a plausible year")
	}
	if !d.Date.IsZero() && d.Date.Year() != d.Year {
		f.add("year", "does not match the date")
	}
	if d.Number < 1 {
		f.add("number", "must be 1 or more")
	}
	if !slices.Contains(decisionKinds, d.Kind) {
		f.addf("kind", "%q is not a kind of decision", d.Kind)
	}
	d.Title.validate(f, "title", true)
	validateTranslations(f, "translations", d.Translations)
	seen := map[string]bool{}
	for i, s := range d.Signatures {
		fi := fieldIndex("signatures", i)
		checkID(f, fi+".state", s.State, true)
		if seen[s.State] {
			f.addf(fi+".state", "%s has already signed", s.State)
		}
		seen[s.State] = true
		if s.Date.IsZero() {
			f.add(fi+".date", "is required")
		} else if s.Date.Before(d.Date) {
			f.add(fi+".date", "is before the decision was taken")
		}
	}
	for i, e := range d.InForce {
		fi := fieldIndex("in_force", i)
		checkID(f, fi+".state", e.State, true)
		if e.Date.IsZero() {
			f.add(fi+".date", "is required")
		}
		if slices.Contains(d.NotBound, e.State) {
			f.addf(fi+".state", "%s is not bound by the decision (limited format)", e.State)
		}
	}
	d.Access.validate(f)
	d.Provenance.validate(f)
	return f.err("decision " + d.ID)
}

// InForceFor reports whether the decision has entered into force for state.
func (d *Decision) InForceFor(state string) bool {
	return slices.ContainsFunc(d.InForce, func(e EntryIntoForce) bool { return e.State == state })
}
