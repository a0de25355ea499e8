// Package report builds the year in review from the record (Build) and renders it as
// HTML, Markdown, PDF or JSON, in Russian or English. Every figure is computed from the
// record and carries the IDs of the records behind it; every sentence is generated from
// the figures. Only a foreword, kept apart, is written by the secretariat.
package report

import (
	"secretariat"
	"secretariat/internal/store"
)

// Ref points at a record behind a figure.
type Ref struct {
	Kind string `json:"kind"`
	ID   string `json:"id"`
}

// Count is a number of records, with the records.
type Count struct {
	N       int   `json:"n"`
	Records []Ref `json:"records,omitempty"`
}

func (c *Count) add(kind, id string) {
	c.N++
	c.Records = append(c.Records, Ref{kind, id})
}

// YearReview is the year in review: everything the record says about one year, as the
// reader may see it.
type YearReview struct {
	Year         int              `json:"year"`
	AsOf         string           `json:"as_of"`
	Viewer       string           `json:"viewer"`
	Organization secretariat.Text `json:"organization"`
	Supreme      Ref              `json:"supreme_body"`
	SupremeName  secretariat.Text `json:"supreme_body_name"`
	// Journal is the head of the journal the review was built from, so that a reader
	// can check it against the record.
	Journal JournalHead `json:"journal"`
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
	// Hidden counts the records of the year the reader may not see: a public review says
	// they exist without showing them.
	Hidden HiddenCounts `json:"hidden"`
	// Illustrative counts the records behind the review that no source gives.
	Illustrative int `json:"illustrative_records"`
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

// HiddenCounts are records of the year a reader may not see.
type HiddenCounts struct {
	Items     int `json:"items"`
	Decisions int `json:"decisions"`
	Tasks     int `json:"tasks"`
	Figures   int `json:"figures"`
}

// Total returns how many records are hidden in all.
func (h HiddenCounts) Total() int { return h.Items + h.Decisions + h.Tasks + h.Figures }

// ChairmanshipSection is who chaired the supreme body during the year, and how each
// priority was assessed.
type ChairmanshipSection struct {
	Terms []ChairTerm `json:"terms"`
}

// ChairTerm is one chairmanship that overlaps the year.
type ChairTerm struct {
	Ref        Ref                              `json:"ref"`
	State      string                           `json:"state"`
	StateName  secretariat.Text                 `json:"state_name"`
	From       secretariat.Date                 `json:"from"`
	Until      secretariat.Date                 `json:"until,omitzero"`
	Priorities []secretariat.PriorityAssessment `json:"priorities,omitempty"`
	Fulfilled  Count                            `json:"priorities_fulfilled"`
	// EndsInYear marks the term whose end-of-term assessment falls in the year.
	EndsInYear bool `json:"ends_in_year"`
}

// TasksSection is the tasks set at the previous year's regular session, and where they
// stood at this year's.
type TasksSection struct {
	SetAt     *SessionRef      `json:"set_at,omitempty"`
	Checked   secretariat.Date `json:"checked_on,omitzero"`
	CheckedAt *SessionRef      `json:"checked_at,omitempty"`
	Set       Count            `json:"set"`
	Fulfilled Count            `json:"fulfilled"`
	// InProgress counts tasks assigned, in progress or reported but not yet accepted.
	InProgress Count                          `json:"in_progress"`
	Overdue    Count                          `json:"overdue"`
	Cancelled  Count                          `json:"cancelled_or_superseded"`
	Open       []store.TaskLine               `json:"not_fulfilled,omitempty"`
	ByStatus   map[secretariat.TaskStatus]int `json:"by_status"`
}

// SessionRef names a session.
type SessionRef struct {
	Ref   Ref              `json:"ref"`
	Date  secretariat.Date `json:"date"`
	Place secretariat.Text `json:"place,omitzero"`
}

// SessionsSection is each body's sessions in the year and what they decided.
type SessionsSection struct {
	Bodies []BodySessions `json:"bodies"`
}

// BodySessions is one body's year.
type BodySessions struct {
	Body      Ref                           `json:"body"`
	Name      secretariat.Text              `json:"name"`
	Short     secretariat.Text              `json:"short,omitzero"`
	Supreme   bool                          `json:"supreme"`
	Sessions  []SessionLine                 `json:"sessions"`
	Held      Count                         `json:"held"`
	Planned   Count                         `json:"planned"`
	Items     Count                         `json:"items_considered"`
	Outcomes  map[secretariat.Result]*Count `json:"outcomes"`
	Undecided Count                         `json:"undecided"`
	Limited   []LimitedItem                 `json:"limited_format,omitempty"`
	Signed    Count                         `json:"documents_signed"`
}

// SessionLine is one session.
type SessionLine struct {
	SessionRef
	Kind  secretariat.SessionKind `json:"kind"`
	Held  bool                    `json:"held"`
	Items int                     `json:"items"`
	Note  secretariat.Text        `json:"note,omitzero"`
}

// LimitedItem is an item adopted in limited format, with the states that stood aside.
type LimitedItem struct {
	Item     Ref              `json:"item"`
	Title    secretariat.Text `json:"title"`
	NotBound []string         `json:"not_bound"`
}

// PipelineSection is what moved from the working bodies to the supreme body.
type PipelineSection struct {
	Items []PipelineItem `json:"items"`
}

// PipelineItem is one item of the supreme body and the way it came.
type PipelineItem struct {
	Item   Ref                `json:"item"`
	Title  secretariat.Text   `json:"title"`
	Steps  []PipelineStep     `json:"steps"`
	Draft  *Ref               `json:"draft,omitempty"`
	Result secretariat.Result `json:"result,omitempty"`
}

// PipelineStep is one step of an item's way, with the body's name.
type PipelineStep struct {
	secretariat.LineageStep
	BodyName secretariat.Text `json:"body_name"`
}

// ThreatsSection is the register at the year's end.
type ThreatsSection struct {
	Threats    []ThreatLine `json:"threats"`
	Changes    Count        `json:"level_changes"`
	Unanswered Count        `json:"without_a_decision"`
	Named      Count        `json:"named"`
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
	AnsweredBy   []Ref                    `json:"answered_by,omitempty"`
}

// OperationsSection is the year's figures per operation.
type OperationsSection struct {
	Operations []OperationYear `json:"operations"`
}

// OperationYear is one operation's year.
type OperationYear struct {
	Ref      Ref              `json:"ref"`
	CodeName secretariat.Text `json:"code_name"`
	Metrics  []MetricYear     `json:"metrics"`
}

// MetricYear is one metric of an operation: the year's total, the figures it rests on,
// the conflicting figures beside it, and earlier years.
type MetricYear struct {
	Metric    secretariat.Metric  `json:"metric"`
	Total     secretariat.Amount  `json:"total"`
	Basis     secretariat.Basis   `json:"basis"`
	Figures   []FigureLine        `json:"figures"`
	Conflicts []FigureLine        `json:"conflicting"`
	Earlier   []secretariat.Total `json:"earlier_years,omitempty"`
}

// FigureLine is a reported figure with its source.
type FigureLine struct {
	Ref         Ref                `json:"ref"`
	Amount      secretariat.Amount `json:"amount"`
	Source      Ref                `json:"source"`
	SourceTitle secretariat.Text   `json:"source_title"`
	Note        secretariat.Text   `json:"note,omitzero"`
	Why         secretariat.Text   `json:"why,omitzero"`
}

// PublicationsSection counts the year's publications per section.
type PublicationsSection struct {
	Total    Count             `json:"total"`
	Sections map[string]*Count `json:"sections"`
}

// ComparisonSection sets the year against earlier ones.
type ComparisonSection struct {
	Years []YearLine `json:"years"`
}

// YearLine is the supreme body's year in numbers.
type YearLine struct {
	Year       int     `json:"year"`
	Items      Count   `json:"items_considered"`
	Adopted    Count   `json:"adopted"`
	Rate       float64 `json:"adoption_rate"`
	TasksSet   Count   `json:"tasks_set"`
	TasksDone  Count   `json:"tasks_fulfilled"`
	TasksShare float64 `json:"tasks_fulfilled_share"`
}
