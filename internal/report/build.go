package report

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"time"

	"secretariat"
	"secretariat/internal/store"
)

// Build builds the year in review of year from the record as it stood at asOf (zero for
// now), as viewer may see it. Only the records the viewer may see count; those hidden are
// counted in Hidden.
func Build(ctx context.Context, st *store.Store, year int, asOf time.Time, v secretariat.Viewer) (*YearReview, error) {
	if year < 1900 || year > 2200 {
		return nil, secretariat.Errorf(secretariat.EINVALID, "%d is not a year the record could hold", year)
	}
	if !asOf.IsZero() {
		past, err := st.AsOf(ctx, asOf, nil)
		if err != nil {
			return nil, err
		}
		defer past.Close()
		st = past
	}
	b := &builder{ctx: ctx, st: st, v: v, year: year,
		start: secretariat.NewDate(year, 1, 1), end: secretariat.NewDate(year, 12, 31)}
	n, head, err := st.Head(ctx)
	if err != nil {
		return nil, err
	}
	if n == 0 {
		return nil, secretariat.Errorf(secretariat.ENOTFOUND, "the record is empty: there is nothing to review")
	}
	last, err := st.Entry(ctx, n)
	if err != nil {
		return nil, err
	}
	// "Today", for the review, is the time of the last entry it reads: the same record
	// always gives the same review.
	b.today = secretariat.DateOf(last.At)
	b.r = &YearReview{Year: year, AsOf: last.At.UTC().Format(time.RFC3339), Viewer: v.String(), Journal: JournalHead{Entries: n, Head: head}}
	steps := []func() error{b.organization, b.foreword, b.chairmanship, b.tasks, b.sessions, b.pipeline, b.threats, b.operations, b.publications, b.comparison}
	for _, step := range steps {
		if err := step(); err != nil {
			return nil, err
		}
	}
	return b.r, nil
}

type builder struct {
	ctx        context.Context
	st         *store.Store
	v          secretariat.Viewer
	year       int
	start, end secretariat.Date
	today      secretariat.Date
	r          *YearReview
	supreme    *secretariat.Body
	regular    *secretariat.Session // the supreme body's regular session of the year
}

func (b *builder) inYear(d secretariat.Date) bool { return !d.Before(b.start) && !d.After(b.end) }

func (b *builder) organization() error {
	orgs, _, err := store.FindAll[secretariat.Organization](b.ctx, b.st, b.v, store.Filter{Limit: 1})
	if err != nil {
		return err
	}
	if len(orgs) > 0 {
		b.r.Organization = orgs[0].Name
	}
	bodies, _, err := store.FindAll[secretariat.Body](b.ctx, b.st, b.v, store.Where("kind", string(secretariat.BodySupreme)))
	if err != nil {
		return err
	}
	if len(bodies) == 0 {
		return secretariat.Errorf(secretariat.ENOTFOUND, "the record has no supreme body (a body of kind supreme): the review is built around its sessions")
	}
	b.supreme = &bodies[0]
	b.r.Supreme, b.r.SupremeName = Ref{"body", b.supreme.ID}, b.supreme.Name
	sessions, _, err := store.FindAll[secretariat.Session](b.ctx, b.st, b.v, store.Where("body", b.supreme.ID))
	if err != nil {
		return err
	}
	for i := range sessions {
		s := &sessions[i]
		if s.Kind == secretariat.Regular && b.inYear(s.Date) {
			b.regular = s
		}
	}
	return nil
}

func (b *builder) foreword() error {
	pubs, _, err := store.FindAll[secretariat.Publication](b.ctx, b.st, b.v, store.Where("section", "foreword"))
	if err != nil {
		return err
	}
	for _, p := range pubs {
		if p.Date.Year() == b.year && len(p.Parts) > 0 {
			b.r.Foreword = &Foreword{Text: p.Parts[0].Body, Publication: Ref{"publication", p.ID}}
		}
	}
	return nil
}

func (b *builder) chairmanship() error {
	chairs, _, err := store.FindAll[secretariat.Chairmanship](b.ctx, b.st, b.v, store.Where("body", b.supreme.ID))
	if err != nil {
		return err
	}
	for _, c := range chairs {
		if c.From.After(b.end) || (!c.Until.IsZero() && c.Until.Before(b.start)) {
			continue
		}
		view, err := b.st.ChairmanshipView(b.ctx, b.v, c.ID)
		if err != nil {
			return err
		}
		state, err := store.FindByID[secretariat.MemberState](b.ctx, b.st, b.v, c.State)
		if err != nil {
			return err
		}
		t := ChairTerm{Ref: Ref{"chairmanship", c.ID}, State: c.State, StateName: state.Name, From: c.From, Until: c.Until,
			Priorities: view.Priorities, EndsInYear: !c.Until.IsZero() && b.inYear(c.Until)}
		for _, p := range view.Priorities {
			if p.Assessment == "fulfilled" {
				t.Fulfilled.add("chairmanship", fmt.Sprintf("%s#%d", c.ID, p.Priority.N))
			}
		}
		b.countIllustrative(c.Illustrative)
		b.r.Chairmanship.Terms = append(b.r.Chairmanship.Terms, t)
	}
	return nil
}

func (b *builder) countIllustrative(ill bool) {
	if ill {
		b.r.Illustrative++
	}
}

// tasks states the tasks set at the previous year's regular session as they stood at
// this year's regular session (or today, if the session has not been held).
func (b *builder) tasks() error {
	sessions, _, err := store.FindAll[secretariat.Session](b.ctx, b.st, b.v, store.Where("body", b.supreme.ID))
	if err != nil {
		return err
	}
	var prev *secretariat.Session
	for i := range sessions {
		s := &sessions[i]
		if s.Kind == secretariat.Regular && s.Date.Year() == b.year-1 {
			prev = s
		}
	}
	sec := &b.r.Tasks
	sec.ByStatus = map[secretariat.TaskStatus]int{}
	if prev == nil {
		return nil
	}
	sec.SetAt = &SessionRef{Ref: Ref{"session", prev.ID}, Date: prev.Date, Place: prev.Place}
	checkOn := b.today
	if b.regular != nil && !b.regular.Date.After(b.today) {
		checkOn = b.regular.Date
		sec.CheckedAt = &SessionRef{Ref: Ref{"session", b.regular.ID}, Date: b.regular.Date, Place: b.regular.Place}
	}
	sec.Checked = checkOn
	// The statuses as they stood on that day, from the journal.
	past, err := b.st.AsOf(b.ctx, checkOn.EndTime(), nil)
	if err != nil {
		return err
	}
	defer past.Close()
	r, err := past.TasksOfSession(b.ctx, b.v, prev.ID, checkOn)
	if err != nil {
		return err
	}
	b.r.Hidden.Tasks += r.Hidden
	for _, l := range append(append([]store.TaskLine{}, r.Fulfilled...), r.NotFulfilled...) {
		b.countIllustrative(l.Illustrative)
		sec.Set.add("task", l.ID)
		sec.ByStatus[l.Status]++
		switch {
		case l.Status == secretariat.TaskFulfilled:
			sec.Fulfilled.add("task", l.ID)
		case l.Status == secretariat.TaskCancelled || l.Status == secretariat.TaskSuperseded:
			sec.Cancelled.add("task", l.ID)
		default:
			sec.InProgress.add("task", l.ID)
		}
		if l.Overdue {
			sec.Overdue.add("task", l.ID)
		}
	}
	sec.Open = r.NotFulfilled
	return nil
}

func (b *builder) sessions() error {
	bodies, _, err := store.FindAll[secretariat.Body](b.ctx, b.st, b.v, store.Filter{})
	if err != nil {
		return err
	}
	sort.SliceStable(bodies, func(i, j int) bool {
		return bodies[i].Kind == secretariat.BodySupreme && bodies[j].Kind != secretariat.BodySupreme
	})
	for _, body := range bodies {
		sessions, _, err := store.FindAll[secretariat.Session](b.ctx, b.st, b.v, store.Where("body", body.ID))
		if err != nil {
			return err
		}
		bs := BodySessions{Body: Ref{"body", body.ID}, Name: body.Name, Short: body.Short, Supreme: body.ID == b.supreme.ID,
			Outcomes: map[secretariat.Result]*Count{}}
		for _, s := range sessions {
			if !b.inYear(s.Date) {
				continue
			}
			held := !s.Date.After(b.today)
			line := SessionLine{SessionRef: SessionRef{Ref: Ref{"session", s.ID}, Date: s.Date, Place: s.Place}, Kind: s.Kind, Held: held, Note: s.Note}
			if held {
				bs.Held.add("session", s.ID)
			} else {
				bs.Planned.add("session", s.ID)
			}
			items, _, err := store.FindAll[secretariat.AgendaItem](b.ctx, b.st, b.v, store.Where("session", s.ID))
			if err != nil {
				return err
			}
			hidden, err := b.st.CountHidden(b.ctx, b.v, "item", store.Where("session", s.ID))
			if err != nil {
				return err
			}
			b.r.Hidden.Items += hidden
			line.Items = len(items)
			for _, it := range items {
				b.countIllustrative(it.Illustrative)
				if !held {
					continue
				}
				bs.Items.add("item", it.ID)
				if it.Outcome == nil {
					bs.Undecided.add("item", it.ID)
					continue
				}
				c := bs.Outcomes[it.Outcome.Result]
				if c == nil {
					c = &Count{}
					bs.Outcomes[it.Outcome.Result] = c
				}
				c.add("item", it.ID)
				if it.Outcome.Result == secretariat.AdoptedLimited {
					bs.Limited = append(bs.Limited, LimitedItem{Item: Ref{"item", it.ID}, Title: it.Title, NotBound: it.Outcome.NotBound})
				}
			}
			bs.Sessions = append(bs.Sessions, line)
		}
		decisions, _, err := store.FindAll[secretariat.Decision](b.ctx, b.st, b.v, store.Where("body", body.ID, "year", fmt.Sprint(b.year)))
		if err != nil {
			return err
		}
		hidden, err := b.st.CountHidden(b.ctx, b.v, "decision", store.Where("body", body.ID, "year", fmt.Sprint(b.year)))
		if err != nil {
			return err
		}
		b.r.Hidden.Decisions += hidden
		for _, d := range decisions {
			if len(d.Signatures) > 0 {
				bs.Signed.add("decision", d.ID)
			}
		}
		if len(bs.Sessions) > 0 {
			b.r.Sessions.Bodies = append(b.r.Sessions.Bodies, bs)
		}
	}
	return nil
}

func (b *builder) pipeline() error {
	items, _, err := store.FindAll[secretariat.AgendaItem](b.ctx, b.st, b.v, store.Where("body", b.supreme.ID))
	if err != nil {
		return err
	}
	for _, it := range items {
		if !b.inYear(it.Date) || len(it.Lineage) == 0 {
			continue
		}
		p := PipelineItem{Item: Ref{"item", it.ID}, Title: it.Title}
		lineage, err := b.st.VisibleLineage(b.ctx, b.v, it.Lineage)
		if err != nil {
			return err
		}
		for _, step := range lineage {
			body, err := store.FindByID[secretariat.Body](b.ctx, b.st, b.v, step.Body)
			if err != nil {
				return err
			}
			name := body.Short
			if name.IsZero() {
				name = body.Name
			}
			p.Steps = append(p.Steps, PipelineStep{LineageStep: step, BodyName: name})
		}
		if it.Draft != "" {
			p.Draft = &Ref{"draft", it.Draft}
		}
		if it.Outcome != nil && !it.Date.After(b.today) {
			p.Result = it.Outcome.Result
		}
		b.r.Pipeline.Items = append(b.r.Pipeline.Items, p)
	}
	return nil
}

func (b *builder) threats() error {
	threats, _, err := store.FindAll[secretariat.Threat](b.ctx, b.st, b.v, store.Filter{})
	if err != nil {
		return err
	}
	sec := &b.r.Threats
	for _, t := range threats {
		view, err := b.st.ThreatView(b.ctx, b.v, t.ID, store.Period{})
		if err != nil {
			return err
		}
		unanswered := !view.AnsweredByDecision
		t = view.Threat // with only the answers the reader may see
		line := ThreatLine{Ref: Ref{"threat", t.ID}, Name: t.Name, History: t.LevelHistory(secretariat.Date{}, b.end)}
		if a, ok := t.LatestAssessment(b.end); ok {
			line.Level, line.Trend, line.Illustrative = a.Level, a.Trend, a.Illustrative
		}
		for _, p := range t.LevelHistory(b.start, b.end) {
			if p.Change != 0 && b.inYear(p.Date) {
				line.Changes = append(line.Changes, p)
				sec.Changes.add("threat", t.ID)
			}
		}
		for _, d := range t.Decisions {
			line.AnsweredBy = append(line.AnsweredBy, Ref{"decision", d})
		}
		for _, o := range t.Operations {
			line.AnsweredBy = append(line.AnsweredBy, Ref{"operation", o})
		}
		if unanswered {
			sec.Unanswered.add("threat", t.ID)
		}
		if line.History == nil {
			line.History = []secretariat.LevelPoint{}
		}
		sec.Named.add("threat", t.ID)
		sec.Threats = append(sec.Threats, line)
	}
	return nil
}

func (b *builder) operations() error {
	ops, _, err := store.FindAll[secretariat.Operation](b.ctx, b.st, b.v, store.Filter{})
	if err != nil {
		return err
	}
	for _, op := range ops {
		view, err := b.st.OperationView(b.ctx, b.v, op.ID)
		if err != nil {
			return err
		}
		stageYear := map[string]int{}
		for _, s := range op.Stages {
			stageYear[s.ID] = s.From.Year()
		}
		oy := OperationYear{Ref: Ref{"operation", op.ID}, CodeName: op.CodeName}
		for _, mt := range view.Totals {
			var total *secretariat.Total
			var earlier []secretariat.Total
			for i, y := range mt.Years {
				switch {
				case y.Key == fmt.Sprint(b.year):
					total = &mt.Years[i]
				case y.Key < fmt.Sprint(b.year):
					earlier = append(earlier, y)
				}
			}
			if total == nil {
				continue
			}
			my := MetricYear{Metric: mt.Metric, Total: total.Amount, Basis: total.Basis, Earlier: earlier}
			for _, f := range view.Figures {
				if f.Metric != mt.Metric.Key || (f.Year != b.year && stageYear[f.Stage] != b.year) || f.Stage != "" && f.Year != 0 {
					continue
				}
				if !slices.Contains(total.Figures, f.ID) {
					continue
				}
				my.Figures = append(my.Figures, b.figureLine(f, view.Sources, secretariat.Text{}))
			}
			for _, c := range mt.Conflicts {
				if !slices.Contains(total.Figures, c.Chosen.ID) {
					continue
				}
				for _, o := range c.Others {
					my.Conflicts = append(my.Conflicts, b.figureLine(o, view.Sources, c.Why))
				}
			}
			oy.Metrics = append(oy.Metrics, my)
		}
		b.r.Hidden.Figures += view.Hidden
		if len(oy.Metrics) > 0 {
			b.r.Operations.Operations = append(b.r.Operations.Operations, oy)
		}
	}
	return nil
}

func (b *builder) figureLine(f secretariat.ResultFigure, sources map[string]secretariat.Source, why secretariat.Text) FigureLine {
	b.countIllustrative(f.Illustrative)
	return FigureLine{Ref: Ref{"figure", f.ID}, Amount: f.Amount(), Source: Ref{"source", f.Source}, SourceTitle: sources[f.Source].Title, Note: f.Note, Why: why}
}

func (b *builder) publications() error {
	pubs, _, err := store.FindAll[secretariat.Publication](b.ctx, b.st, b.v, store.Filter{})
	if err != nil {
		return err
	}
	sec := &b.r.Publications
	sec.Sections = map[string]*Count{}
	for _, p := range pubs {
		if p.Date.Year() != b.year || p.Section == "foreword" {
			continue
		}
		sec.Total.add("publication", p.ID)
		c := sec.Sections[p.Section]
		if c == nil {
			c = &Count{}
			sec.Sections[p.Section] = c
		}
		c.add("publication", p.ID)
	}
	return nil
}

// comparison sets the supreme body's years side by side, from the first year the record
// holds a regular session up to the review's year.
func (b *builder) comparison() error {
	sessions, _, err := store.FindAll[secretariat.Session](b.ctx, b.st, b.v, store.Where("body", b.supreme.ID))
	if err != nil {
		return err
	}
	first := b.year
	for _, s := range sessions {
		if s.Date.Year() < first {
			first = s.Date.Year()
		}
	}
	items, _, err := store.FindAll[secretariat.AgendaItem](b.ctx, b.st, b.v, store.Where("body", b.supreme.ID))
	if err != nil {
		return err
	}
	tasks, _, err := store.FindAll[secretariat.Task](b.ctx, b.st, b.v, store.Filter{})
	if err != nil {
		return err
	}
	sessionYear := map[string]int{}
	for _, s := range sessions {
		sessionYear[s.ID] = s.Date.Year()
	}
	for y := first; y <= b.year; y++ {
		line := YearLine{Year: y}
		for _, it := range items {
			if it.Date.Year() != y || it.Date.After(b.today) {
				continue
			}
			line.Items.add("item", it.ID)
			if it.Outcome != nil && it.Outcome.Result.IsAdopted() {
				line.Adopted.add("item", it.ID)
			}
		}
		for _, t := range tasks {
			if year, ok := sessionYear[t.Session]; !ok || year != y {
				continue
			}
			line.TasksSet.add("task", t.ID)
			if t.Status == secretariat.TaskFulfilled {
				line.TasksDone.add("task", t.ID)
			}
		}
		if line.Items.N > 0 {
			line.Rate = float64(line.Adopted.N) / float64(line.Items.N)
		}
		if line.TasksSet.N > 0 {
			line.TasksShare = float64(line.TasksDone.N) / float64(line.TasksSet.N)
		}
		b.r.Comparison.Years = append(b.r.Comparison.Years, line)
	}
	return nil
}
