package store

import (
	"context"
	"slices"
	"sort"

	"secretariat"
	"secretariat/internal/similarity"
)

// TaskLine is a task as the mandate questions list it: with its derived overdue status.
type TaskLine struct {
	ID          string                 `json:"id"`
	Decision    string                 `json:"decision"`
	Text        secretariat.Text       `json:"text"`
	Responsible []string               `json:"responsible"`
	Due         string                 `json:"due,omitempty"`
	Cycle       secretariat.Text       `json:"cycle,omitzero"`
	Status      secretariat.TaskStatus `json:"status"`
	Progress    int                    `json:"progress"`
	Overdue     bool                   `json:"overdue"`
	Priority    string                 `json:"priority,omitempty"`
	// Illustrative marks a task no source gives.
	Illustrative bool `json:"illustrative,omitempty"`
}

func lineOf(t *secretariat.Task, on secretariat.Date) TaskLine {
	l := TaskLine{ID: t.ID, Decision: t.Decision, Text: t.Text, Responsible: t.Responsible.Parties(), Due: t.Due.String(),
		Cycle: t.Cycle, Status: t.Status, Progress: t.Progress, Overdue: t.OverdueOn(on), Illustrative: t.Illustrative}
	if !t.Priority.IsZero() {
		l.Priority = t.Priority.String()
	}
	return l
}

// SessionTasks answers: of the tasks set at a session, how many are fulfilled on a date,
// and which are not. Read it from a store as of that date (AsOf) for the statuses then.
type SessionTasks struct {
	Session      string                         `json:"session"`
	On           string                         `json:"on"`
	Total        int                            `json:"total"`
	ByStatus     map[secretariat.TaskStatus]int `json:"by_status"`
	Overdue      int                            `json:"overdue"`
	Fulfilled    []TaskLine                     `json:"fulfilled"`
	NotFulfilled []TaskLine                     `json:"not_fulfilled"`
	// Hidden counts tasks of the session the viewer may not see.
	Hidden int `json:"hidden,omitempty"`
}

// TasksOfSession answers the question for session on date on.
func (s *Store) TasksOfSession(ctx context.Context, v secretariat.Viewer, session string, on secretariat.Date) (*SessionTasks, error) {
	if _, err := s.getRaw(ctx, v, "session", session); err != nil {
		return nil, err
	}
	tasks, _, err := FindAll[secretariat.Task](ctx, s, v, Where("session", session))
	if err != nil {
		return nil, err
	}
	out := &SessionTasks{Session: session, On: on.String(), ByStatus: map[secretariat.TaskStatus]int{},
		Fulfilled: []TaskLine{}, NotFulfilled: []TaskLine{}}
	for i := range tasks {
		t := &tasks[i]
		out.Total++
		out.ByStatus[t.Status]++
		l := lineOf(t, on)
		if l.Overdue {
			out.Overdue++
		}
		if t.Status == secretariat.TaskFulfilled {
			out.Fulfilled = append(out.Fulfilled, l)
		} else {
			out.NotFulfilled = append(out.NotFulfilled, l)
		}
	}
	out.Hidden, err = s.CountHidden(ctx, v, "task", Where("session", session))
	return out, err
}

// OpenTasks lists the tasks still expected of a responsible party (all parties when
// empty) on a date: assigned, in progress, or reported and awaiting acceptance, with the
// overdue ones marked. A state is responsible for tasks set for all states.
func (s *Store) OpenTasks(ctx context.Context, v secretariat.Viewer, party string, on secretariat.Date) ([]TaskLine, error) {
	tasks, _, err := FindAll[secretariat.Task](ctx, s, v, Filter{})
	if err != nil {
		return nil, err
	}
	out := []TaskLine{}
	for i := range tasks {
		t := &tasks[i]
		if t.Status.Final() || (party != "" && !t.Responsible.Includes(party)) {
			continue
		}
		if !t.SetOn.IsZero() && t.SetOn.After(on) {
			continue
		}
		out = append(out, lineOf(t, on))
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Overdue != out[j].Overdue {
			return out[i].Overdue
		}
		return dueKey(out[i]) < dueKey(out[j])
	})
	return out, nil
}

func dueKey(l TaskLine) string {
	if l.Due == "" {
		return "9999"
	}
	return l.Due
}

// TaskView is a task with its reports, its derived status on a date, the progress of
// its decision, and its lineage both ways.
type TaskView struct {
	Task    secretariat.Task                   `json:"task"`
	On      string                             `json:"on"`
	Overdue bool                               `json:"overdue"`
	Reports []secretariat.ImplementationReport `json:"reports"`
	// DecisionProgress rolls up all the tasks of the task's decision.
	DecisionProgress secretariat.Rollup `json:"decision_progress"`
	// Replaces are the earlier tasks this one supersedes, renews or merges;
	// ReplacedBy the later tasks that supersede, renew or merge it.
	Replaces   []secretariat.TaskLink `json:"replaces,omitempty"`
	ReplacedBy []secretariat.TaskLink `json:"replaced_by,omitempty"`
}

// TaskView builds a task's view on date on.
func (s *Store) TaskView(ctx context.Context, v secretariat.Viewer, id string, on secretariat.Date) (*TaskView, error) {
	t, err := FindByID[secretariat.Task](ctx, s, v, id)
	if err != nil {
		return nil, err
	}
	out := &TaskView{Task: *t, On: on.String(), Overdue: t.OverdueOn(on), Replaces: t.Links}
	if out.Reports, _, err = FindAll[secretariat.ImplementationReport](ctx, s, v, Where("task", id)); err != nil {
		return nil, err
	}
	if out.DecisionProgress, err = s.DecisionProgress(ctx, v, t.Decision); err != nil {
		return nil, err
	}
	laterTasks, err := s.referring(ctx, v, "task", id, "task", "links[")
	if err != nil {
		return nil, err
	}
	for _, doc := range laterTasks {
		var later secretariat.Task
		if err := decodeDoc("task", "", doc, &later); err != nil {
			return nil, err
		}
		for _, l := range later.Links {
			if slices.Contains(l.Tasks, id) {
				out.ReplacedBy = append(out.ReplacedBy, secretariat.TaskLink{Relation: l.Relation, Tasks: []string{later.ID}})
			}
		}
	}
	return out, nil
}

// DecisionProgress rolls the progress of a decision's tasks up to the decision.
func (s *Store) DecisionProgress(ctx context.Context, v secretariat.Viewer, decision string) (secretariat.Rollup, error) {
	tasks, _, err := FindAll[secretariat.Task](ctx, s, v, Where("decision", decision))
	if err != nil {
		return secretariat.Rollup{}, err
	}
	return secretariat.RollUp(tasks), nil
}

// ChairmanshipView is a chairmanship with each priority's assessment, computed from the
// tasks that serve it, beside the chair's own statement.
type ChairmanshipView struct {
	Chairmanship secretariat.Chairmanship         `json:"chairmanship"`
	Priorities   []secretariat.PriorityAssessment `json:"priorities"`
	// Fulfilled counts the priorities assessed as fulfilled.
	Fulfilled int `json:"fulfilled"`
}

// ChairmanshipView builds the status of each priority of a chairmanship.
func (s *Store) ChairmanshipView(ctx context.Context, v secretariat.Viewer, id string) (*ChairmanshipView, error) {
	c, err := FindByID[secretariat.Chairmanship](ctx, s, v, id)
	if err != nil {
		return nil, err
	}
	tasks, _, err := FindAll[secretariat.Task](ctx, s, v, Where("priority.chairmanship", id))
	if err != nil {
		return nil, err
	}
	out := &ChairmanshipView{Chairmanship: *c, Priorities: []secretariat.PriorityAssessment{}}
	for _, p := range c.Priorities {
		var serving []secretariat.Task
		for _, t := range tasks {
			if t.Priority.N == p.N {
				serving = append(serving, t)
			}
		}
		a := secretariat.AssessPriority(p, serving)
		if a.Assessment == "fulfilled" {
			out.Fulfilled++
		}
		out.Priorities = append(out.Priorities, a)
	}
	return out, nil
}

// Overlap is a pair of active tasks whose texts are near-duplicates.
type Overlap struct {
	A, B      TaskLine `json:"-"`
	TaskA     string   `json:"task_a"`
	TaskB     string   `json:"task_b"`
	DecisionA string   `json:"decision_a"`
	DecisionB string   `json:"decision_b"`
	Score     float64  `json:"score"`
	Lang      string   `json:"lang"`
	TextA     string   `json:"text_a"`
	TextB     string   `json:"text_b"`
}

// Overlaps finds pairs of active tasks (not fulfilled, cancelled or superseded) whose texts
// are near-duplicates, in Russian or in English, with a TF-IDF cosine similarity of
// stemmed words of at least threshold.
func (s *Store) Overlaps(ctx context.Context, v secretariat.Viewer, threshold float64) ([]Overlap, error) {
	tasks, _, err := FindAll[secretariat.Task](ctx, s, v, Filter{})
	if err != nil {
		return nil, err
	}
	byID := map[string]*secretariat.Task{}
	var docs []similarity.Doc
	for i := range tasks {
		t := &tasks[i]
		if t.Status.Final() {
			continue
		}
		byID[t.ID] = t
		docs = append(docs, similarity.Doc{ID: t.ID, RU: t.Text.RU, EN: t.Text.EN})
	}
	out := []Overlap{}
	for _, p := range similarity.Pairs(docs, threshold) {
		a, b := byID[p.A], byID[p.B]
		lang := secretariat.Lang(p.Lang)
		out = append(out, Overlap{TaskA: a.ID, TaskB: b.ID, DecisionA: a.Decision, DecisionB: b.Decision, Score: p.Score, Lang: p.Lang,
			TextA: a.Text.In(lang), TextB: b.Text.In(lang)})
	}
	return out, nil
}
