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

// Build builds the year in review of year from the record as it stood at the end of the
// year, or at asOf when that is earlier (zero for no earlier limit), as viewer may see
// it.
//
// A year before the record's first year (the earlier of its first journal entry and its
// first session) or after its last entry has no review: Build returns ENOTFOUND. Records
// the viewer may not see are counted, as restricted, but never named.
func Build(ctx context.Context, st *store.Store, year int, asOf time.Time, v secretariat.Viewer) (*YearReview, error) {
	if year < 1900 || year > 2200 {
		return nil, secretariat.Errorf(secretariat.EINVALID, "%d is not a year the record could hold", year)
	}
	n, _, err := st.Head(ctx)
	if err != nil {
		return nil, err
	}
	if n == 0 {
		return nil, secretariat.Errorf(secretariat.ENOTFOUND, "the record is empty: there is nothing to review")
	}
	firstEntry, err := st.Entry(ctx, 1)
	if err != nil {
		return nil, err
	}
	lastEntry, err := st.Entry(ctx, n)
	if err != nil {
		return nil, err
	}
	// The last moment of the year: journal times have microseconds.
	limit := secretariat.NewDate(year, 12, 31).EndTime().Add(-time.Microsecond)
	if !asOf.IsZero() && asOf.Before(limit) {
		limit = asOf
	}
	if err := checkYear(ctx, st, year, firstEntry.At, lastEntry.At, asOf); err != nil {
		return nil, err
	}
	// The record as it stood at the limit: the register, the links and the statuses of
	// then, not of now.
	past := st
	if limit.Before(lastEntry.At) {
		if past, err = st.AsOf(ctx, limit, nil); err != nil {
			return nil, err
		}
		defer past.Close()
	}
	pn, head, err := past.Head(ctx)
	if err != nil {
		return nil, err
	}
	// A year the record holds but whose journal begins later was entered after the fact
	// (an imported archive): it is read as the record stands now, and says so.
	retrospective := false
	if pn == 0 && firstEntry.At.After(limit) {
		past, retrospective = st, true
		if pn, head, err = st.Head(ctx); err != nil {
			return nil, err
		}
	}
	if pn == 0 {
		return nil, secretariat.Errorf(secretariat.ENOTFOUND, "the record holds nothing up to %s: there is no review of %d", limit.UTC().Format(time.DateOnly), year)
	}
	lastRead, err := past.Entry(ctx, pn)
	if err != nil {
		return nil, err
	}
	// The day the review stands on: the limit, when the record goes on past it (the year
	// is closed); otherwise the record's last day, so that the same record always gives
	// the same review.
	today := secretariat.DateOf(lastRead.At)
	at := lastRead.At
	if limit.Before(lastEntry.At) && !retrospective {
		// A limit at the end of a day (a date's EndTime) belongs to that day.
		today, at = secretariat.DateOf(limit.Add(-time.Microsecond)), limit
	}
	if retrospective {
		today = secretariat.NewDate(year, 12, 31)
	}
	b := &builder{ctx: ctx, full: st, st: past, asOf: asOf, v: v, year: year,
		start: secretariat.NewDate(year, 1, 1), end: secretariat.NewDate(year, 12, 31), today: today,
		seenSource: map[string]bool{}, seenIllustrative: map[Ref]bool{}}
	b.r = &YearReview{Year: year, AsOf: at.UTC().Format(time.RFC3339), Today: today, Complete: today == b.end, Retrospective: retrospective,
		JournalFrom: secretariat.DateOf(firstEntry.At),
		Viewer:      v.String(), Journal: JournalHead{Entries: pn, Head: head},
		Bodies: map[string]BodyName{}, States: map[string]secretariat.Text{}}
	steps := []func() error{b.names, b.organization, b.foreword, b.chairmanship, b.tasks, b.sessions, b.pipeline,
		b.threats, b.operations, b.publications, b.comparison, b.sources, b.checkpoint}
	for _, step := range steps {
		if err := step(); err != nil {
			return nil, err
		}
	}
	return b.r, nil
}

// checkYear refuses a year the record does not reach: before its first year, or after
// its last entry (or after asOf).
func checkYear(ctx context.Context, st *store.Store, year int, first, last, asOf time.Time) error {
	firstYear := first.UTC().Year()
	sessions, _, err := store.FindAll[secretariat.Session](ctx, st, secretariat.Secretariat, store.Filter{})
	if err != nil {
		return err
	}
	for _, s := range sessions {
		firstYear = min(firstYear, s.Date.Year())
	}
	lastYear := last.UTC().Year()
	if !asOf.IsZero() && asOf.Before(last) {
		lastYear = asOf.UTC().Year()
	}
	if year < firstYear || year > lastYear {
		return secretariat.Errorf(secretariat.ENOTFOUND, "the record holds the years %d to %d: there is no review of %d", firstYear, lastYear, year)
	}
	return nil
}

// builder reads the record as the secretariat sees it, so that every count is whole,
// and asks the viewer's policy (secretariat.Viewer.CanSee) before it names a record.
type builder struct {
	ctx              context.Context
	full             *store.Store // the whole record, for reads as of other days
	st               *store.Store // the record as of the review's day
	asOf             time.Time    // the reader's limit, zero for none
	v                secretariat.Viewer
	year             int
	start, end       secretariat.Date
	today            secretariat.Date
	r                *YearReview
	supreme          *secretariat.Body
	regular          *secretariat.Session // the supreme body's regular session of the year
	sourceIDs        []string
	seenSource       map[string]bool
	seenIllustrative map[Ref]bool
}

// all is the reader whose reads the builder counts; b.v decides what it names.
var all = secretariat.Secretariat

func (b *builder) inYear(d secretariat.Date) bool { return !d.Before(b.start) && !d.After(b.end) }

func (b *builder) sees(a secretariat.Access) bool { return b.v.CanSee(a) }

// cite notes the sources and the illustrative mark of a record the review shows.
func (b *builder) cite(kind, id string, p secretariat.Provenance, visible bool) {
	if !visible {
		return
	}
	for _, s := range p.Sources {
		if !b.seenSource[s] {
			b.seenSource[s] = true
			b.sourceIDs = append(b.sourceIDs, s)
		}
	}
	ref := Ref{kind, id}
	if p.Illustrative && !b.seenIllustrative[ref] {
		b.seenIllustrative[ref] = true
		b.r.Illustrative.add(kind, id, true)
	}
}

func (b *builder) names() error {
	bodies, _, err := store.FindAll[secretariat.Body](b.ctx, b.st, all, store.Filter{})
	if err != nil {
		return err
	}
	for _, body := range bodies {
		b.r.Bodies[body.ID] = BodyName{Name: body.Name, Short: body.Short, Kind: body.Kind}
	}
	states, _, err := store.FindAll[secretariat.MemberState](b.ctx, b.st, all, store.Filter{})
	if err != nil {
		return err
	}
	for _, s := range states {
		b.r.States[s.ID] = s.Name
	}
	return nil
}

// busiestBody returns the body with the most sessions, or ENOTFOUND for a record with
// no sessions.
func (b *builder) busiestBody() ([]secretariat.Body, error) {
	bodies, _, err := store.FindAll[secretariat.Body](b.ctx, b.st, all, store.Filter{})
	if err != nil {
		return nil, err
	}
	best, most := -1, 0
	for i, body := range bodies {
		_, n, err := b.st.Find(b.ctx, all, "session", store.Filter{Where: []store.Cond{{Field: "body", Value: body.ID}}, Limit: 1})
		if err != nil {
			return nil, err
		}
		if n > most {
			best, most = i, n
		}
	}
	if best < 0 {
		return nil, secretariat.Errorf(secretariat.ENOTFOUND, "the record has no sessions as of the end of %d: the review is built around them", b.year)
	}
	return bodies[best : best+1], nil
}

func (b *builder) organization() error {
	orgs, _, err := store.FindAll[secretariat.Organization](b.ctx, b.st, all, store.Filter{Limit: 1})
	if err != nil {
		return err
	}
	if len(orgs) > 0 {
		b.r.Organization, b.r.OrgShort = orgs[0].Name, orgs[0].Short
	}
	bodies, _, err := store.FindAll[secretariat.Body](b.ctx, b.st, all, store.Where("kind", string(secretariat.BodySupreme)))
	if err != nil {
		return err
	}
	if len(bodies) == 0 {
		// A record without the organization's supreme body (an imported archive of another
		// organization's assembly) is reviewed around its busiest body.
		if bodies, err = b.busiestBody(); err != nil {
			return err
		}
	}
	b.supreme = &bodies[0]
	b.r.Supreme = Ref{"body", b.supreme.ID}
	sessions, err := b.sessionsOf(b.supreme.ID)
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

func (b *builder) sessionsOf(body string) ([]secretariat.Session, error) {
	sessions, _, err := store.FindAll[secretariat.Session](b.ctx, b.st, all, store.Where("body", body))
	if err != nil {
		return nil, err
	}
	sort.SliceStable(sessions, func(i, j int) bool { return sessions[i].Date.Before(sessions[j].Date) })
	return sessions, nil
}

// foreword finds the secretariat's foreword to the year. It is written after the year,
// about the review rather than the year, so it is read from the record as the reader
// asked for it (now, or as of their date), not as of the year's end.
func (b *builder) foreword() error {
	from := b.full
	if !b.asOf.IsZero() {
		past, err := b.full.AsOf(b.ctx, b.asOf, nil)
		if err != nil {
			return err
		}
		defer past.Close()
		from = past
	}
	pubs, _, err := store.FindAll[secretariat.Publication](b.ctx, from, all, store.Where("section", "foreword"))
	if err != nil {
		return err
	}
	for _, p := range pubs {
		if p.Date.Year() == b.year && len(p.Parts) > 0 && b.sees(p.Access) {
			b.r.Foreword = &Foreword{Text: p.Parts[0].Body, Publication: Ref{"publication", p.ID}}
		}
	}
	return nil
}

func (b *builder) chairmanship() error {
	chairs, _, err := store.FindAll[secretariat.Chairmanship](b.ctx, b.st, all, store.Where("body", b.supreme.ID))
	if err != nil {
		return err
	}
	sort.SliceStable(chairs, func(i, j int) bool { return chairs[i].From.Before(chairs[j].From) })
	for _, c := range chairs {
		if c.From.After(b.end) || (!c.Until.IsZero() && c.Until.Before(b.start)) {
			continue
		}
		view, err := b.st.ChairmanshipView(b.ctx, all, c.ID)
		if err != nil {
			return err
		}
		b.cite("chairmanship", c.ID, c.Provenance, true)
		t := ChairTerm{Ref: Ref{"chairmanship", c.ID}, State: c.State, From: c.From, Until: c.Until,
			EndsInYear: !c.Until.IsZero() && b.inYear(c.Until), Illustrative: c.Illustrative}
		for i, p := range view.Priorities {
			line := PriorityLine{N: p.Priority.N, Text: p.Priority.Text, Assessment: p.Assessment, Progress: p.Rollup.Progress}
			for _, id := range p.Tasks {
				task, err := store.FindByID[secretariat.Task](b.ctx, b.st, all, id)
				if err != nil {
					return err
				}
				line.Tasks.add("task", id, b.sees(task.Access))
			}
			if p.Assessment == secretariat.AssessedFulfilled {
				t.Fulfilled++
			}
			if i == 0 {
				t.Statement = p.Priority.Statement
			} else if p.Priority.Statement != t.Statement {
				t.Statement = secretariat.Text{}
			}
			for _, s := range p.Priority.StatementSources {
				b.cite("chairmanship", c.ID, secretariat.Provenance{Sources: []string{s}}, true)
			}
			t.Priorities = append(t.Priorities, line)
		}
		b.r.Chairmanship.Terms = append(b.r.Chairmanship.Terms, t)
	}
	return nil
}

// tasks states the tasks set at the previous year's regular session as they stood at
// this year's regular session, or on the review's day if it was not held by then.
func (b *builder) tasks() error {
	sessions, err := b.sessionsOf(b.supreme.ID)
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
	if prev == nil {
		return nil
	}
	sec.SetAt = b.sessionRef(prev)
	checkOn := b.today
	if b.regular != nil && !b.regular.Date.After(b.today) {
		checkOn = b.regular.Date
		sec.CheckedAt = b.sessionRef(b.regular)
	}
	sec.Checked = checkOn
	// The statuses as they stood on that day, from the journal.
	then := b.st
	if checkOn != b.today {
		if then, err = b.full.AsOf(b.ctx, checkOn.EndTime(), nil); err != nil {
			return err
		}
		defer then.Close()
	}
	tasks, _, err := store.FindAll[secretariat.Task](b.ctx, then, all, store.Where("session", prev.ID))
	if err != nil {
		return err
	}
	for i := range tasks {
		t := &tasks[i]
		visible := b.sees(t.Access)
		b.cite("task", t.ID, t.Provenance, visible)
		sec.Set.add("task", t.ID, visible)
		state := t.StateOn(checkOn)
		sec.of(state).add("task", t.ID, visible)
		if state != secretariat.StateFulfilled && visible {
			sec.Open = append(sec.Open, TaskLine{Ref: Ref{"task", t.ID}, Text: t.Text, State: state, Due: t.Due, Cycle: t.Cycle,
				Responsible: t.Responsible, Illustrative: t.Illustrative})
		}
	}
	return nil
}

func (b *builder) sessionRef(s *secretariat.Session) *SessionRef {
	return &SessionRef{Ref: Ref{"session", s.ID}, Body: s.Body, Date: s.Date, Place: s.Place, Format: s.Format}
}

var resultOrder = []secretariat.Result{secretariat.Adopted, secretariat.AdoptedLimited, secretariat.NotAdopted, secretariat.Deferred, secretariat.Withdrawn}

func (b *builder) sessions() error {
	bodies, _, err := store.FindAll[secretariat.Body](b.ctx, b.st, all, store.Filter{})
	if err != nil {
		return err
	}
	sort.SliceStable(bodies, func(i, j int) bool {
		return bodies[i].Kind == secretariat.BodySupreme && bodies[j].Kind != secretariat.BodySupreme
	})
	for _, body := range bodies {
		sessions, err := b.sessionsOf(body.ID)
		if err != nil {
			return err
		}
		bs := BodySessions{Body: Ref{"body", body.ID}, Supreme: body.ID == b.supreme.ID}
		outcomes := map[secretariat.Result]*Count{}
		for i := range sessions {
			s := &sessions[i]
			if !b.inYear(s.Date) {
				continue
			}
			b.cite("session", s.ID, s.Provenance, true)
			held := !s.Date.After(b.today)
			line := SessionLine{SessionRef: *b.sessionRef(s), Kind: s.Kind, Held: held, Note: s.Note, Bodies: s.Bodies}
			if held {
				bs.Held.add("session", s.ID, true)
			} else {
				bs.Planned.add("session", s.ID, true)
			}
			items, _, err := store.FindAll[secretariat.AgendaItem](b.ctx, b.st, all, store.Where("session", s.ID))
			if err != nil {
				return err
			}
			sort.SliceStable(items, func(i, j int) bool { return items[i].Number < items[j].Number })
			for _, it := range items {
				visible := b.sees(it.Access)
				b.cite("item", it.ID, it.Provenance, visible)
				line.Items.add("item", it.ID, visible)
				if !held {
					continue
				}
				bs.Items.add("item", it.ID, visible)
				if it.Outcome == nil || it.Outcome.Result == "" {
					bs.Undecided.add("item", it.ID, visible)
					continue
				}
				c := outcomes[it.Outcome.Result]
				if c == nil {
					c = &Count{}
					outcomes[it.Outcome.Result] = c
				}
				c.add("item", it.ID, visible)
				if it.Outcome.Result == secretariat.AdoptedLimited && visible {
					bs.Limited = append(bs.Limited, LimitedItem{Item: Ref{"item", it.ID}, Title: it.Title, NotBound: it.Outcome.NotBound})
				}
			}
			if held && len(items) == 0 {
				bs.Unrecorded++
			}
			bs.Sessions = append(bs.Sessions, line)
		}
		for _, res := range resultOrder {
			if c := outcomes[res]; c != nil {
				bs.Outcomes = append(bs.Outcomes, OutcomeCount{Result: res, Count: *c})
			}
		}
		decisions, _, err := store.FindAll[secretariat.Decision](b.ctx, b.st, all, store.Where("body", body.ID, "year", fmt.Sprint(b.year)))
		if err != nil {
			return err
		}
		sort.SliceStable(decisions, func(i, j int) bool { return decisions[i].Number < decisions[j].Number })
		for _, d := range decisions {
			if len(d.Signatures) > 0 && !d.Date.After(b.today) {
				visible := b.sees(d.Access)
				b.cite("decision", d.ID, d.Provenance, visible)
				bs.Signed.add("decision", d.ID, visible)
			}
		}
		if len(bs.Sessions) > 0 {
			b.r.Sessions.Bodies = append(b.r.Sessions.Bodies, bs)
		}
	}
	return nil
}

func (b *builder) pipeline() error {
	items, _, err := store.FindAll[secretariat.AgendaItem](b.ctx, b.st, all, store.Where("body", b.supreme.ID))
	if err != nil {
		return err
	}
	sort.SliceStable(items, func(i, j int) bool {
		if items[i].Date != items[j].Date {
			return items[i].Date.Before(items[j].Date)
		}
		return items[i].Number < items[j].Number
	})
	sec := &b.r.Pipeline
	for _, it := range items {
		if !b.inYear(it.Date) || len(it.Lineage) == 0 {
			continue
		}
		visible := b.sees(it.Access)
		sec.Count.add("item", it.ID, visible)
		if !visible {
			continue
		}
		p := PipelineItem{Item: Ref{"item", it.ID}, Title: it.Title}
		for _, step := range it.Lineage {
			ps := PipelineStep{Body: step.Body, Date: step.Date, Action: step.Action}
			if step.Item != "" {
				earlier, err := store.FindByID[secretariat.AgendaItem](b.ctx, b.st, all, step.Item)
				if err != nil {
					return err
				}
				if b.sees(earlier.Access) {
					ps.Item = step.Item
				}
				if s, err := store.FindByID[secretariat.Session](b.ctx, b.st, all, earlier.Session); err == nil {
					ps.Bodies = s.Bodies
				}
			} else if ps.Bodies, err = b.jointBodies(step.Body, step.Date); err != nil {
				return err
			}
			p.Steps = append(p.Steps, ps)
		}
		if it.Outcome != nil && !it.Date.After(b.today) {
			p.Result = it.Outcome.Result
		}
		sec.Items = append(sec.Items, p)
	}
	return nil
}

// jointBodies returns the bodies of a joint meeting held by body on a date, if any.
func (b *builder) jointBodies(body string, on secretariat.Date) ([]string, error) {
	sessions, err := b.sessionsOf(body)
	if err != nil {
		return nil, err
	}
	for _, s := range sessions {
		if s.Date == on {
			return s.Bodies, nil
		}
	}
	return nil, nil
}

func (b *builder) threats() error {
	threats, _, err := store.FindAll[secretariat.Threat](b.ctx, b.st, all, store.Filter{})
	if err != nil {
		return err
	}
	sec := &b.r.Threats
	for _, t := range threats {
		visible := b.sees(t.Access)
		sec.Named.add("threat", t.ID, visible)
		if len(t.Decisions) == 0 {
			sec.Unanswered.add("threat", t.ID, visible)
		}
		if !visible {
			continue
		}
		b.cite("threat", t.ID, t.Provenance, true)
		line := ThreatLine{Ref: Ref{"threat", t.ID}, Name: t.Name, History: t.LevelHistory(secretariat.Date{}, b.end)}
		if a, ok := t.LatestAssessment(b.end); ok {
			line.Level, line.Trend, line.Illustrative = a.Level, a.Trend, a.Illustrative
		}
		for _, a := range t.Assessments {
			if !a.Date.After(b.end) {
				b.cite("threat", t.ID, secretariat.Provenance{Sources: a.Sources, Illustrative: a.Illustrative}, true)
			}
		}
		changed := false
		for _, p := range t.LevelHistory(b.start, b.end) {
			if p.Change != 0 && b.inYear(p.Date) {
				line.Changes = append(line.Changes, p)
				changed = true
			}
		}
		if changed {
			sec.Changes.add("threat", t.ID, true)
		}
		for _, id := range t.Decisions {
			d, err := store.FindByID[secretariat.Decision](b.ctx, b.st, all, id)
			if err != nil {
				return err
			}
			line.Decisions.add("decision", id, b.sees(d.Access))
		}
		for _, id := range t.Operations {
			op, err := store.FindByID[secretariat.Operation](b.ctx, b.st, all, id)
			if err != nil {
				return err
			}
			if b.sees(op.Access) {
				line.Operations = append(line.Operations, NamedRef{Ref{"operation", id}, op.CodeName})
			} else {
				line.RestrictedOperations++
			}
		}
		if line.History == nil {
			line.History = []secretariat.LevelPoint{}
		}
		sec.Threats = append(sec.Threats, line)
	}
	return nil
}

func (b *builder) operations() error {
	ops, _, err := store.FindAll[secretariat.Operation](b.ctx, b.st, all, store.Filter{})
	if err != nil {
		return err
	}
	sec := &b.r.Operations
	for _, op := range ops {
		if !b.sees(op.Access) {
			continue
		}
		view, err := b.st.OperationView(b.ctx, b.v, op.ID)
		if err != nil {
			return err
		}
		oy := OperationYear{Ref: Ref{"operation", op.ID}, CodeName: op.CodeName}
		oy.Metrics, err = b.metricYears(view.Totals, view.Figures, view.Sources)
		if err != nil {
			return err
		}
		if len(oy.Metrics) > 0 {
			b.cite("operation", op.ID, op.Provenance, true)
			sec.Operations = append(sec.Operations, oy)
		} else if op.Since.IsZero() || op.Since.Year() <= b.year {
			sec.Silent = append(sec.Silent, NamedRef{Ref{"operation", op.ID}, op.CodeName})
		}
	}
	wider, figs, sources, err := b.st.ProgrammeFigures(b.ctx, b.v)
	if err != nil {
		return err
	}
	for _, w := range wider {
		metrics, err := b.metricYears([]secretariat.MetricTotals{w.MetricTotals}, figs, sources)
		if err != nil {
			return err
		}
		if len(metrics) == 0 {
			continue
		}
		i := slices.IndexFunc(sec.Wider, func(x WiderYear) bool {
			return x.Scope == w.Scope && slices.Equal(refIDs(x.Operations), w.Operations)
		})
		if i < 0 {
			wy := WiderYear{Scope: w.Scope}
			for _, id := range w.Operations {
				op, err := store.FindByID[secretariat.Operation](b.ctx, b.st, b.v, id)
				if err == nil {
					wy.Operations = append(wy.Operations, NamedRef{Ref{"operation", id}, op.CodeName})
				}
			}
			sec.Wider = append(sec.Wider, wy)
			i = len(sec.Wider) - 1
		}
		sec.Wider[i].Metrics = append(sec.Wider[i].Metrics, metrics...)
	}
	// Figures of the year the reader may not see: counted, never shown.
	if !b.v.SeesAll() {
		every, _, err := store.FindAll[secretariat.ResultFigure](b.ctx, b.st, all, store.Filter{})
		if err != nil {
			return err
		}
		for _, f := range every {
			if !b.sees(f.Access) && b.figureYear(f) == b.year {
				sec.Hidden++
			}
		}
	}
	return nil
}

func refIDs(refs []NamedRef) []string {
	out := make([]string, len(refs))
	for i, r := range refs {
		out[i] = r.Ref.ID
	}
	return out
}

// figureYear is the year a figure counts in: its year, or the year its stage began.
func (b *builder) figureYear(f secretariat.ResultFigure) int {
	if f.Year != 0 {
		return f.Year
	}
	if f.Stage != "" {
		if op, err := store.FindByID[secretariat.Operation](b.ctx, b.st, all, f.Operation); err == nil {
			if st, ok := op.Stage(f.Stage); ok {
				return st.From.Year()
			}
		}
	}
	return 0
}

// metricYears picks, from an operation's (or a wider scope's) totals, the year's total of
// each metric with the figures behind it, the conflicting figures of the same scope, and
// the earlier years.
func (b *builder) metricYears(totals []secretariat.MetricTotals, figs []secretariat.ResultFigure, sources map[string]secretariat.Source) ([]MetricYear, error) {
	byID := map[string]secretariat.ResultFigure{}
	for _, f := range figs {
		byID[f.ID] = f
	}
	key := fmt.Sprint(b.year)
	var out []MetricYear
	for _, mt := range totals {
		var total *secretariat.Total
		var earlier []secretariat.Total
		for i, y := range mt.Years {
			switch {
			case y.Key == key:
				total = &mt.Years[i]
			case y.Key < key:
				earlier = append(earlier, y)
			}
		}
		if total == nil {
			continue
		}
		my := MetricYear{Metric: mt.Metric, Total: total.Amount, Basis: total.Basis, Earlier: earlier}
		for _, id := range total.Figures {
			f := byID[id]
			my.Figures = append(my.Figures, b.figureLine(f, secretariat.Text{}))
		}
		for _, c := range mt.Conflicts {
			if !slices.Contains(total.Figures, c.Chosen.ID) {
				continue
			}
			for _, o := range c.Others {
				my.Conflicts = append(my.Conflicts, b.figureLine(o, c.Why))
			}
		}
		out = append(out, my)
	}
	return out, nil
}

func (b *builder) figureLine(f secretariat.ResultFigure, why secretariat.Text) FigureLine {
	b.cite("figure", f.ID, secretariat.Provenance{Sources: []string{f.Source}, Illustrative: f.Illustrative}, true)
	return FigureLine{Ref: Ref{"figure", f.ID}, Amount: f.Amount(), Source: Ref{"source", f.Source}, Note: f.Note, Why: why, Illustrative: f.Illustrative}
}

func (b *builder) publications() error {
	pubs, _, err := store.FindAll[secretariat.Publication](b.ctx, b.st, all, store.Filter{})
	if err != nil {
		return err
	}
	sort.SliceStable(pubs, func(i, j int) bool { return pubs[i].Date.Before(pubs[j].Date) })
	sec := &b.r.Publications
	counts := map[string]*Count{}
	for _, p := range pubs {
		if p.Date.Year() != b.year || p.Date.After(b.today) || p.Section == "foreword" {
			continue
		}
		visible := b.sees(p.Access)
		b.cite("publication", p.ID, p.Provenance, visible)
		sec.Total.add("publication", p.ID, visible)
		c := counts[p.Section]
		if c == nil {
			c = &Count{}
			counts[p.Section] = c
		}
		c.add("publication", p.ID, visible)
		if p.Kind == secretariat.Interview && visible {
			sec.Interviews = append(sec.Interviews, PublicationLine{Ref: Ref{"publication", p.ID}, Kind: p.Kind, Date: p.Date,
				Title: p.Title, URL: p.URL, Video: p.Video || p.VideoURL != "", VideoURL: p.VideoURL})
		}
	}
	for _, s := range secretariat.PublicationSections {
		if c := counts[s]; c != nil {
			sec.Sections = append(sec.Sections, SectionCount{Section: s, Count: *c})
		}
	}
	return nil
}

// comparison sets the supreme body's years side by side, from the record's first year
// with a session of it up to the review's year. Tasks count as fulfilled when they were
// by the review's day.
func (b *builder) comparison() error {
	sessions, err := b.sessionsOf(b.supreme.ID)
	if err != nil {
		return err
	}
	first := b.year
	for _, s := range sessions {
		first = min(first, s.Date.Year())
	}
	items, _, err := store.FindAll[secretariat.AgendaItem](b.ctx, b.st, all, store.Where("body", b.supreme.ID))
	if err != nil {
		return err
	}
	tasks, _, err := store.FindAll[secretariat.Task](b.ctx, b.st, all, store.Filter{})
	if err != nil {
		return err
	}
	sessionYear := map[string]int{}
	itemsOf := map[string]int{}
	for _, it := range items {
		itemsOf[it.Session]++
	}
	for _, s := range sessions {
		sessionYear[s.ID] = s.Date.Year()
	}
	for y := first; y <= b.year; y++ {
		line := YearLine{Year: y}
		for _, s := range sessions {
			if s.Date.Year() != y || s.Date.After(b.today) {
				continue
			}
			line.Sessions++
			if itemsOf[s.ID] == 0 {
				line.Unrecorded++
			}
			if !s.Note.IsZero() {
				line.Notes = append(line.Notes, s.Note)
			}
		}
		for _, it := range items {
			if it.Date.Year() != y || it.Date.After(b.today) {
				continue
			}
			visible := b.sees(it.Access)
			line.Items.add("item", it.ID, visible)
			if it.Outcome != nil && it.Outcome.Result.IsAdopted() {
				line.Adopted.add("item", it.ID, visible)
			}
		}
		for _, t := range tasks {
			if year, ok := sessionYear[t.Session]; !ok || year != y {
				continue
			}
			visible := b.sees(t.Access)
			line.TasksSet.add("task", t.ID, visible)
			if t.Status == secretariat.TaskFulfilled {
				line.TasksDone.add("task", t.ID, visible)
			}
		}
		b.r.Comparison.Years = append(b.r.Comparison.Years, line)
	}
	return nil
}

// sources lists the sources of the records the review shows, each once, by date.
func (b *builder) sources() error {
	for _, id := range b.sourceIDs {
		s, err := store.FindByID[secretariat.Source](b.ctx, b.st, all, id)
		if err != nil {
			return err
		}
		b.r.Sources = append(b.r.Sources, SourceLine{Ref: Ref{"source", s.ID}, Title: s.Title, URL: s.URL, Reference: s.Ref,
			Publisher: s.Publisher, Date: s.Date, Class: s.Class, Note: s.Note})
	}
	sort.SliceStable(b.r.Sources, func(i, j int) bool {
		a, c := b.r.Sources[i], b.r.Sources[j]
		if a.Date != c.Date {
			return c.Date.IsZero() || (!a.Date.IsZero() && a.Date.Before(c.Date))
		}
		return a.Title.EN < c.Title.EN
	})
	return nil
}
