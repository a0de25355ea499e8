package secretariat

import "slices"

// SessionKind is regular or extraordinary.
type SessionKind string

// Session kinds.
const (
	Regular       SessionKind = "regular"
	Extraordinary SessionKind = "extraordinary"
)

// SessionFormat is the composition of a meeting.
type SessionFormat string

// Session formats.
const (
	Narrow   SessionFormat = "narrow"
	Expanded SessionFormat = "expanded"
	Video    SessionFormat = "videoconference"
)

// Session is a meeting of a body.
type Session struct {
	ID     string          `json:"id"`
	Body   string          `json:"body" ref:"body"`
	Date   Date            `json:"date"`
	Place  Text            `json:"place,omitzero"`
	Kind   SessionKind     `json:"kind"`
	Format []SessionFormat `json:"format,omitempty"`
	// Chair is the state chairing the session.
	Chair string `json:"chair,omitempty" ref:"state"`
	Title Text   `json:"title,omitzero"`
	// Bodies lists the bodies of a joint meeting.
	Bodies []string `json:"bodies,omitempty" ref:"body"`
	// Note says what the record knows and does not know of the session, such as
	// "sources speak of some twenty issues; six are recorded".
	Note Text `json:"note,omitzero"`
	Provenance
}

// Validate checks the session.
func (s *Session) Validate() error {
	f := fieldErrors{}
	checkID(f, "id", s.ID, true)
	checkID(f, "body", s.Body, true)
	if s.Date.IsZero() {
		f.add("date", "is required")
	}
	if s.Kind != Regular && s.Kind != Extraordinary {
		f.addf("kind", "%q is not a kind of session: use regular or extraordinary", s.Kind)
	}
	for i, fm := range s.Format {
		if !slices.Contains([]SessionFormat{Narrow, Expanded, Video}, fm) {
			f.addf(fieldIndex("format", i), "%q is not a format: use narrow, expanded or videoconference", fm)
		}
	}
	s.Place.validate(f, "place", false)
	s.Title.validate(f, "title", false)
	s.Note.validate(f, "note", false)
	checkID(f, "chair", s.Chair, false)
	checkRefs(f, "bodies", s.Bodies)
	s.Provenance.validate(f)
	return f.err("session " + s.ID)
}

// ItemKind is substantive or procedural: the two kinds of question a rule distinguishes.
type ItemKind string

// Item kinds.
const (
	Substantive ItemKind = "substantive"
	Procedural  ItemKind = "procedural"
)

// DecisionKind is the form an adopted item takes.
type DecisionKind string

// Decision kinds.
const (
	KindDecision    DecisionKind = "decision"
	KindStatement   DecisionKind = "statement"
	KindDeclaration DecisionKind = "declaration"
	KindPlan        DecisionKind = "plan"
	KindBudget      DecisionKind = "budget"
	KindAppointment DecisionKind = "appointment"
	KindAgreement   DecisionKind = "agreement"
	KindReport      DecisionKind = "report"
	KindResolution  DecisionKind = "resolution"
)

var decisionKinds = []DecisionKind{KindDecision, KindStatement, KindDeclaration, KindPlan, KindBudget,
	KindAppointment, KindAgreement, KindReport, KindResolution}

// LineageStep is one step of an item's way to the agenda: a draft agreed by one body
// and forwarded by another.
type LineageStep struct {
	// Item is the agenda item of the earlier body, when it is in the record.
	Item string `json:"item,omitempty" ref:"item"`
	Body string `json:"body" ref:"body"`
	Date Date   `json:"date"`
	// Action is what that body did: agreed, approved or forwarded.
	Action string `json:"action"`
}

var lineageActions = []string{"agreed", "approved", "forwarded", "prepared"}

// DocumentRef links a document to a record: a stored file by its SHA-256, or an
// outside reference.
type DocumentRef struct {
	Title  Text   `json:"title,omitzero"`
	SHA256 string `json:"sha256,omitempty"`
	URL    string `json:"url,omitempty"`
	Ref    string `json:"ref,omitempty"`
}

func (d DocumentRef) validate(f fieldErrors, field string) {
	d.Title.validate(f, field+".title", false)
	checkURL(f, field+".url", d.URL)
	if d.SHA256 != "" && !sha256Pattern.MatchString(d.SHA256) {
		f.add(field+".sha256", "is not a SHA-256 in hex")
	}
	if d.SHA256 == "" && d.URL == "" && d.Ref == "" {
		f.add(field, "names no document: give a stored file, an address or a reference")
	}
}

// AgendaItem is a numbered question before a session.
type AgendaItem struct {
	ID      string `json:"id"`
	Session string `json:"session" ref:"session"`
	// Body is the session's body, kept on the item so items filter by body directly.
	Body   string   `json:"body" ref:"body"`
	Date   Date     `json:"date"`
	Number int      `json:"number"`
	Title  Text     `json:"title"`
	Kind   ItemKind `json:"kind"`
	// DecisionKind is what the item becomes when adopted.
	DecisionKind DecisionKind `json:"decision_kind,omitempty"`
	// Rapporteur is who reports on the question: a body or a member state of the
	// record, never a person by name (the record keeps no data about people).
	Rapporteur RecordRef     `json:"rapporteur,omitzero"`
	Documents  []DocumentRef `json:"documents,omitempty"`
	Lineage    []LineageStep `json:"lineage,omitempty"`
	Draft      string        `json:"draft,omitempty" ref:"draft"`
	// Outcome is set by DecideItem, DeferItem or WithdrawItem, never typed in.
	Outcome *Outcome `json:"outcome,omitempty"`
	Access
	Provenance
}

// Decided reports whether the item has a final outcome. A deferred item may come back.
func (it *AgendaItem) Decided() bool {
	return it.Outcome != nil && it.Outcome.Result != Deferred
}

// Validate checks the item.
func (it *AgendaItem) Validate() error {
	f := fieldErrors{}
	checkID(f, "id", it.ID, true)
	checkID(f, "session", it.Session, true)
	checkID(f, "body", it.Body, true)
	if it.Date.IsZero() {
		f.add("date", "is required")
	}
	if it.Number < 1 {
		f.add("number", "must be 1 or more")
	}
	it.Title.validate(f, "title", true)
	if it.Kind != Substantive && it.Kind != Procedural {
		f.addf("kind", "%q is not a kind of item: use substantive or procedural", it.Kind)
	}
	if it.DecisionKind != "" && !slices.Contains(decisionKinds, it.DecisionKind) {
		f.addf("decision_kind", "%q is not a kind of decision", it.DecisionKind)
	}
	if it.Rapporteur != (RecordRef{}) {
		if it.Rapporteur.Kind != "body" && it.Rapporteur.Kind != "state" {
			f.addf("rapporteur.kind", "%q cannot report on a question: the rapporteur is a body or a member state (kind body or state), never a person", it.Rapporteur.Kind)
		}
		checkID(f, "rapporteur.id", it.Rapporteur.ID, true)
	}
	for i, d := range it.Documents {
		d.validate(f, fieldIndex("documents", i))
	}
	for i, l := range it.Lineage {
		field := fieldIndex("lineage", i)
		checkID(f, field+".item", l.Item, false)
		checkID(f, field+".body", l.Body, true)
		if l.Date.IsZero() {
			f.add(field+".date", "is required")
		} else if l.Date.After(it.Date) && !it.Date.IsZero() {
			f.add(field+".date", "is after the session that considers the item")
		}
		if !slices.Contains(lineageActions, l.Action) {
			f.addf(field+".action", "%q is not a step: use agreed, approved, forwarded or prepared", l.Action)
		}
	}
	checkID(f, "draft", it.Draft, false)
	it.Access.validate(f)
	it.Provenance.validate(f)
	return f.err("agenda item " + it.ID)
}
