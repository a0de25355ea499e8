package secretariat

import (
	"slices"
	"strconv"
)

// TaskStatus is where a task stands in its workflow.
type TaskStatus string

// Task statuses. Fulfilled, cancelled and superseded are final.
const (
	TaskAssigned   TaskStatus = "assigned"
	TaskInProgress TaskStatus = "in_progress"
	TaskReported   TaskStatus = "reported"
	TaskFulfilled  TaskStatus = "fulfilled"
	TaskCancelled  TaskStatus = "cancelled"
	TaskSuperseded TaskStatus = "superseded"
)

// TaskStatuses lists the statuses in workflow order.
var TaskStatuses = []TaskStatus{TaskAssigned, TaskInProgress, TaskReported, TaskFulfilled, TaskCancelled, TaskSuperseded}

// taskTransitions is the workflow: assigned → in progress → reported → fulfilled, with
// cancellation or supersession possible from any open status, and a report that falls
// short sending the task back to work.
var taskTransitions = map[TaskStatus][]TaskStatus{
	TaskAssigned:   {TaskInProgress, TaskReported, TaskCancelled, TaskSuperseded},
	TaskInProgress: {TaskReported, TaskCancelled, TaskSuperseded},
	TaskReported:   {TaskFulfilled, TaskInProgress, TaskCancelled, TaskSuperseded},
}

// CanMove reports whether the workflow allows a task to go from one status to another.
func CanMove(from, to TaskStatus) bool { return slices.Contains(taskTransitions[from], to) }

// Final reports whether the status ends the task's life.
func (s TaskStatus) Final() bool {
	return s == TaskFulfilled || s == TaskCancelled || s == TaskSuperseded
}

// Open reports whether work on the task is still expected: assigned or in progress.
func (s TaskStatus) Open() bool { return s == TaskAssigned || s == TaskInProgress }

// MoveTask checks a status change against the workflow.
func MoveTask(t *Task, to TaskStatus) error {
	if !slices.Contains(TaskStatuses, to) {
		return Errorf(EINVALID, "%q is not a task status: use assigned, in_progress, reported, fulfilled, cancelled or superseded", to)
	}
	if !CanMove(t.Status, to) {
		if t.Status.Final() {
			return Errorf(ECONFLICT, "task %s is %s, which is final; it cannot become %s", t.ID, t.Status, to)
		}
		return Errorf(ECONFLICT, "task %s cannot go from %s to %s; from %s it may go to %v", t.ID, t.Status, to, t.Status, taskTransitions[t.Status])
	}
	t.Status = to
	return nil
}

// ResponsibleKind names who carries a task out.
type ResponsibleKind string

// Kinds of responsible party.
const (
	ResponsibleBody        ResponsibleKind = "body"
	ResponsibleSecretariat ResponsibleKind = "secretariat"
	ResponsibleStates      ResponsibleKind = "states"
	ResponsibleAllStates   ResponsibleKind = "all_states"
)

// Responsible is who carries a task out.
type Responsible struct {
	Kind   ResponsibleKind `json:"kind"`
	Body   string          `json:"body,omitempty" ref:"body"`
	States []string        `json:"states,omitempty" ref:"state"`
}

// Parties returns the names by which the responsible party is filtered and grouped:
// the body ID, "secretariat", each state ID, or "all_states".
func (r Responsible) Parties() []string {
	switch r.Kind {
	case ResponsibleBody:
		return []string{r.Body}
	case ResponsibleSecretariat:
		return []string{"secretariat"}
	case ResponsibleStates:
		return slices.Clone(r.States)
	case ResponsibleAllStates:
		return []string{"all_states"}
	}
	return nil
}

// Includes reports whether party (a body ID, "secretariat", a state ID or "all_states")
// is responsible. A state is responsible for tasks set for all states.
func (r Responsible) Includes(party string) bool {
	if slices.Contains(r.Parties(), party) {
		return true
	}
	return r.Kind == ResponsibleAllStates && isoAlpha2.MatchString(party)
}

func (r Responsible) validate(f fieldErrors) {
	switch r.Kind {
	case ResponsibleBody:
		checkID(f, "responsible.body", r.Body, true)
		if len(r.States) > 0 {
			f.add("responsible.states", "a task for a body names no states")
		}
	case ResponsibleStates:
		if len(r.States) == 0 {
			f.add("responsible.states", "name the responsible states")
		}
		checkRefs(f, "responsible.states", r.States)
	case ResponsibleSecretariat, ResponsibleAllStates:
		if r.Body != "" || len(r.States) > 0 {
			f.add("responsible", "the secretariat or all states need no body or states")
		}
	default:
		f.addf("responsible.kind", "%q is not a responsible party: use body, secretariat, states or all_states", r.Kind)
	}
}

// PriorityRef points at one priority of a chairmanship.
type PriorityRef struct {
	Chairmanship string `json:"chairmanship" ref:"chairmanship"`
	N            int    `json:"n"`
}

// IsZero reports whether no priority is referenced.
func (p PriorityRef) IsZero() bool { return p.Chairmanship == "" && p.N == 0 }

// String renders the reference as chairmanship#n.
func (p PriorityRef) String() string { return p.Chairmanship + "#" + strconv.Itoa(p.N) }

// TaskRelation is how a task stands to earlier tasks.
type TaskRelation string

// Task relations.
const (
	Supersedes TaskRelation = "supersedes"
	Renews     TaskRelation = "renews"
	Merges     TaskRelation = "merges"
)

// TaskLink ties a task to the earlier tasks it supersedes, renews or merges.
type TaskLink struct {
	Relation TaskRelation `json:"relation"`
	Tasks    []string     `json:"tasks" ref:"task"`
}

// Task is a mandate a decision sets: an operative paragraph, who is responsible, by
// when, and how far it has come.
type Task struct {
	ID       string `json:"id"`
	Decision string `json:"decision" ref:"decision"`
	// Session is the session whose decision set the task.
	Session     string      `json:"session" ref:"session"`
	SetOn       Date        `json:"set_on"`
	Paragraph   string      `json:"paragraph,omitempty"`
	Text        Text        `json:"text"`
	Responsible Responsible `json:"responsible"`
	Due         Date        `json:"due,omitzero"`
	// Cycle is a reporting cycle instead of a due date, e.g. "annual before the regular session".
	Cycle    Text        `json:"cycle,omitzero"`
	Review   Date        `json:"review,omitzero"`
	Sunset   Date        `json:"sunset,omitzero"`
	Priority PriorityRef `json:"priority,omitzero"`
	// Weight counts the task in roll-ups; zero counts as 1.
	Weight   float64    `json:"weight,omitempty"`
	Status   TaskStatus `json:"status"`
	Progress int        `json:"progress"`
	Links    []TaskLink `json:"links,omitempty"`
	Access
	Provenance
}

// OverdueOn derives whether the task is overdue on date d: it has a due date before d
// and is still assigned or in progress. It is never stored.
func (t *Task) OverdueOn(d Date) bool {
	return !t.Due.IsZero() && t.Due.Before(d) && t.Status.Open()
}

// weight returns the task's weight in roll-ups.
func (t *Task) weight() float64 {
	if t.Weight <= 0 {
		return 1
	}
	return t.Weight
}

// Validate checks the task.
func (t *Task) Validate() error {
	f := fieldErrors{}
	checkID(f, "id", t.ID, true)
	checkID(f, "decision", t.Decision, true)
	checkID(f, "session", t.Session, true)
	if t.SetOn.IsZero() {
		f.add("set_on", "is required")
	}
	t.Text.validate(f, "text", true)
	t.Responsible.validate(f)
	if !t.Due.IsZero() && !t.Cycle.IsZero() {
		f.add("due", "give a due date or a reporting cycle, not both")
	}
	if !t.Due.IsZero() && t.Due.Before(t.SetOn) {
		f.add("due", "is before the task was set")
	}
	t.Cycle.validate(f, "cycle", false)
	if !t.Sunset.IsZero() && t.Sunset.Before(t.SetOn) {
		f.add("sunset", "is before the task was set")
	}
	if !t.Priority.IsZero() {
		checkID(f, "priority.chairmanship", t.Priority.Chairmanship, true)
		if t.Priority.N < 1 {
			f.add("priority.n", "priorities are numbered from 1")
		}
	}
	if t.Weight < 0 {
		f.add("weight", "cannot be negative")
	}
	if !slices.Contains(TaskStatuses, t.Status) {
		f.addf("status", "%q is not a task status", t.Status)
	}
	if t.Progress < 0 || t.Progress > 100 {
		f.add("progress", "is a percentage from 0 to 100")
	}
	for i, l := range t.Links {
		fi := fieldIndex("links", i)
		if !slices.Contains([]TaskRelation{Supersedes, Renews, Merges}, l.Relation) {
			f.addf(fi+".relation", "%q is not a relation: use supersedes, renews or merges", l.Relation)
		}
		if len(l.Tasks) == 0 {
			f.add(fi+".tasks", "name the earlier tasks")
		}
		checkRefs(f, fi+".tasks", l.Tasks)
		if slices.Contains(l.Tasks, t.ID) {
			f.add(fi+".tasks", "a task cannot link to itself")
		}
	}
	t.Access.validate(f)
	t.Provenance.validate(f)
	return f.err("task " + t.ID)
}

// Rollup is the progress of a group of tasks: a decision's, or a priority's.
type Rollup struct {
	Tasks     int                `json:"tasks"`
	Counted   int                `json:"counted"`
	ByStatus  map[TaskStatus]int `json:"by_status"`
	Progress  float64            `json:"progress"`
	Fulfilled bool               `json:"fulfilled"`
}

// RollUp combines tasks into one progress figure: the weighted mean of their progress,
// where a fulfilled task counts as 100 and cancelled or superseded tasks do not count.
// The group is fulfilled when every counted task is fulfilled and there is at least one.
func RollUp(tasks []Task) Rollup {
	r := Rollup{Tasks: len(tasks), ByStatus: map[TaskStatus]int{}}
	var sum, weights float64
	fulfilled := true
	for i := range tasks {
		t := &tasks[i]
		r.ByStatus[t.Status]++
		if t.Status == TaskCancelled || t.Status == TaskSuperseded {
			continue
		}
		r.Counted++
		p := float64(t.Progress)
		if t.Status == TaskFulfilled {
			p = 100
		} else {
			fulfilled = false
		}
		sum += p * t.weight()
		weights += t.weight()
	}
	if weights > 0 {
		r.Progress = sum / weights
	}
	r.Fulfilled = r.Counted > 0 && fulfilled
	return r
}

// ImplementationReport is what was done on a task, when, and by whom.
type ImplementationReport struct {
	ID   string `json:"id"`
	Task string `json:"task" ref:"task"`
	Date Date   `json:"date"`
	// Author is the body, the secretariat or the state that wrote the report.
	Author string `json:"author"`
	// SpeaksFor is the responsible party the report speaks for.
	SpeaksFor string        `json:"speaks_for"`
	Text      Text          `json:"text"`
	Progress  int           `json:"progress"`
	Documents []DocumentRef `json:"documents,omitempty"`
	Access
	Provenance
}

// Validate checks the report.
func (r *ImplementationReport) Validate() error {
	f := fieldErrors{}
	checkID(f, "id", r.ID, true)
	checkID(f, "task", r.Task, true)
	if r.Date.IsZero() {
		f.add("date", "is required")
	}
	checkID(f, "author", r.Author, true)
	checkID(f, "speaks_for", r.SpeaksFor, true)
	r.Text.validate(f, "text", true)
	if r.Progress < 0 || r.Progress > 100 {
		f.add("progress", "is a percentage from 0 to 100")
	}
	for i, d := range r.Documents {
		d.validate(f, fieldIndex("documents", i))
	}
	r.Access.validate(f)
	r.Provenance.validate(f)
	return f.err("implementation report " + r.ID)
}
