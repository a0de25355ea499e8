package main

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"secretariat"
	"secretariat/internal/similarity"
	"secretariat/internal/store"
)

func init() {
	register(command{name: "mandates", summary: "questions of tasks: status --session S, open [--responsible X], priorities --chairmanship C, overlaps, progress DECISION", run: runMandates})
}

// onDate is the date a question is asked on: --as-of, or today.
func (f *flags) onDate() secretariat.Date {
	if f.asOf != "" {
		t, _ := parseAsOf(f.asOf)
		return secretariat.DateOf(t.Add(-time.Nanosecond))
	}
	return secretariat.DateOf(time.Now())
}

// mandateQuestion is one question of `secretariat mandates`, with what it is asked with.
type mandateQuestion struct {
	e           *env
	f           *flags
	st          *store.Store
	args        []string // the positional arguments: the question, then its own
	session     string
	responsible string
	chair       string
	threshold   float64
}

func runMandates(e *env, args []string) error {
	f := newFlags(e, "mandates", "status --session ID | open [--responsible X] | priorities --chairmanship ID | overlaps [--threshold T] | progress DECISION  [--as-of DATE] [--json]").withJSON().withAsOf().withViewer().withLang()
	q := &mandateQuestion{e: e, f: f}
	f.StringVar(&q.session, "session", "", "the session whose tasks to count (status)")
	f.StringVar(&q.responsible, "responsible", "", "a body, a state, secretariat or all_states (open)")
	f.StringVar(&q.chair, "chairmanship", "", "the chairmanship whose priorities to assess (priorities)")
	f.Float64Var(&q.threshold, "threshold", similarity.DefaultThreshold, "the similarity from which two tasks overlap, 0–1 (overlaps)")
	pos, st, err := f.start(args, 1, 2, q.check)
	if err != nil {
		return err
	}
	defer st.Close()
	q.st, q.args = st, pos
	answer := map[string]func() error{
		"status": q.status, "open": q.open, "priorities": q.priorities, "overlaps": q.overlaps, "progress": q.progress,
	}
	return answer[pos[0]]()
}

// check refuses a question the command does not know, or one asked without what it needs.
func (q *mandateQuestion) check(pos []string) error {
	name := pos[0]
	switch name {
	case "status", "open", "priorities", "overlaps", "progress":
	default:
		return usagef("unknown question %q: ask status, open, priorities, overlaps or progress", name)
	}
	switch {
	case name == "status" && q.session == "":
		return usagef("status needs --session")
	case name == "priorities" && q.chair == "":
		return usagef("priorities needs --chairmanship")
	case name == "progress" && len(pos) != 2:
		return usagef("progress needs a decision ID")
	case name != "progress" && len(pos) != 1:
		return usagef("%s takes no further arguments", name)
	case name == "overlaps" && (q.threshold <= 0 || q.threshold > 1):
		return usagef("--threshold must be above 0 and at most 1")
	}
	return nil
}

// status: how many of the tasks a session set are fulfilled.
func (q *mandateQuestion) status() error {
	w, lang := q.e.stdout, q.f.language()
	r, err := q.st.TasksOfSession(q.e.ctx, q.f.reader(), q.session, q.f.onDate())
	if err != nil {
		return err
	}
	if q.f.json {
		return writeJSON(w, r)
	}
	fmt.Fprintf(w, "Tasks set at %s, as of %s: %d of %d fulfilled", r.Session, r.On, len(r.Fulfilled), r.Total)
	if r.Overdue > 0 {
		fmt.Fprintf(w, ", %d overdue", r.Overdue)
	}
	fmt.Fprintln(w, ".")
	if r.Hidden > 0 {
		fmt.Fprintf(w, "(%d more %s not visible to this reader.)\n", r.Hidden, secretariat.PluralEN(r.Hidden, "task is", "tasks are"))
	}
	if len(r.NotFulfilled) > 0 {
		fmt.Fprintln(w, "\nNot fulfilled:")
		printTasks(w, r.NotFulfilled, lang)
	}
	if len(r.Fulfilled) > 0 {
		fmt.Fprintln(w, "\nFulfilled:")
		printTasks(w, r.Fulfilled, lang)
	}
	return nil
}

// open: the tasks still open on the date, of one responsible party or of all.
func (q *mandateQuestion) open() error {
	w, on := q.e.stdout, q.f.onDate()
	lines, err := q.st.OpenTasks(q.e.ctx, q.f.reader(), q.responsible, on)
	if err != nil {
		return err
	}
	if q.f.json {
		return writeJSON(w, map[string]any{"on": on.String(), "responsible": q.responsible, "tasks": lines})
	}
	overdue := 0
	for _, l := range lines {
		if l.Overdue {
			overdue++
		}
	}
	who := q.responsible
	if who == "" {
		who = "all parties"
	}
	fmt.Fprintf(w, "Open tasks of %s on %s: %d, of which %d overdue.\n\n", who, on, len(lines), overdue)
	printTasks(w, lines, q.f.language())
	return nil
}

// priorities: a chairmanship's priorities, each assessed from its tasks.
func (q *mandateQuestion) priorities() error {
	w, lang := q.e.stdout, q.f.language()
	r, err := q.st.ChairmanshipView(q.e.ctx, q.f.reader(), q.chair)
	if err != nil {
		return err
	}
	if q.f.json {
		return writeJSON(w, r)
	}
	c := r.Chairmanship
	fmt.Fprintf(w, "Chairmanship %s: %s chairs %s from %s to %s. %d of %d priorities fulfilled.\n\n",
		c.ID, c.State, c.Body, c.From, orOpen(c.Until.String()), r.Fulfilled, len(r.Priorities))
	for _, p := range r.Priorities {
		fmt.Fprintf(w, "%d. %s\n   assessment: %s (%d %s, progress %.0f%%: %s)\n", p.Priority.N, p.Priority.Text.In(lang),
			secretariat.Label(p.Assessment, lang), p.Rollup.Counted, secretariat.PluralEN(p.Rollup.Counted, "task", "tasks"), p.Rollup.Progress, strings.Join(p.Tasks, ", "))
		if s := p.Priority.Statement.In(lang); s != "" {
			fmt.Fprintf(w, "   the chair's statement: %s\n", s)
		}
	}
	return nil
}

// overlaps: pairs of active tasks whose texts are alike.
func (q *mandateQuestion) overlaps() error {
	w := q.e.stdout
	pairs, err := q.st.Overlaps(q.e.ctx, q.f.reader(), q.threshold)
	if err != nil {
		return err
	}
	if q.f.json {
		return writeJSON(w, map[string]any{"threshold": q.threshold, "pairs": pairs})
	}
	fmt.Fprintf(w, "%d %s of active tasks at similarity ≥ %.2f (TF-IDF cosine of stemmed words):\n", len(pairs), secretariat.PluralEN(len(pairs), "pair", "pairs"), q.threshold)
	for _, p := range pairs {
		fmt.Fprintf(w, "\n%.2f (%s)  %s (decision %s)\n      %s\n   ≈  %s (decision %s)\n      %s\n", p.Score, p.Lang,
			p.TaskA, p.DecisionA, oneLine(p.TextA, 140), p.TaskB, p.DecisionB, oneLine(p.TextB, 140))
	}
	return nil
}

// progress: how far the tasks a decision set have come.
func (q *mandateQuestion) progress() error {
	decision := q.args[1]
	r, err := q.st.DecisionProgress(q.e.ctx, q.f.reader(), decision)
	if err != nil {
		return err
	}
	if q.f.json {
		return writeJSON(q.e.stdout, r)
	}
	fmt.Fprintf(q.e.stdout, "Decision %s: %d tasks (%d counted), progress %.0f%%, fulfilled: %v; by status: %v\n",
		decision, r.Tasks, r.Counted, r.Progress, r.Fulfilled, r.ByStatus)
	return nil
}

func orOpen(s string) string {
	if s == "" {
		return "now"
	}
	return s
}

func printTasks(w io.Writer, lines []store.TaskLine, lang secretariat.Lang) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "  TASK\tSTATUS\tDUE\tRESPONSIBLE\tTEXT")
	for _, l := range lines {
		due := l.Due
		if due == "" {
			due = l.Cycle.In(lang)
		}
		status := string(l.Status)
		if l.Overdue {
			status += " OVERDUE"
		}
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%s\n", l.ID, status, oneLine(due, 30), strings.Join(l.Responsible, ", "), oneLine(l.Text.In(lang), 70))
	}
	tw.Flush()
}
