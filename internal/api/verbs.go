package api

import (
	"bytes"
	"fmt"
	"reflect"
	"strconv"

	"secretariat"
	"secretariat/internal/exchange"
	"secretariat/internal/store"
)

// Inputs of the verbs whose input is not a record. Each verb reads its body into one of
// these, or into the record it adds; the path names the record it acts on.

// PositionInput is one member state's stance on the item in the path.
type PositionInput struct {
	State       string             `json:"state"`
	Stance      secretariat.Stance `json:"stance"`
	Reservation secretariat.Text   `json:"reservation,omitzero"`
	secretariat.Provenance
}

// DecideInput is what the item in the path becomes if the rule adopts it; every field
// may be left out, to take the item's (or its draft's).
type DecideInput struct {
	Kind                 secretariat.DecisionKind  `json:"kind,omitempty"`
	Title                secretariat.Text          `json:"title,omitzero"`
	Text                 string                    `json:"text,omitempty"`
	Translations         []secretariat.Translation `json:"translations,omitempty"`
	RequiresRatification bool                      `json:"requires_ratification,omitempty"`
	// Access overrides the item's classification, for instance to add a public summary.
	Access *secretariat.Access `json:"access,omitempty"`
	secretariat.Provenance
}

// CloseInput defers or withdraws the item in the path.
type CloseInput struct {
	// On is the day; the session's date when left out.
	On   secretariat.Date `json:"on,omitzero"`
	Note secretariat.Text `json:"note,omitzero"`
}

// SignInput is a state's signature of (or the entry into force for it of) the decision
// in the path.
type SignInput struct {
	State string           `json:"state"`
	Date  secretariat.Date `json:"date"`
}

// NoteInput is what was learned of the session in the path after it was scheduled.
type NoteInput struct {
	Note    secretariat.Text `json:"note"`
	Sources []string         `json:"sources,omitempty"`
}

// MembershipInput changes the membership of the state in the path: a period to add (a
// suspension, a readmission), and or the last day of its open membership.
type MembershipInput struct {
	Period     *secretariat.MembershipPeriod `json:"period,omitempty"`
	WithdrawOn secretariat.Date              `json:"withdraw_on,omitzero"`
}

// LinkInput names a decision, task or operation that answers the threat in the path.
type LinkInput struct {
	Kind string `json:"kind"`
	ID   string `json:"id"`
}

// PrioritiesInput is the priorities the chair in the path announced.
type PrioritiesInput struct {
	On         secretariat.Date       `json:"on"`
	Priorities []secretariat.Priority `json:"priorities"`
}

// StatementInput is the chair's end-of-term statement on the priority in the path.
type StatementInput struct {
	Statement secretariat.Text `json:"statement"`
	Sources   []string         `json:"sources,omitempty"`
}

// HandOverInput passes the chair of a session's body at that session.
type HandOverInput struct {
	Session string `json:"session"`
	// To is the next chair; the next state in the body's rotation when left out.
	To string `json:"to,omitempty"`
	// ID of the new chairmanship; BODY-STATE-YEAR when left out.
	ID string `json:"id,omitempty"`
	secretariat.Provenance
}

// ForewordInput is the secretariat's foreword to the year in the path.
type ForewordInput struct {
	Lang secretariat.Lang `json:"lang"`
	Text string           `json:"text"`
}

// RollCallInput is a recorded vote: an item of a body's session on a date, with every
// state's vote; the session is made when it is new, and the outcome computed.
type RollCallInput struct {
	ID    string               `json:"id"`
	Body  string               `json:"body"`
	Date  secretariat.Date     `json:"date"`
	Title secretariat.Text     `json:"title"`
	Kind  secretariat.ItemKind `json:"kind"`
	Votes []RollCallVoteInput  `json:"votes"`
	secretariat.Provenance
}

// RollCallVoteInput is one state's vote in a roll call.
type RollCallVoteInput struct {
	State  string             `json:"state"`
	Stance secretariat.Stance `json:"stance"`
}

// WitnessKeyInput is the verifier key with which the state in the path cosigns the
// log's checkpoints.
type WitnessKeyInput struct {
	Key string `json:"key"`
}

// post is a verb's route: a POST whose body is T (noBody for none), answered with the
// primary record and the journal entry.
func post[T any](path, op, tag, primary, summary string, fn func(c *call, in T) (store.Entry, error)) route {
	rt := route{method: "POST", path: Prefix + path, op: op, tag: tag, primary: primary, summary: summary,
		out: reflect.TypeFor[WriteAnswer]()}
	if t := reflect.TypeFor[T](); t != reflect.TypeFor[noBody]() {
		rt.in = t
	}
	hasBody := rt.in != nil
	if hasBody {
		rt.decode = func(body []byte) error {
			_, err := decodeJSON[T](body)
			return err
		}
	}
	rt.verb = func(c *call) (store.Entry, error) {
		var in T
		if hasBody {
			v, err := decodeJSON[T](c.body)
			if err != nil {
				return store.Entry{}, err
			}
			in = v
		}
		return fn(c, in)
	}
	return rt
}

// decodeFigure reads a result figure with the decoder the figure import uses, which
// refuses any field about a person, after the API's own limits.
func decodeFigure(body []byte) (*secretariat.ResultFigure, error) {
	if len(bytes.TrimSpace(body)) == 0 {
		return nil, errorf(codeInvalid, "the body is empty: send a JSON object")
	}
	if err := checkDepth(body); err != nil {
		return nil, err
	}
	return exchange.DecodeFigure(body)
}

// samePath puts the path's ID into a field of the body, and refuses a body that names
// another.
func samePath(field string, body *string, path string) error {
	if *body != "" && *body != path {
		return &apiError{code: codeInvalid, message: fmt.Sprintf("the body's %s is %q but the path names %q: leave it out, or send it to the path it names", field, *body, path),
			fields: map[string]string{field: "differs from the path"}}
	}
	*body = path
	return nil
}

// verbRoutes is every verb of the record, each as a POST to what it acts on.
func verbRoutes() []route {
	figure := post("/figures", "report_figure", "figure", "figure", "Report an aggregate result figure of an operation, of several operations or of the whole programme; any field about a person is refused",
		func(c *call, _ noBody) (store.Entry, error) { return store.Entry{}, nil })
	figure.in = reflect.TypeFor[secretariat.ResultFigure]()
	figure.decode = func(body []byte) error {
		_, err := decodeFigure(body)
		return err
	}
	figure.verb = func(c *call) (store.Entry, error) {
		f, err := decodeFigure(c.body)
		if err != nil {
			return store.Entry{}, err
		}
		return c.st.ReportFigure(c.ctx(), *f)
	}
	report := post("/tasks/{id}/reports", "report_implementation", "task", "report",
		"Add an implementation report to a task, with documents (multipart: the report's JSON in a part named json, each document in a part named documents, 10 MiB each)",
		func(c *call, r secretariat.ImplementationReport) (store.Entry, error) {
			if err := samePath("task", &r.Task, c.path("id")); err != nil {
				return store.Entry{}, err
			}
			return c.st.ReportImplementation(c.ctx(), r, c.files)
		})
	report.multipart = true
	return []route{
		post("/organizations", "found_organization", "organization", "organization", "Record the organization the installation keeps the record of",
			func(c *call, o secretariat.Organization) (store.Entry, error) {
				return c.st.FoundOrganization(c.ctx(), o)
			}),
		post("/sources", "register_source", "source", "source", "Register a source that facts can cite",
			func(c *call, s secretariat.Source) (store.Entry, error) { return c.st.RegisterSource(c.ctx(), s) }),
		post("/states", "admit_state", "state", "state", "Admit a member state with its membership periods",
			func(c *call, s secretariat.MemberState) (store.Entry, error) { return c.st.AdmitState(c.ctx(), s) }),
		post("/states/{id}/memberships", "record_membership", "state", "state", "Add a period to a state's membership (a suspension, a readmission), or end its open membership",
			func(c *call, in MembershipInput) (store.Entry, error) {
				var p secretariat.MembershipPeriod
				if in.Period != nil {
					p = *in.Period
				}
				if p.From.IsZero() && in.WithdrawOn.IsZero() {
					return store.Entry{}, &apiError{code: codeInvalid, message: "give a period to add, a withdraw_on date, or both", fields: map[string]string{"period": "required without withdraw_on"}}
				}
				return c.st.RecordMembership(c.ctx(), c.path("id"), p, in.WithdrawOn)
			}),
		post("/states/{id}/witness-keys", "register_witness_key", "state", "state", "Register the verifier key with which a state's witness cosigns the log's checkpoints",
			func(c *call, in WitnessKeyInput) (store.Entry, error) {
				return c.st.RegisterWitnessKey(c.ctx(), c.path("id"), in.Key)
			}),
		post("/bodies", "register_body", "body", "body", "Register a body with its rules of decision",
			func(c *call, b secretariat.Body) (store.Entry, error) { return c.st.RegisterBody(c.ctx(), b) }),
		post("/bodies/{id}/rules", "set_decision_rule", "body", "body", "Add a rule of decision to a body, in force from its date",
			func(c *call, r secretariat.DecisionRule) (store.Entry, error) {
				return c.st.SetDecisionRule(c.ctx(), c.path("id"), r)
			}),
		post("/sessions", "schedule_session", "session", "session", "Schedule a session of a body",
			func(c *call, s secretariat.Session) (store.Entry, error) { return c.st.ScheduleSession(c.ctx(), s) }),
		post("/sessions/{id}/note", "note_session", "session", "session", "Record what was learned of a session after it was scheduled",
			func(c *call, in NoteInput) (store.Entry, error) {
				return c.st.NoteSession(c.ctx(), c.path("id"), in.Note, in.Sources)
			}),
		post("/sessions/{id}/items", "add_agenda_item", "session", "item", "Put a question on a session's agenda",
			func(c *call, it secretariat.AgendaItem) (store.Entry, error) {
				if err := samePath("session", &it.Session, c.path("id")); err != nil {
					return store.Entry{}, err
				}
				return c.st.AddAgendaItem(c.ctx(), it)
			}),
		post("/drafts", "propose_draft", "draft", "draft", "Propose a draft with its first version",
			func(c *call, d secretariat.Draft) (store.Entry, error) { return c.st.ProposeDraft(c.ctx(), d) }),
		post("/drafts/{id}/versions", "revise_draft", "draft", "draft", "Add a version to a draft",
			func(c *call, v secretariat.DraftVersion) (store.Entry, error) {
				return c.st.ReviseDraft(c.ctx(), c.path("id"), v)
			}),
		post("/items/{id}/positions", "record_position", "item", "position", "Record a member state's stance on an item (If-Match: the position's ETag, when the state already has one)",
			func(c *call, in PositionInput) (store.Entry, error) {
				return c.st.RecordPosition(c.ctx(), store.PositionInput{Item: c.path("id"), State: in.State, Stance: in.Stance,
					Reservation: in.Reservation, Provenance: in.Provenance})
			}),
		post("/items/{id}/decide", "decide_item", "item", "item", "Decide an item by the rule in force on the recorded positions; an adopted item becomes a decision (in the entry's after-image)",
			func(c *call, in DecideInput) (store.Entry, error) {
				return c.st.DecideItem(c.ctx(), c.path("id"), store.DecisionInput{Kind: in.Kind, Title: in.Title, Text: in.Text,
					Translations: in.Translations, RequiresRatification: in.RequiresRatification, Access: in.Access, Provenance: in.Provenance})
			}),
		post("/items/{id}/defer", "defer_item", "item", "item", "Defer an item",
			func(c *call, in CloseInput) (store.Entry, error) {
				return c.st.DeferItem(c.ctx(), c.path("id"), in.On, in.Note)
			}),
		post("/items/{id}/withdraw", "withdraw_item", "item", "item", "Withdraw an item from the agenda",
			func(c *call, in CloseInput) (store.Entry, error) {
				return c.st.WithdrawItem(c.ctx(), c.path("id"), in.On, in.Note)
			}),
		post("/rollcalls", "import_roll_call", "item", "item", "Record a roll call: an item of a body's session with every state's vote, and the outcome the rule gives",
			func(c *call, in RollCallInput) (store.Entry, error) {
				rc := store.RollCall{ID: in.ID, Body: in.Body, Date: in.Date, Title: in.Title, Kind: in.Kind, Provenance: in.Provenance}
				for _, v := range in.Votes {
					rc.Votes = append(rc.Votes, store.RollCallVote{State: v.State, Stance: v.Stance})
				}
				return c.st.ImportRollCall(c.ctx(), rc)
			}),
		post("/decisions/{id}/signatures", "sign_decision", "decision", "decision", "Record a state's signature of a decision",
			func(c *call, in SignInput) (store.Entry, error) {
				return c.st.SignDecision(c.ctx(), c.path("id"), in.State, in.Date)
			}),
		post("/decisions/{id}/entry-into-force", "record_entry_into_force", "decision", "decision", "Record that a decision entered into force for a state",
			func(c *call, in SignInput) (store.Entry, error) {
				return c.st.RecordEntryIntoForce(c.ctx(), c.path("id"), in.State, in.Date)
			}),
		post("/decisions/{id}/tasks", "set_task", "decision", "task", "Set a task the decision gives",
			func(c *call, t secretariat.Task) (store.Entry, error) {
				if err := samePath("decision", &t.Decision, c.path("id")); err != nil {
					return store.Entry{}, err
				}
				return c.st.SetTask(c.ctx(), t)
			}),
		report,
		post("/tasks/{id}/fulfil", "fulfil_task", "task", "task", "Accept a task as fulfilled",
			func(c *call, _ noBody) (store.Entry, error) { return c.st.FulfilTask(c.ctx(), c.path("id")) }),
		post("/tasks/{id}/cancel", "cancel_task", "task", "task", "Cancel a task",
			func(c *call, _ noBody) (store.Entry, error) { return c.st.CancelTask(c.ctx(), c.path("id")) }),
		post("/tasks/{id}/return", "return_task", "task", "task", "Send a reported task back to work",
			func(c *call, _ noBody) (store.Entry, error) { return c.st.ReturnTask(c.ctx(), c.path("id")) }),
		post("/chairmanships", "take_chair", "chairmanship", "chairmanship", "Record the first chairmanship of a body the record knows",
			func(c *call, ch secretariat.Chairmanship) (store.Entry, error) { return c.st.TakeChair(c.ctx(), ch) }),
		post("/chairmanships/handover", "hand_over_chairmanship", "chairmanship", "chairmanship", "Hand the chair of a session's body over at the session",
			func(c *call, in HandOverInput) (store.Entry, error) {
				return c.st.HandOverChairmanship(c.ctx(), store.HandOver{Session: in.Session, To: in.To, ID: in.ID, Provenance: in.Provenance})
			}),
		post("/chairmanships/{id}/priorities", "announce_priorities", "chairmanship", "chairmanship", "Record the priorities a chair announced for its term",
			func(c *call, in PrioritiesInput) (store.Entry, error) {
				return c.st.AnnouncePriorities(c.ctx(), c.path("id"), in.On, in.Priorities)
			}),
		post("/chairmanships/{id}/priorities/{n}/statement", "state_on_priority", "chairmanship", "chairmanship", "Keep the chair's end-of-term statement on a priority",
			func(c *call, in StatementInput) (store.Entry, error) {
				n, err := strconv.Atoi(c.path("n"))
				if err != nil {
					return store.Entry{}, errorf(codeNotFound, fmt.Sprintf("%q is not a priority's number", c.path("n")))
				}
				return c.st.StateOnPriority(c.ctx(), c.path("id"), n, in.Statement, in.Sources)
			}),
		post("/areas", "register_area", "area", "area", "Register an area threats are assessed in",
			func(c *call, a secretariat.Area) (store.Entry, error) { return c.st.RegisterArea(c.ctx(), a) }),
		post("/threats", "register_threat", "threat", "threat", "Add a threat to the register",
			func(c *call, t secretariat.Threat) (store.Entry, error) { return c.st.RegisterThreat(c.ctx(), t) }),
		post("/threats/{id}/assessments", "assess_threat", "threat", "threat", "Add a dated assessment to a threat",
			func(c *call, as secretariat.ThreatAssessment) (store.Entry, error) {
				return c.st.AssessThreat(c.ctx(), c.path("id"), as)
			}),
		post("/threats/{id}/links", "link_threat", "threat", "threat", "Record that a decision, task or operation answers a threat",
			func(c *call, in LinkInput) (store.Entry, error) {
				return c.st.LinkThreat(c.ctx(), c.path("id"), in.Kind, in.ID)
			}),
		post("/operations", "register_operation", "operation", "operation", "Register a joint operation with its metrics and stages",
			func(c *call, o secretariat.Operation) (store.Entry, error) { return c.st.RegisterOperation(c.ctx(), o) }),
		post("/operations/{id}/stages", "add_stage", "operation", "operation", "Add a stage to an operation",
			func(c *call, s secretariat.Stage) (store.Entry, error) {
				return c.st.AddStage(c.ctx(), c.path("id"), s)
			}),
		figure,
		post("/publications", "publish", "publication", "publication", "Publish a news item, interview, press release or statement",
			func(c *call, p secretariat.Publication) (store.Entry, error) { return c.st.Publish(c.ctx(), p) }),
		post("/reviews/{year}/foreword", "write_foreword", "review", "publication", "Record the secretariat's foreword to a year's review (a publication in the foreword section)",
			func(c *call, in ForewordInput) (store.Entry, error) {
				year, err := strconv.Atoi(c.path("year"))
				if err != nil || year < 1900 || year > 2200 {
					return store.Entry{}, errorf(codeNotFound, fmt.Sprintf("%q is not a year", c.path("year")))
				}
				if in.Lang != secretariat.RU && in.Lang != secretariat.EN {
					return store.Entry{}, &apiError{code: codeInvalid, message: "lang must be ru or en", fields: map[string]string{"lang": "ru or en"}}
				}
				if in.Text == "" {
					return store.Entry{}, &apiError{code: codeInvalid, message: "a foreword needs text", fields: map[string]string{"text": "required"}}
				}
				return c.st.Publish(c.ctx(), secretariat.Foreword(year, in.Lang, in.Text))
			}),
	}
}
