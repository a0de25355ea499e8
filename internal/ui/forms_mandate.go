package ui

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"secretariat"
	"secretariat/internal/httpx"
	"secretariat/internal/store"
)

// The forms of tasks, reports and chairmanships.

func (a *App) priorityOptions(r *http.Request, b *Base) ([]Option, error) {
	chairs, _, err := store.FindAll[secretariat.Chairmanship](r.Context(), a.st, viewer(r), store.Filter{})
	if err != nil {
		return nil, err
	}
	var out []Option
	for _, c := range chairs {
		for _, p := range c.Priorities {
			out = append(out, Option{Value: fmt.Sprintf("%s#%d", c.ID, p.N), Label: fmt.Sprintf("%s, %d: %s", b.StateName(c.State), c.From.Year(), p.Text.In(b.Lang))})
		}
	}
	return out, nil
}

func (a *App) taskForm() verbForm {
	return verbForm{nav: "tasks",
		page: func(r *http.Request, b *Base) (*FormPage, error) {
			d, err := pathRecord[secretariat.Decision](a, r)
			if err != nil {
				return nil, err
			}
			prios, err := a.priorityOptions(r, b)
			if err != nil {
				return nil, err
			}
			p := &FormPage{Base: b, Heading: b.T("Set a task"), Back: b.Rec("decision", d.ID),
				Context: []Fact{{Term: b.T("Decision"), Value: d.Title.In(b.Lang), Href: b.Rec("decision", d.ID)}},
				Intro:   b.T("A mandate the decision sets: an operative paragraph, who carries it out, and by when. It starts as assigned; progress comes from implementation reports.")}
			due := withHelp(b.input("date", "due", "Due", false), b.T("Give a due date or a reporting cycle, not both."))
			weight := withHelp(b.input("number", "weight", "Weight in roll-ups", false), b.T("Left empty, 1."))
			weight.Min, weight.Step = "0", "any"
			links := withHelp(b.input("text", "links.tasks", "Earlier tasks", false), b.T("Their identifiers, separated by commas."))
			p.Sets = []Fieldset{
				set(b.T("The task"), one(b.input("text", "paragraph", "Operative paragraph", false)), b.bilingual("textarea", "text", "Text", true)),
				set(b.T("Who carries it out"), one(Field{Name: "responsible.kind", Label: b.T("Responsible"), Kind: "radio", Required: true,
					Options: selected(b.enumOptions("responsible_kind", "body", "secretariat", "states", "all_states"), "secretariat")}),
					one(b.selectField("responsible.body", "The body", b.bodyOptions(), false)),
					one(Field{Name: "responsible.states", Label: b.T("The states"), Kind: "checkboxes", Options: b.stateOptions()})),
				set(b.T("By when"), one(due), b.bilingual("text", "cycle", "Reporting cycle", false),
					one(b.input("date", "review", "Review", false)), one(b.input("date", "sunset", "Sunset", false))),
				set(b.T("Links"), one(b.selectField("priority", "Serves the chair's priority", prios, false)), one(weight),
					one(b.selectField("links.relation", "Relation to earlier tasks", b.enumOptions("task_relation", "supersedes", "renews", "merges"), false)), one(links)),
				set(b.T("Who may see it"), b.accessFieldsFrom(d.Access)),
			}
			return p, nil
		},
		apply: func(r *http.Request, st *store.Store, f *form) (string, error) {
			d, _ := a.directory(r.Context())
			t := &secretariat.Task{Decision: r.PathValue("id"), Paragraph: f.str("paragraph", false), Text: f.text("text", true),
				Due: f.date("due", false), Cycle: f.text("cycle", false), Review: f.date("review", false), Sunset: f.date("sunset", false),
				Weight: f.number("weight", false), Access: f.access(d.order)}
			t.Responsible.Kind = secretariat.ResponsibleKind(f.choice("responsible.kind", []string{"body", "secretariat", "states", "all_states"}, true))
			switch t.Responsible.Kind {
			case secretariat.ResponsibleBody:
				t.Responsible.Body = f.choice("responsible.body", keys(d.bodies), true)
			case secretariat.ResponsibleStates:
				t.Responsible.States = f.choices("responsible.states", d.order)
				if len(t.Responsible.States) == 0 {
					f.fail("responsible.states", "Choose the responsible states.")
				}
			}
			if pr := f.str("priority", false); pr != "" {
				c, n, _ := strings.Cut(pr, "#")
				num, err := strconv.Atoi(n)
				if err != nil {
					f.fail("priority", "Choose one of the options.")
				}
				t.Priority = secretariat.PriorityRef{Chairmanship: c, N: num}
			}
			if rel := f.choice("links.relation", []string{"supersedes", "renews", "merges"}, false); rel != "" {
				var ids []string
				for _, id := range strings.Split(f.str("links.tasks", true), ",") {
					if id = strings.TrimSpace(id); id != "" {
						ids = append(ids, id)
					}
				}
				t.Links = []secretariat.TaskLink{{Relation: secretariat.TaskRelation(rel), Tasks: ids}}
			}
			if !f.ok() {
				return "", nil
			}
			e, err := st.SetTask(r.Context(), *t)
			if err != nil {
				return "", err
			}
			return RecordPath("task", e.ID), nil
		}}
}

// partyOptions lists every possible party: the secretariat, the bodies and the states.
func (b *Base) partyOptions() []Option {
	out := []Option{{Value: "secretariat", Label: b.T("Secretariat")}}
	out = append(out, b.bodyOptions()...)
	return append(out, b.stateOptions()...)
}

func (a *App) reportForm() verbForm {
	return verbForm{nav: "tasks", multipart: true,
		page: func(r *http.Request, b *Base) (*FormPage, error) {
			t, err := pathRecord[secretariat.Task](a, r)
			if err != nil {
				return nil, err
			}
			var speaks []Option
			for _, party := range t.Responsible.Parties() {
				if party == "all_states" {
					speaks = append(speaks, b.stateOptions()...)
					continue
				}
				speaks = append(speaks, Option{Value: party, Label: b.Party(party)})
			}
			p := &FormPage{Base: b, Heading: b.T("Record an implementation report"), Back: b.Rec("task", t.ID),
				Context: []Fact{{Term: b.T("Task"), Value: t.Text.In(b.Lang), Href: b.Rec("task", t.ID)}, {Term: b.T("Status"), Value: b.Label("task_status", t.Status)}},
				Intro:   b.T("What was done, by whom, with documents. A report of 100% makes the task reported; less keeps it in progress.")}
			progress := b.input("number", "progress", "Progress, %", true)
			progress.Min, progress.Max, progress.Value = "0", "100", strconv.Itoa(t.Progress)
			docs := withHelp(b.input("file", "documents", "Documents", false), b.T("PDF, text, CSV, PNG, JPEG or office documents, at most 10 MiB each."))
			p.Sets = []Fieldset{set("", one(withValue(b.input("date", "date", "Date", true), a.today().String())),
				one(b.selectField("author", "Written by", b.partyOptions(), true)),
				one(b.selectField("speaks_for", "Speaks for", speaks, true)),
				b.bilingual("textarea", "text", "What was done", true), one(progress), one(docs))}
			return p, nil
		},
		apply: func(r *http.Request, st *store.Store, f *form) (string, error) {
			b, err := a.base(r, "", "")
			if err != nil {
				return "", err
			}
			rep := &secretariat.ImplementationReport{Task: r.PathValue("id"), Date: f.date("date", true),
				Author: f.choice("author", optionValues(b.partyOptions()), true), SpeaksFor: f.id("speaks_for", true),
				Text: f.text("text", true), Progress: f.int("progress", 0, 100, true)}
			files, err := uploads(r, "documents")
			if err != nil {
				if msg, ok := f.refused(err); ok {
					f.fail("documents", "%s", msg)
					return "", nil
				}
				return "", err
			}
			if !f.ok() {
				return "", nil
			}
			e, err := st.ReportImplementation(r.Context(), *rep, files)
			if err != nil {
				return "", err
			}
			return RecordPath("task", rep.Task) + "#report-" + e.ID, nil
		}}
}

// moveTask runs a step of a task's workflow from a button.
func (a *App) moveTask(step string) httpx.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		st, err := a.writer(r)
		if err != nil {
			return err
		}
		id := r.PathValue("id")
		switch step {
		case "fulfil":
			_, err = st.FulfilTask(r.Context(), id)
		case "cancel":
			_, err = st.CancelTask(r.Context(), id)
		case "return":
			_, err = st.ReturnTask(r.Context(), id)
		}
		if err != nil {
			return err
		}
		return redirectAfter(w, r, RecordPath("task", id), "saved")
	}
}

func (a *App) takeChairForm() verbForm {
	return verbForm{nav: "chairmanships",
		page: func(r *http.Request, b *Base) (*FormPage, error) {
			p := &FormPage{Base: b, Heading: b.T("Record a first chairmanship"), Back: b.Href("/chairmanships"),
				Intro: b.T("The first chair of a body the record knows. Later chairs take over with a hand-over at a session.")}
			id := withHelp(b.input("text", "id", "Identifier", false), b.T("Left empty, it is made from the body, the state and the year."))
			p.Sets = []Fieldset{set("", one(b.selectField("body", "Body", b.bodyOptions(), true)), one(b.selectField("state", "State", b.stateOptions(), true)),
				one(b.input("date", "from", "From", true)), one(b.input("date", "until", "Until", false)), one(id))}
			return p, nil
		},
		apply: func(r *http.Request, st *store.Store, f *form) (string, error) {
			d, _ := a.directory(r.Context())
			c := &secretariat.Chairmanship{Body: f.choice("body", keys(d.bodies), true), State: f.choice("state", d.order, true),
				From: f.date("from", true), Until: f.date("until", false), ID: f.id("id", false)}
			if !f.ok() {
				return "", nil
			}
			if c.ID == "" {
				c.ID = fmtID(c.Body, c.State, c.From.Year())
			}
			if _, err := st.TakeChair(r.Context(), *c); err != nil {
				return "", err
			}
			return RecordPath("chairmanship", c.ID), nil
		}}
}

func (a *App) handOverForm() verbForm {
	return verbForm{nav: "chairmanships",
		page: func(r *http.Request, b *Base) (*FormPage, error) {
			sessions, _, err := a.st.FindSessions(r.Context(), store.SessionFilter{Latest: true, Limit: 100})
			if err != nil {
				return nil, err
			}
			var opts []Option
			for _, s := range sessions {
				opts = append(opts, Option{Value: s.ID, Label: b.BodyShort(s.Body) + ", " + b.Short(s.Date)})
			}
			p := &FormPage{Base: b, Heading: b.T("Hand over the chairmanship"), Back: b.Href("/chairmanships"),
				Intro: b.T("The current chair of the session's body hands over at the session: its term ends the day before, and the next begins on the session's date.")}
			to := withHelp(b.selectField("to", "Next chair", b.stateOptions(), false), b.T("Left empty, the next state in the body's rotation."))
			id := withHelp(b.input("text", "id", "Identifier", false), b.T("Left empty, it is made from the body, the state and the year."))
			p.Sets = []Fieldset{set("", one(b.selectField("session", "At the session", opts, true)), one(to), one(id))}
			return p, nil
		},
		apply: func(r *http.Request, st *store.Store, f *form) (string, error) {
			d, _ := a.directory(r.Context())
			h := store.HandOver{Session: f.id("session", true), To: f.choice("to", d.order, false), ID: f.id("id", false)}
			if !f.ok() {
				return "", nil
			}
			e, err := st.HandOverChairmanship(r.Context(), h)
			if err != nil {
				return "", err
			}
			return RecordPath("chairmanship", e.ID), nil
		}}
}

// maxPriorities is how many priority rows the form offers.
const maxPriorities = 8

func (a *App) prioritiesForm() verbForm {
	return verbForm{nav: "chairmanships",
		page: func(r *http.Request, b *Base) (*FormPage, error) {
			c, err := pathRecord[secretariat.Chairmanship](a, r)
			if err != nil {
				return nil, err
			}
			p := &FormPage{Base: b, Heading: b.T("Record the announced priorities"), Back: b.Rec("chairmanship", c.ID),
				Context: []Fact{{Term: b.T("Chairmanship"), Value: b.StateName(c.State) + ", " + b.BodyName(c.Body), Href: b.Rec("chairmanship", c.ID)}},
				Intro:   b.Tf("Up to %d priorities, in the order announced; leave the rest empty.", maxPriorities)}
			p.Sets = []Fieldset{set("", one(b.input("date", "announced", "Announced on", true)))}
			for i := 1; i <= maxPriorities; i++ {
				p.Sets = append(p.Sets, set(b.Tf("Priority %d", i), b.bilingual("textarea", fmt.Sprintf("priorities.%d", i), "Text", false)))
			}
			return p, nil
		},
		apply: func(r *http.Request, st *store.Store, f *form) (string, error) {
			on := f.date("announced", true)
			var ps []secretariat.Priority
			for i := 1; i <= maxPriorities; i++ {
				t := f.text(fmt.Sprintf("priorities.%d", i), false)
				if !t.IsZero() {
					ps = append(ps, secretariat.Priority{Text: t})
				}
			}
			if len(ps) == 0 {
				f.fail("priorities.1.ru", "Give at least one priority.")
			}
			if !f.ok() {
				return "", nil
			}
			if _, err := st.AnnouncePriorities(r.Context(), r.PathValue("id"), on, ps); err != nil {
				return "", err
			}
			return RecordPath("chairmanship", r.PathValue("id")) + "#priorities", nil
		}}
}

func (a *App) sourceOptions(r *http.Request) ([]Option, error) {
	return recordOptions(a, r, func(s *secretariat.Source) secretariat.Text { return s.Title })
}

func (a *App) statementForm() verbForm {
	return verbForm{nav: "chairmanships",
		page: func(r *http.Request, b *Base) (*FormPage, error) {
			c, err := pathRecord[secretariat.Chairmanship](a, r)
			if err != nil {
				return nil, err
			}
			n, err := strconv.Atoi(r.PathValue("n"))
			if err != nil || n < 1 || n > len(c.Priorities) {
				return nil, secretariat.Errorf(secretariat.ENOTFOUND, "chairmanship %s has no priority %s", c.ID, r.PathValue("n"))
			}
			pr := c.Priorities[n-1]
			srcs, err := a.sourceOptions(r)
			if err != nil {
				return nil, err
			}
			for i := range srcs {
				for _, s := range pr.StatementSources {
					srcs[i].Selected = srcs[i].Selected || srcs[i].Value == s
				}
			}
			p := &FormPage{Base: b, Heading: b.T("Record the chair's statement"), Back: b.Rec("chairmanship", c.ID) + fmt.Sprintf("#priority-%d", n),
				Context: []Fact{{Term: b.Tf("Priority %d", n), Value: pr.Text.In(b.Lang), Href: b.Rec("chairmanship", c.ID)}},
				Intro:   b.T("The chair's own end-of-term statement is kept beside the assessment the record computes from the tasks.")}
			p.Sets = []Fieldset{set("", textValues(b.bilingual("textarea", "statement", "Statement", true), pr.Statement),
				one(Field{Name: "sources", Label: b.T("Sources"), Kind: "checkboxes", Options: srcs}))}
			return p, nil
		},
		apply: func(r *http.Request, st *store.Store, f *form) (string, error) {
			srcs, err := a.sourceOptions(r)
			if err != nil {
				return "", err
			}
			n, err := strconv.Atoi(r.PathValue("n"))
			if err != nil {
				return "", secretariat.Errorf(secretariat.ENOTFOUND, "there is no priority %q", r.PathValue("n"))
			}
			statement, sources := f.text("statement", true), f.choices("sources", optionValues(srcs))
			if !f.ok() {
				return "", nil
			}
			if _, err := st.StateOnPriority(r.Context(), r.PathValue("id"), n, statement, sources); err != nil {
				return "", err
			}
			return RecordPath("chairmanship", r.PathValue("id")) + fmt.Sprintf("#priority-%d", n), nil
		}}
}
