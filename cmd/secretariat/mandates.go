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
	// Поручение is neuter, so "выполнено" agrees with every count placed after it.
	fmt.Fprint(w, label(lang, fmt.Sprintf("Tasks set at %s, as of %s: %d of %d fulfilled", r.Session, r.On, len(r.Fulfilled), r.Total),
		fmt.Sprintf("Поручения заседания %s по состоянию на %s: выполнено %d из %d", r.Session, r.On, len(r.Fulfilled), r.Total)))
	if r.Overdue > 0 {
		fmt.Fprint(w, label(lang, fmt.Sprintf(", %d overdue", r.Overdue), fmt.Sprintf(", просрочено %d", r.Overdue)))
	}
	fmt.Fprintln(w, ".")
	if r.Hidden > 0 {
		fmt.Fprintf(w, "(%s)\n", label(lang,
			fmt.Sprintf("%d more %s not visible to this reader.", r.Hidden, secretariat.PluralEN(r.Hidden, "task is", "tasks are")),
			fmt.Sprintf("Ещё %d %s этому читателю не видно.", r.Hidden, secretariat.PluralRU(r.Hidden, "поручение", "поручения", "поручений"))))
	}
	if len(r.NotFulfilled) > 0 {
		fmt.Fprintf(w, "\n%s\n", label(lang, "Not fulfilled:", "Не выполнены:"))
		printTasks(w, r.NotFulfilled, lang)
	}
	if len(r.Fulfilled) > 0 {
		fmt.Fprintf(w, "\n%s\n", label(lang, "Fulfilled:", "Выполнены:"))
		printTasks(w, r.Fulfilled, lang)
	}
	return nil
}

// open: the tasks still open on the date, of one responsible party or of all.
func (q *mandateQuestion) open() error {
	w, on, lang := q.e.stdout, q.f.onDate(), q.f.language()
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
	n := len(lines)
	who := ""
	if q.responsible != "" {
		who = fmt.Sprintf(" (%s: %s)", label(lang, "responsible", "исполнитель"), partyLabel(q.responsible, lang))
	}
	// "Overdue: N" rather than "of which N are overdue": the count then needs no verb to
	// agree with it, in either language.
	fmt.Fprintf(w, "%s\n\n", label(lang,
		fmt.Sprintf("On %s: %d open %s%s; overdue: %d.", on, n, secretariat.PluralEN(n, "task", "tasks"), who, overdue),
		fmt.Sprintf("На %s: %d %s%s; просрочено: %d.", on, n, secretariat.PluralRU(n, "открытое поручение", "открытых поручения", "открытых поручений"), who, overdue)))
	printTasks(w, lines, lang)
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
	c, n := r.Chairmanship, len(r.Priorities)
	until := c.Until.String()
	if until == "" {
		until = label(lang, "now", "настоящее время")
	}
	if n == 0 {
		fmt.Fprintf(w, "%s\n", label(lang,
			fmt.Sprintf("Chairmanship %s: %s chairs %s from %s to %s. The record holds no priorities of it.", c.ID, c.State, c.Body, c.From, until),
			fmt.Sprintf("Председательство %s: %s председательствует в %s с %s по %s. Приоритеты председательства в записи отсутствуют.", c.ID, c.State, c.Body, c.From, until)))
		return nil
	}
	// "k of n": the noun agrees with n, the total ("1 of 1 priority", "из 1 приоритета").
	fmt.Fprintf(w, "%s\n\n", label(lang,
		fmt.Sprintf("Chairmanship %s: %s chairs %s from %s to %s. %d of %d %s fulfilled.", c.ID, c.State, c.Body, c.From, until,
			r.Fulfilled, n, secretariat.PluralEN(n, "priority", "priorities")),
		fmt.Sprintf("Председательство %s: %s председательствует в %s с %s по %s. Выполнено %d из %d %s.", c.ID, c.State, c.Body, c.From, until,
			r.Fulfilled, n, secretariat.PluralRU(n, "приоритета", "приоритетов", "приоритетов"))))
	for _, p := range r.Priorities {
		k := p.Rollup.Counted
		tasks := ""
		if len(p.Tasks) > 0 {
			tasks = ": " + strings.Join(p.Tasks, ", ")
		}
		fmt.Fprintf(w, "%d. %s\n   %s\n", p.Priority.N, p.Priority.Text.In(lang), label(lang,
			fmt.Sprintf("assessment: %s (%d %s, progress %.0f%%%s)", secretariat.Label(p.Assessment, lang), k, secretariat.PluralEN(k, "task", "tasks"), p.Rollup.Progress, tasks),
			fmt.Sprintf("оценка: %s (%d %s, ход выполнения %.0f%%%s)", secretariat.Label(p.Assessment, lang), k, secretariat.PluralRU(k, "поручение", "поручения", "поручений"), p.Rollup.Progress, tasks)))
		if s := p.Priority.Statement.In(lang); s != "" {
			fmt.Fprintf(w, "   %s: %s\n", label(lang, "the chair's statement", "заявление председательства"), s)
		}
	}
	return nil
}

// overlaps: pairs of active tasks whose texts are alike.
func (q *mandateQuestion) overlaps() error {
	w, lang := q.e.stdout, q.f.language()
	pairs, err := q.st.Overlaps(q.e.ctx, q.f.reader(), q.threshold)
	if err != nil {
		return err
	}
	if q.f.json {
		return writeJSON(w, map[string]any{"threshold": q.threshold, "pairs": pairs})
	}
	n, end := len(pairs), ":"
	if n == 0 {
		end = "."
	}
	fmt.Fprintln(w, label(lang,
		fmt.Sprintf("%d %s of active tasks at similarity ≥ %s (TF-IDF cosine of stemmed words)%s", n, secretariat.PluralEN(n, "pair", "pairs"), score(q.threshold, lang), end),
		fmt.Sprintf("%d %s действующих поручений со сходством не ниже %s (косинус TF-IDF по основам слов)%s", n, secretariat.PluralRU(n, "пара", "пары", "пар"), score(q.threshold, lang), end)))
	decision := label(lang, "decision", "решение")
	for _, p := range pairs {
		// The texts in the reader's language; the score says in which language they were
		// found alike.
		textA, err := q.taskText(p.TaskA, p.TextA, lang)
		if err != nil {
			return err
		}
		textB, err := q.taskText(p.TaskB, p.TextB, lang)
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "\n%s (%s)  %s (%s %s)\n      %s\n   ≈  %s (%s %s)\n      %s\n", score(p.Score, lang), secretariat.EnumLang.In(p.Lang, lang),
			p.TaskA, decision, p.DecisionA, oneLine(textA, 140), p.TaskB, decision, p.DecisionB, oneLine(textB, 140))
	}
	return nil
}

// score writes a similarity with the reader's decimal mark.
func score(x float64, lang secretariat.Lang) string {
	s := fmt.Sprintf("%.2f", x)
	if lang == secretariat.RU {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

// taskText is a task's text in lang, or found (the text an overlap was found in) when
// the task has none in lang.
func (q *mandateQuestion) taskText(id, found string, lang secretariat.Lang) (string, error) {
	t, err := store.FindByID[secretariat.Task](q.e.ctx, q.st, q.f.reader(), id)
	if err != nil {
		return "", fmt.Errorf("reading task %s of an overlap: %w", id, err)
	}
	if s := t.Text.In(lang); s != "" {
		return s, nil
	}
	return found, nil
}

// progress: how far the tasks a decision set have come.
func (q *mandateQuestion) progress() error {
	decision, lang := q.args[1], q.f.language()
	r, err := q.st.DecisionProgress(q.e.ctx, q.f.reader(), decision)
	if err != nil {
		return err
	}
	if q.f.json {
		return writeJSON(q.e.stdout, r)
	}
	if r.Tasks == 0 {
		fmt.Fprintln(q.e.stdout, label(lang, fmt.Sprintf("Decision %s sets no tasks.", decision), fmt.Sprintf("Решение %s не ставит поручений.", decision)))
		return nil
	}
	done := label(lang, "not fulfilled", "не выполнено")
	if r.Fulfilled {
		done = label(lang, "fulfilled", "выполнено")
	}
	// By status in the workflow's order, each status by its label; the Russian puts the
	// count after a dash, where no agreement is needed.
	var by []string
	for _, s := range secretariat.TaskStatuses {
		if k := r.ByStatus[s]; k > 0 {
			by = append(by, label(lang, fmt.Sprintf("%d %s", k, secretariat.Label(s, lang)), fmt.Sprintf("%s — %d", secretariat.Label(s, lang), k)))
		}
	}
	fmt.Fprintln(q.e.stdout, label(lang,
		fmt.Sprintf("Decision %s: %d %s (%d counted), progress %.0f%%, %s. By status: %s.", decision, r.Tasks, secretariat.PluralEN(r.Tasks, "task", "tasks"),
			r.Counted, r.Progress, done, strings.Join(by, ", ")),
		fmt.Sprintf("Решение %s: %d %s (учтено %d), ход выполнения %.0f%%, %s. По статусам: %s.", decision, r.Tasks, secretariat.PluralRU(r.Tasks, "поручение", "поручения", "поручений"),
			r.Counted, r.Progress, done, strings.Join(by, ", "))))
	return nil
}

// partyLabel names a responsible party as the record's tasks name it: the secretariat
// and all member states by their labels, a body or a state by its ID.
func partyLabel(party string, lang secretariat.Lang) string {
	return secretariat.EnumResponsibleKind.In(party, lang)
}

func printTasks(w io.Writer, lines []store.TaskLine, lang secretariat.Lang) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, label(lang, "  TASK\tSTATUS\tDUE\tRESPONSIBLE\tTEXT", "  ПОРУЧЕНИЕ\tСТАТУС\tСРОК\tИСПОЛНИТЕЛЬ\tТЕКСТ"))
	for _, l := range lines {
		due := l.Due
		if due == "" {
			due = l.Cycle.In(lang)
		}
		status := secretariat.Label(l.Status, lang)
		if l.Overdue {
			status += ", " + secretariat.Label(secretariat.StateOverdue, lang)
		}
		parties := make([]string, len(l.Responsible))
		for i, p := range l.Responsible {
			parties[i] = partyLabel(p, lang)
		}
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%s\n", l.ID, status, oneLine(due, 30), strings.Join(parties, ", "), oneLine(l.Text.In(lang), 70))
	}
	tw.Flush()
}
