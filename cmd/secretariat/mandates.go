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

func runMandates(e *env, args []string) error {
	f := newFlags(e, "mandates", "status --session ID | open [--responsible X] | priorities --chairmanship ID | overlaps [--threshold T] | progress DECISION  [--as-of DATE] [--json]").withJSON().withAsOf().withViewer().withLang()
	session := f.String("session", "", "the session whose tasks to count (status)")
	responsible := f.String("responsible", "", "a body, a state, secretariat or all_states (open)")
	chair := f.String("chairmanship", "", "the chairmanship whose priorities to assess (priorities)")
	threshold := f.Float64("threshold", similarity.DefaultThreshold, "the similarity from which two tasks overlap, 0–1 (overlaps)")
	pos, err := f.parse(args, 1, 2)
	if err != nil {
		return err
	}
	q := pos[0]
	switch q {
	case "status", "open", "priorities", "overlaps", "progress":
	default:
		return usagef("unknown question %q: ask status, open, priorities, overlaps or progress", q)
	}
	switch {
	case q == "status" && *session == "":
		return usagef("status needs --session")
	case q == "priorities" && *chair == "":
		return usagef("priorities needs --chairmanship")
	case q == "progress" && len(pos) != 2:
		return usagef("progress needs a decision ID")
	case q != "progress" && len(pos) != 1:
		return usagef("%s takes no further arguments", q)
	case q == "overlaps" && (*threshold <= 0 || *threshold > 1):
		return usagef("--threshold must be above 0 and at most 1")
	}
	st, err := f.open()
	if err != nil {
		return err
	}
	defer st.Close()
	lang, v, on := f.language(), f.reader(), f.onDate()
	switch q {
	case "status":
		r, err := st.TasksOfSession(e.ctx, v, *session, on)
		if err != nil {
			return err
		}
		if f.json {
			return writeJSON(e.stdout, r)
		}
		fmt.Fprintf(e.stdout, "Tasks set at %s, as of %s: %d of %d fulfilled", r.Session, r.On, len(r.Fulfilled), r.Total)
		if r.Overdue > 0 {
			fmt.Fprintf(e.stdout, ", %d overdue", r.Overdue)
		}
		fmt.Fprintln(e.stdout, ".")
		if r.Hidden > 0 {
			fmt.Fprintf(e.stdout, "(%d more tasks are not visible to this reader.)\n", r.Hidden)
		}
		if len(r.NotFulfilled) > 0 {
			fmt.Fprintln(e.stdout, "\nNot fulfilled:")
			printTasks(e.stdout, r.NotFulfilled, lang)
		}
		if len(r.Fulfilled) > 0 {
			fmt.Fprintln(e.stdout, "\nFulfilled:")
			printTasks(e.stdout, r.Fulfilled, lang)
		}
	case "open":
		lines, err := st.OpenTasks(e.ctx, v, *responsible, on)
		if err != nil {
			return err
		}
		if f.json {
			return writeJSON(e.stdout, map[string]any{"on": on.String(), "responsible": *responsible, "tasks": lines})
		}
		overdue := 0
		for _, l := range lines {
			if l.Overdue {
				overdue++
			}
		}
		who := *responsible
		if who == "" {
			who = "all parties"
		}
		fmt.Fprintf(e.stdout, "Open tasks of %s on %s: %d, of which %d overdue.\n\n", who, on, len(lines), overdue)
		printTasks(e.stdout, lines, lang)
	case "priorities":
		r, err := st.ChairmanshipView(e.ctx, v, *chair)
		if err != nil {
			return err
		}
		if f.json {
			return writeJSON(e.stdout, r)
		}
		c := r.Chairmanship
		fmt.Fprintf(e.stdout, "Chairmanship %s: %s chairs %s from %s to %s. %d of %d priorities fulfilled.\n\n",
			c.ID, c.State, c.Body, c.From, orOpen(c.Until.String()), r.Fulfilled, len(r.Priorities))
		for _, p := range r.Priorities {
			fmt.Fprintf(e.stdout, "%d. %s\n   assessment: %s (%d tasks, progress %.0f%%: %s)\n", p.Priority.N, p.Priority.Text.In(lang),
				p.Assessment, p.Rollup.Counted, p.Rollup.Progress, strings.Join(p.Tasks, ", "))
			if s := p.Priority.Statement.In(lang); s != "" {
				fmt.Fprintf(e.stdout, "   the chair's statement: %s\n", s)
			}
		}
	case "overlaps":
		pairs, err := st.Overlaps(e.ctx, v, *threshold)
		if err != nil {
			return err
		}
		if f.json {
			return writeJSON(e.stdout, map[string]any{"threshold": *threshold, "pairs": pairs})
		}
		fmt.Fprintf(e.stdout, "%d pairs of active tasks at similarity ≥ %.2f (TF-IDF cosine of stemmed words):\n", len(pairs), *threshold)
		for _, p := range pairs {
			fmt.Fprintf(e.stdout, "\n%.2f (%s)  %s (decision %s)\n      %s\n   ≈  %s (decision %s)\n      %s\n", p.Score, p.Lang,
				p.TaskA, p.DecisionA, oneLine(p.TextA, 140), p.TaskB, p.DecisionB, oneLine(p.TextB, 140))
		}
	case "progress":
		r, err := st.DecisionProgress(e.ctx, v, pos[1])
		if err != nil {
			return err
		}
		if f.json {
			return writeJSON(e.stdout, r)
		}
		fmt.Fprintf(e.stdout, "Decision %s: %d tasks (%d counted), progress %.0f%%, fulfilled: %v; by status: %v\n",
			pos[1], r.Tasks, r.Counted, r.Progress, r.Fulfilled, r.ByStatus)
	}
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
