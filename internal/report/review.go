// Package report builds the year in review from the record (Build) and renders it as
// HTML, Markdown, PDF or JSON, in Russian or English. Every figure is computed from the
// record as it stood at the end of the year, and carries the IDs of the records behind
// it; every sentence is generated from the figures. Only a foreword, kept apart, is
// written by the secretariat.
//
// Counts are the same for every reader: a record the reader may not see is counted (as
// restricted) without its title, ID or content. Figures of operations are content, not
// counts: a restricted figure is left out, and the review says how many were.
package report

import (
	"secretariat"
)

// Ref points at a record behind a figure.
type Ref struct {
	Kind string `json:"kind"`
	ID   string `json:"id"`
}

// Count is a number of records. Restricted of them are records the reader may not see:
// they are counted, never named. Records lists the others.
type Count struct {
	N          int   `json:"n"`
	Restricted int   `json:"restricted,omitempty"`
	Records    []Ref `json:"records,omitempty"`
}

// add counts a record, naming it only when the reader may see it.
func (c *Count) add(kind, id string, visible bool) {
	c.N++
	if !visible {
		c.Restricted++
		return
	}
	c.Records = append(c.Records, Ref{kind, id})
}

// YearReview is the year in review: everything the record says about one year, as it
// stood at the year's end (or on the record's last day, for a year not yet over), as the
// reader may see it.
type YearReview struct {
	Year int `json:"year"`
	// AsOf is the moment of the record the review was built from.
	AsOf string `json:"as_of"`
	// Today is the day the review stands on: the last day of the year, or the record's
	// last day while the year is not over in the record. Sessions after it are planned.
	Today secretariat.Date `json:"today"`
	// Complete says the year is over in the record.
	Complete bool `json:"complete"`
	// Retrospective says the year was entered into the record after it ended (its journal
	// begins later, as an imported archive's does): the review reads the record as it
	// stands now, so statuses changed since the year show as they are now.
	Retrospective bool `json:"retrospective,omitempty"`
	// JournalFrom is the day of the journal's first entry.
	JournalFrom  secretariat.Date `json:"journal_from"`
	Viewer       string           `json:"viewer"`
	Organization secretariat.Text `json:"organization"`
	OrgShort     secretariat.Text `json:"organization_short,omitzero"`
	Supreme      Ref              `json:"supreme_body"`
	// Journal is the head of the journal the review was built from, so that a reader
	// can check it against the record.
	Journal JournalHead `json:"journal"`
	// Log is the log's first signed checkpoint that covers the record read (checkpoint.go).
	Log *YearCheckpoint `json:"log,omitempty"`
	// Foreword is the secretariat's own text, kept apart from the generated one.
	Foreword *Foreword `json:"foreword,omitempty"`

	Chairmanship ChairmanshipSection `json:"chairmanship"`
	Tasks        TasksSection        `json:"tasks_carried_over"`
	Sessions     SessionsSection     `json:"sessions"`
	Pipeline     PipelineSection     `json:"pipeline"`
	Threats      ThreatsSection      `json:"threats"`
	Operations   OperationsSection   `json:"operations"`
	Publications PublicationsSection `json:"publications"`
	Comparison   ComparisonSection   `json:"comparison"`
	// Illustrative counts the records behind the review that no source gives.
	Illustrative Count `json:"illustrative"`
	// Sources are the sources of the records the review shows, each once.
	Sources []SourceLine `json:"sources"`
	// Bodies and States name the bodies and states the review mentions.
	Bodies map[string]BodyName         `json:"bodies"`
	States map[string]secretariat.Text `json:"states"`
}

// JournalHead identifies the state of the record a review was built from.
type JournalHead struct {
	Entries int64  `json:"entries"`
	Head    string `json:"head"`
}

// Foreword is the secretariat's edited foreword: a publication in the section "foreword".
type Foreword struct {
	Text        secretariat.Text `json:"text"`
	Publication Ref              `json:"publication"`
}

// BodyName is how a body is named: in full, in short, and what it is.
type BodyName struct {
	Name  secretariat.Text     `json:"name"`
	Short secretariat.Text     `json:"short,omitzero"`
	Kind  secretariat.BodyKind `json:"kind"`
}

// SourceLine is a source as a reader sees it: a title, and the address where it is public.
type SourceLine struct {
	Ref       Ref                     `json:"ref"`
	Title     secretariat.Text        `json:"title"`
	URL       string                  `json:"url,omitempty"`
	Reference string                  `json:"reference,omitempty"`
	Publisher string                  `json:"publisher,omitempty"`
	Date      secretariat.Date        `json:"date,omitzero"`
	Class     secretariat.SourceClass `json:"class"`
	Note      secretariat.Text        `json:"note,omitzero"`
}

// ChairmanshipSection is who chaired the supreme body during the year, and how each
// priority was assessed.
type ChairmanshipSection struct {
	Terms []ChairTerm `json:"terms"`
}

// ChairTerm is one chairmanship that overlaps the year.
type ChairTerm struct {
	Ref        Ref              `json:"ref"`
	State      string           `json:"state"`
	From       secretariat.Date `json:"from"`
	Until      secretariat.Date `json:"until,omitzero"`
	Priorities []PriorityLine   `json:"priorities,omitempty"`
	Fulfilled  int              `json:"priorities_fulfilled"`
	// Statement is the chair's end-of-term statement, when every priority carries the same.
	Statement secretariat.Text `json:"statement,omitzero"`
	// EndsInYear marks a term whose end falls in the year: its assessment is final.
	EndsInYear bool `json:"ends_in_year"`
	// Illustrative marks a term whose dates no source gives.
	Illustrative bool `json:"illustrative,omitempty"`
}

// PriorityLine is one priority and its assessment from the tasks that serve it.
type PriorityLine struct {
	N          int                    `json:"n"`
	Text       secretariat.Text       `json:"text"`
	Assessment secretariat.Assessment `json:"assessment"`
	Progress   float64                `json:"progress"`
	Tasks      Count                  `json:"tasks"`
}

// TasksSection is the tasks set at the previous year's regular session of the supreme
// body, and where they stood at this year's. The six status counts are disjoint and add
// up to Set.
type TasksSection struct {
	SetAt     *SessionRef      `json:"set_at,omitempty"`
	Checked   secretariat.Date `json:"checked_on,omitzero"`
	CheckedAt *SessionRef      `json:"checked_at,omitempty"`
	Set       Count            `json:"set"`
	Fulfilled Count            `json:"fulfilled"`
	// Reported counts tasks reported on and awaiting acceptance.
	Reported Count `json:"reported"`
	// InProgress counts tasks assigned or in progress and not yet due.
	InProgress Count `json:"in_progress"`
	// Overdue counts tasks assigned or in progress past their due date.
	Overdue    Count      `json:"overdue"`
	Cancelled  Count      `json:"cancelled"`
	Superseded Count      `json:"superseded"`
	Open       []TaskLine `json:"not_fulfilled,omitempty"`
}

// Parts returns the state counts in the order the review states them.
func (t TasksSection) Parts() []TaskPart {
	out := make([]TaskPart, len(secretariat.TaskStates))
	for i, s := range secretariat.TaskStates {
		out[i] = TaskPart{s, *t.of(s)}
	}
	return out
}

// of returns the count of a state.
func (t *TasksSection) of(state secretariat.TaskState) *Count {
	return map[secretariat.TaskState]*Count{secretariat.StateFulfilled: &t.Fulfilled, secretariat.StateReported: &t.Reported,
		secretariat.StateInProgress: &t.InProgress, secretariat.StateOverdue: &t.Overdue, secretariat.StateCancelled: &t.Cancelled,
		secretariat.StateSuperseded: &t.Superseded}[state]
}

// TaskPart is one state count of the tasks carried over.
type TaskPart struct {
	State secretariat.TaskState
	Count Count
}

// TaskLine is a task not fulfilled, as the table shows it.
type TaskLine struct {
	Ref          Ref                     `json:"ref"`
	Text         secretariat.Text        `json:"text"`
	State        secretariat.TaskState   `json:"state"`
	Due          secretariat.Date        `json:"due,omitzero"`
	Cycle        secretariat.Text        `json:"cycle,omitzero"`
	Responsible  secretariat.Responsible `json:"responsible"`
	Illustrative bool                    `json:"illustrative,omitempty"`
}

// SessionRef names a session.
type SessionRef struct {
	Ref    Ref                         `json:"ref"`
	Body   string                      `json:"body"`
	Date   secretariat.Date            `json:"date"`
	Place  secretariat.Text            `json:"place,omitzero"`
	Format []secretariat.SessionFormat `json:"format,omitempty"`
}

// SessionsSection is each body's sessions in the year and what they decided.
type SessionsSection struct {
	Bodies []BodySessions `json:"bodies"`
}

// BodySessions is one body's year. Items counts the items of its held sessions; the
// outcomes and Undecided add up to it.
type BodySessions struct {
	Body      Ref            `json:"body"`
	Supreme   bool           `json:"supreme"`
	Sessions  []SessionLine  `json:"sessions"`
	Held      Count          `json:"held"`
	Planned   Count          `json:"planned"`
	Items     Count          `json:"items_considered"`
	Outcomes  []OutcomeCount `json:"outcomes"`
	Undecided Count          `json:"undecided"`
	Limited   []LimitedItem  `json:"limited_format,omitempty"`
	Signed    Count          `json:"documents_signed"`
	// Unrecorded counts held sessions whose items are not in the record.
	Unrecorded int `json:"sessions_without_items,omitempty"`
}

// Outcome returns the count of a result.
func (b BodySessions) Outcome(r secretariat.Result) Count {
	for _, o := range b.Outcomes {
		if o.Result == r {
			return o.Count
		}
	}
	return Count{}
}

// OutcomeCount is the number of items with one result.
type OutcomeCount struct {
	Result secretariat.Result `json:"result"`
	Count  Count              `json:"count"`
}

// SessionLine is one session.
type SessionLine struct {
	SessionRef
	Kind  secretariat.SessionKind `json:"kind"`
	Held  bool                    `json:"held"`
	Items Count                   `json:"items"`
	Note  secretariat.Text        `json:"note,omitzero"`
	// Bodies are the bodies of a joint meeting.
	Bodies []string `json:"bodies,omitempty"`
}

// LimitedItem is an item adopted in limited format, with the states that stood aside.
type LimitedItem struct {
	Item     Ref              `json:"item"`
	Title    secretariat.Text `json:"title"`
	NotBound []string         `json:"not_bound"`
}

// PipelineSection is what came to the supreme body through the working bodies.
type PipelineSection struct {
	Count Count          `json:"count"`
	Items []PipelineItem `json:"items"`
}

// PipelineItem is one item of the supreme body and the way it came.
type PipelineItem struct {
	Item   Ref                `json:"item"`
	Title  secretariat.Text   `json:"title"`
	Steps  []PipelineStep     `json:"steps"`
	Result secretariat.Result `json:"result,omitempty"`
}

// PipelineStep is one step of an item's way: what a body did, and when.
type PipelineStep struct {
	Body   string           `json:"body"`
	Date   secretariat.Date `json:"date"`
	Action string           `json:"action"`
	// Item is the earlier body's item, when the reader may see it.
	Item string `json:"item,omitempty"`
	// Bodies are the bodies of a joint meeting.
	Bodies []string `json:"bodies,omitempty"`
}

// ThreatsSection is the register at the year's end.
type ThreatsSection struct {
	Threats []ThreatLine `json:"threats"`
	Named   Count        `json:"named"`
	Changes Count        `json:"level_changes"`
	// Unanswered counts threats no decision answers.
	Unanswered Count `json:"without_a_decision"`
}

// ThreatLine is one threat at the year's end.
type ThreatLine struct {
	Ref          Ref                      `json:"ref"`
	Name         secretariat.Text         `json:"name"`
	Level        int                      `json:"level,omitempty"`
	Trend        secretariat.Trend        `json:"trend,omitempty"`
	Illustrative bool                     `json:"illustrative,omitempty"`
	Changes      []secretariat.LevelPoint `json:"changes_in_year,omitempty"`
	History      []secretariat.LevelPoint `json:"history"`
	Decisions    Count                    `json:"decisions"`
	Operations   []NamedRef               `json:"operations,omitempty"`
	// RestrictedOperations counts answering operations the reader may not see.
	RestrictedOperations int `json:"restricted_operations,omitempty"`
}

// NamedRef is a record with its name.
type NamedRef struct {
	Ref  Ref              `json:"ref"`
	Name secretariat.Text `json:"name"`
}

// OperationsSection is the year's figures per operation, and the figures of several
// operations or of the whole programme, each under its own scope.
type OperationsSection struct {
	Operations []OperationYear `json:"operations"`
	Wider      []WiderYear     `json:"wider_scope,omitempty"`
	// Silent are the operations of the record with no figure for the year.
	Silent []NamedRef `json:"without_figures,omitempty"`
	// Hidden counts figures of the year the reader may not see.
	Hidden int `json:"hidden_figures,omitempty"`
}

// OperationYear is one operation's year.
type OperationYear struct {
	Ref      Ref              `json:"ref"`
	CodeName secretariat.Text `json:"code_name"`
	Metrics  []MetricYear     `json:"metrics"`
}

// WiderYear is the year's figures of one scope wider than an operation.
type WiderYear struct {
	Scope      secretariat.FigureScope `json:"scope"`
	Operations []NamedRef              `json:"operations,omitempty"`
	Metrics    []MetricYear            `json:"metrics"`
}

// MetricYear is one metric: the year's total, the figures it rests on, the conflicting
// figures of the same scope beside it, and earlier years.
type MetricYear struct {
	Metric    secretariat.Metric  `json:"metric"`
	Total     secretariat.Amount  `json:"total"`
	Basis     secretariat.Basis   `json:"basis"`
	Figures   []FigureLine        `json:"figures"`
	Conflicts []FigureLine        `json:"conflicting,omitempty"`
	Earlier   []secretariat.Total `json:"earlier_years,omitempty"`
}

// FigureLine is a reported figure with its source.
type FigureLine struct {
	Ref          Ref                `json:"ref"`
	Amount       secretariat.Amount `json:"amount"`
	Source       Ref                `json:"source"`
	Note         secretariat.Text   `json:"note,omitzero"`
	Why          secretariat.Text   `json:"why,omitzero"`
	Illustrative bool               `json:"illustrative,omitempty"`
}

// PublicationsSection counts the year's publications per section.
type PublicationsSection struct {
	Total      Count             `json:"total"`
	Sections   []SectionCount    `json:"sections"`
	Interviews []PublicationLine `json:"interviews,omitempty"`
}

// SectionCount is the number of publications in one section.
type SectionCount struct {
	Section string `json:"section"`
	Count   Count  `json:"count"`
}

// PublicationLine is a publication the review names.
type PublicationLine struct {
	Ref      Ref                         `json:"ref"`
	Kind     secretariat.PublicationKind `json:"kind"`
	Date     secretariat.Date            `json:"date"`
	Title    secretariat.Text            `json:"title"`
	URL      string                      `json:"url,omitempty"`
	Video    bool                        `json:"video,omitempty"`
	VideoURL string                      `json:"video_url,omitempty"`
}

// ComparisonSection sets the supreme body's years side by side.
type ComparisonSection struct {
	Years []YearLine `json:"years"`
}

// YearLine is the supreme body's year in numbers.
type YearLine struct {
	Year int `json:"year"`
	// Sessions counts the supreme body's sessions held in the year.
	Sessions int `json:"sessions"`
	// Unrecorded counts those of them whose items are not in the record.
	Unrecorded int   `json:"sessions_without_items,omitempty"`
	Items      Count `json:"items_considered"`
	Adopted    Count `json:"adopted"`
	TasksSet   Count `json:"tasks_set"`
	TasksDone  Count `json:"tasks_fulfilled"`
	// Notes are what the record says of the year's sessions, such as how many items
	// the sources speak of.
	Notes []secretariat.Text `json:"notes,omitempty"`
}
