package ui

import (
	"net/http"
	"strconv"
	"strings"

	"secretariat"
	"secretariat/internal/store"
)

// TasksPage lists tasks with filters: responsible party, status, due date, session,
// priority; overdue tasks come first and are marked.
type TasksPage struct {
	*Base
	Tasks   []secretariat.Task
	Pager   Pager
	Today   secretariat.Date
	Filters []Field
	Open    bool
	Overdue bool
}

func (a *App) tasks(w http.ResponseWriter, r *http.Request) error {
	b, err := a.base(r, "", "tasks")
	if err != nil {
		return err
	}
	b.Title = b.T("Tasks")
	ctx, v, q := r.Context(), viewer(r), r.URL.Query()
	p := &TasksPage{Base: b, Today: a.today(), Open: q.Get("open") != "", Overdue: q.Get("overdue") != ""}
	f := store.TaskFilter{Responsible: q.Get("responsible"), Status: secretariat.TaskStatus(q.Get("status")), Session: q.Get("session"),
		Open: p.Open, Overdue: p.Overdue, On: p.Today}
	if due := q.Get("due"); due != "" {
		if f.DueBy, err = secretariat.ParseDate(due); err != nil {
			return err
		}
	}
	if pr := q.Get("priority"); pr != "" {
		c, n, ok := strings.Cut(pr, "#")
		if f.Priority, err = strconv.Atoi(n); !ok || err != nil {
			return secretariat.Errorf(secretariat.EINVALID, "%q is not a priority: write CHAIRMANSHIP#N", pr)
		}
		f.Chairmanship = c
	}
	page := pageParam(r)
	f.Limit, f.Offset = perPage, (page-1)*perPage
	var total int
	if p.Tasks, total, err = a.st.FindTasks(ctx, v, f); err != nil {
		return err
	}
	if p.Pager, err = b.pager(page, perPage, total, "task"); err != nil {
		return err
	}
	// The filters' choices.
	parties := []Option{{Value: "secretariat", Label: b.T("Secretariat")}, {Value: "all_states", Label: b.T("all member states")}}
	parties = append(parties, b.stateOptions()...)
	parties = append(parties, b.bodyOptions()...)
	statuses := b.enumOptions("task_status", "assigned", "in_progress", "reported", "fulfilled", "cancelled", "superseded")
	sessions, _, err := a.st.FindSessions(ctx, store.SessionFilter{Latest: true, Limit: 200})
	if err != nil {
		return err
	}
	var sessionOpts []Option
	withTasks := map[string]bool{}
	all, _, err := a.st.FindTasks(ctx, v, store.TaskFilter{})
	if err != nil {
		return err
	}
	var priorityOpts []Option
	seenPriority := map[string]bool{}
	for _, t := range all {
		withTasks[t.Session] = true
		if !t.Priority.IsZero() && !seenPriority[t.Priority.String()] {
			seenPriority[t.Priority.String()] = true
			priorityOpts = append(priorityOpts, Option{Value: t.Priority.String(), Label: b.Tf("priority %d of %s", t.Priority.N, t.Priority.Chairmanship)})
		}
	}
	for _, s := range sessions {
		if withTasks[s.ID] {
			sessionOpts = append(sessionOpts, Option{Value: s.ID, Label: b.BodyShort(s.Body) + ", " + b.Short(s.Date)})
		}
	}
	p.Filters = []Field{
		b.selectField("responsible", "Responsible", parties, false),
		b.selectField("status", "Status", statuses, false),
		b.selectField("session", "Set at", sessionOpts, false),
		b.selectField("priority", "Priority", priorityOpts, false),
		{Name: "due", Label: b.T("Due by"), Kind: "date"},
	}
	newForm(r, q).fill([]Fieldset{{Fields: p.Filters}})
	return a.render(w, r, http.StatusOK, "tasks.html", p)
}

// TaskPage is a task's life: the decision that set it, its workflow, its reports with
// their documents, and the tasks it replaces or that replace it.
type TaskPage struct {
	*Base
	View     *store.TaskView
	Decision *secretariat.Decision
	Priority *secretariat.Priority
	Threats  []secretariat.Threat
	Sources  []secretariat.Source
	Today    secretariat.Date
	// Moves are the workflow steps the officer may take now.
	Moves []Move
}

// Move is a step of a task's workflow, offered as a button.
type Move struct {
	Action, Label, Class, Confirm string
}

func (a *App) task(w http.ResponseWriter, r *http.Request) error {
	ctx, v, id := r.Context(), viewer(r), r.PathValue("id")
	today := a.today()
	view, err := a.st.TaskView(ctx, v, id, today)
	if err != nil {
		return err
	}
	b, err := a.base(r, "", "tasks")
	if err != nil {
		return err
	}
	t := &view.Task
	b.Title = t.Text.In(b.Lang)
	p := &TaskPage{Base: b, View: view, Today: today}
	d, err := store.FindByID[secretariat.Decision](ctx, a.st, v, t.Decision)
	if err != nil && secretariat.ErrorCode(err) != secretariat.ENOTFOUND {
		return err
	}
	p.Decision = d
	if !t.Priority.IsZero() {
		c, err := store.FindByID[secretariat.Chairmanship](ctx, a.st, v, t.Priority.Chairmanship)
		if err != nil {
			return err
		}
		if t.Priority.N >= 1 && t.Priority.N <= len(c.Priorities) {
			p.Priority = &c.Priorities[t.Priority.N-1]
		}
	}
	if p.Threats, _, err = store.FindAll[secretariat.Threat](ctx, a.st, v, store.Where("tasks", id)); err != nil {
		return err
	}
	if p.Sources, err = a.sources(ctx, t.Sources); err != nil {
		return err
	}
	if b.CanWrite() {
		base := "/tasks/" + id + "/"
		if secretariat.CanMove(t.Status, secretariat.TaskFulfilled) {
			p.Moves = append(p.Moves, Move{b.Href(base + "fulfil"), b.T("Accept as fulfilled"), "", ""})
		}
		if t.Status == secretariat.TaskReported {
			p.Moves = append(p.Moves, Move{b.Href(base + "return"), b.T("Send back to work"), "secondary", ""})
		}
		if secretariat.CanMove(t.Status, secretariat.TaskCancelled) {
			p.Moves = append(p.Moves, Move{b.Href(base + "cancel"), b.T("Cancel the task"), "danger", b.T("Cancel this task? This cannot be undone.")})
		}
	}
	return a.render(w, r, http.StatusOK, "task.html", p)
}
