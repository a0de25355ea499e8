package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	s "secretariat"
	"secretariat/internal/store"
)

// GenerateOptions configure Generate.
type GenerateOptions struct {
	// Seed makes the record: the same seed gives the same record.
	Seed uint64
	// From is the first year; Years how many years follow it.
	From, Years int
}

// Generate writes a synthetic record of an organization into st, which should be empty:
// a supreme body with regular and extraordinary sessions, a council, a committee and
// joint meetings; items with every outcome, some restricted, some never decided; tasks
// that are fulfilled, reported on, cancelled, overdue or on time; chairmanships with
// priorities; threats answered by public and restricted decisions and operations; figures
// of operations and of the whole programme, some conflicting, some restricted; and
// publications. It is written through the store's verbs on a simulated clock, like the
// demo, so that every year can be reviewed as it stood. Tests use it to hold the review
// to its arithmetic on records nobody wrote by hand.
func Generate(ctx context.Context, st *store.Store, opts GenerateOptions) error {
	if opts.Years <= 0 || opts.From < 1900 {
		return s.Errorf(s.EINVALID, "generate: give a first year (From) and a number of years")
	}
	return st.Batch(ctx, func(b *store.Store) error {
		g := &generator{ctx: ctx, links: map[[3]string]bool{}, r: rand.New(rand.NewPCG(opts.Seed, opts.Seed^0x9e3779b97f4a7c15))}
		g.st = b.WithClock(func() time.Time { return g.now }).WithActor("generator")
		return g.run(opts.From, opts.Years)
	})
}

type generator struct {
	ctx   context.Context
	st    *store.Store
	r     *rand.Rand
	now   time.Time
	tasks []*genTask
	chair string // the current chairmanship of the supreme body
	links map[[3]string]bool
	n     int // a counter for IDs
}

type genTask struct {
	id    string
	due   s.Date
	setOn s.Date
	party string
	fate  int // what becomes of it: see advance
	moved bool
}

var genStates = []string{"AA", "BB", "CC", "DD", "EE"}

func (g *generator) at(d s.Date) {
	t := d.Time().Add(12 * time.Hour)
	if t.Before(g.now) {
		t = g.now.Add(time.Second)
	}
	g.now = t
}

func (g *generator) id(prefix string) string {
	g.n++
	return fmt.Sprintf("%s-%d", prefix, g.n)
}

func (g *generator) access() s.Access {
	if g.r.IntN(5) == 0 {
		return s.Access{Classification: s.Restricted}
	}
	return s.Access{}
}

func (g *generator) run(from, years int) error {
	g.at(s.NewDate(from, 1, 1))
	if _, err := g.st.RegisterSource(g.ctx, s.Source{ID: "gen-site", Title: s.T("Сайт", "The site"), URL: "https://example.org/", Class: s.OfficialSite}); err != nil {
		return err
	}
	if _, err := g.st.RegisterSource(g.ctx, s.Source{ID: "gen-press", Title: s.T("Печать", "The press"), URL: "https://example.org/press", Class: s.NewsAgency}); err != nil {
		return err
	}
	if _, err := g.st.FoundOrganization(g.ctx, s.Organization{ID: "org", Name: s.T("Организация", "The Organization"), Provenance: s.Provenance{Illustrative: true}}); err != nil {
		return err
	}
	for _, id := range genStates {
		if _, err := g.st.AdmitState(g.ctx, s.MemberState{ID: id, Code: id, Name: s.T("Государство "+id, "State "+id),
			Memberships: []s.MembershipPeriod{{Status: s.StandingMember, From: s.NewDate(from, 1, 1)}}}); err != nil {
			return err
		}
	}
	rule := s.DecisionRule{From: s.NewDate(from, 1, 1), Substantive: s.Procedure{Method: s.ConsensusLimited}, Procedural: s.Procedure{Method: s.SimpleMajority}}
	for _, b := range []s.Body{
		{ID: "sc", Kind: s.BodySupreme, Name: s.T("Высший совет", "Supreme Council"), Short: s.T("ВС", "SC"), Rotation: s.Rotation{Order: s.RotationEnglishAlphabetical}},
		{ID: "mc", Kind: s.BodyCouncil, Name: s.T("Совет министров", "Council of Ministers"), Short: s.T("СМ", "CM")},
		{ID: "kc", Kind: s.BodyCommittee, Name: s.T("Комитет", "Committee"), Short: s.T("К", "C")},
		{ID: "jm", Kind: s.BodyJoint, Name: s.T("Совместное заседание СМ и К", "Joint meeting of the CM and C")},
	} {
		b.Rules = []s.DecisionRule{rule}
		if _, err := g.st.RegisterBody(g.ctx, b); err != nil {
			return err
		}
	}
	if _, err := g.st.TakeChair(g.ctx, s.Chairmanship{ID: "chair-0", Body: "sc", State: genStates[0], From: s.NewDate(from, 1, 1)}); err != nil {
		return err
	}
	g.chair = "chair-0"
	for _, op := range []string{"op-a", "op-b"} {
		if _, err := g.st.RegisterOperation(g.ctx, s.Operation{ID: op, CodeName: s.T("Операция "+op, "Operation "+op),
			Metrics: []s.Metric{{Key: "seized", Name: s.T("изъято", "seized"), Unit: "t"}, {Key: "cases", Name: s.T("дел", "cases"), Unit: "count"}},
			Access:  g.access()}); err != nil {
			return err
		}
	}
	for i, cat := range []string{"terrorism", "drugs", "space"} {
		if _, err := g.st.RegisterThreat(g.ctx, s.Threat{ID: fmt.Sprintf("threat-%d", i), Category: cat, Name: s.T("Угроза "+cat, "Threat "+cat),
			Access: g.access(), Provenance: s.Provenance{Illustrative: true}}); err != nil {
			return err
		}
		if _, err := g.st.AssessThreat(g.ctx, fmt.Sprintf("threat-%d", i), s.ThreatAssessment{Date: s.NewDate(from, 1, 1), Level: 1 + g.r.IntN(5), Illustrative: true}); err != nil {
			return err
		}
	}
	for y := from; y < from+years; y++ {
		if err := g.year(y); err != nil {
			return fmt.Errorf("generating %d: %w", y, err)
		}
	}
	return nil
}

func (g *generator) year(y int) error {
	// The lower bodies meet in spring and autumn, the supreme body in November; tasks
	// move on through the year.
	for _, m := range []time.Month{time.March, time.June} {
		if err := g.advance(s.NewDate(y, m, 1)); err != nil {
			return err
		}
		for _, body := range []string{"mc", "kc"} {
			if g.r.IntN(3) > 0 {
				if _, err := g.session(body, s.NewDate(y, m, 10+g.r.IntN(10)), s.Regular, false); err != nil {
					return err
				}
			}
		}
	}
	if err := g.advance(s.NewDate(y, time.September, 1)); err != nil {
		return err
	}
	if g.r.IntN(3) == 0 {
		if _, err := g.session("jm", s.NewDate(y, time.October, 15), s.Regular, false); err != nil {
			return err
		}
	}
	if g.r.IntN(4) == 0 {
		if _, err := g.session("sc", s.NewDate(y, time.September, 20), s.Extraordinary, false); err != nil {
			return err
		}
	}
	for i := 0; i < 3; i++ {
		th := fmt.Sprintf("threat-%d", i)
		if g.r.IntN(2) == 0 {
			if _, err := g.st.AssessThreat(g.ctx, th, s.ThreatAssessment{Date: s.NewDate(y, time.October, 1+i), Level: 1 + g.r.IntN(5), Trend: s.Stable, Illustrative: true}); err != nil {
				return err
			}
		}
		if g.r.IntN(4) == 0 {
			if err := g.link(th, "operation", []string{"op-a", "op-b"}[g.r.IntN(2)]); err != nil {
				return err
			}
		}
	}
	if err := g.figures(y); err != nil {
		return err
	}
	if err := g.publications(y); err != nil {
		return err
	}
	// The regular session of the supreme body: some years it is not held, or its items
	// are not recorded.
	if g.r.IntN(8) > 0 {
		decisions, err := g.session("sc", s.NewDate(y, time.November, 20), s.Regular, g.r.IntN(5) == 0)
		if err != nil {
			return err
		}
		for _, d := range decisions {
			for i := 0; i < 1+g.r.IntN(3); i++ {
				t := &genTask{id: g.id("task"), due: s.NewDate(y+1+g.r.IntN(2), time.Month(1+g.r.IntN(12)), 1+g.r.IntN(28)), fate: g.r.IntN(6)}
				if g.r.IntN(5) == 0 {
					t.due = s.Date{}
				}
				resp := s.Responsible{Kind: s.ResponsibleSecretariat}
				if g.r.IntN(2) == 0 {
					resp = s.Responsible{Kind: s.ResponsibleAllStates}
				}
				task := &s.Task{ID: t.id, Decision: d.ID, Paragraph: fmt.Sprint(i + 1), Responsible: resp, Due: t.due, Access: d.Access,
					Text: s.T("Поручение "+t.id, "Task "+t.id), Provenance: s.Provenance{Illustrative: true}}
				if task.Due.IsZero() {
					task.Cycle = s.T("ежегодно", "every year")
				}
				if _, err := g.st.SetTask(g.ctx, *task); err != nil {
					return err
				}
				t.setOn, t.party = d.Date, resp.Parties()[0]
				g.tasks = append(g.tasks, t)
			}
			if len(d.Signatures) == 0 && g.r.IntN(3) > 0 && d.Access.Level() == s.Public {
				if err := g.link(fmt.Sprintf("threat-%d", g.r.IntN(3)), "decision", d.ID); err != nil {
					return err
				}
			}
		}
	}
	return g.advance(s.NewDate(y, time.December, 20))
}

// link makes a record answer a threat, once.
func (g *generator) link(threat, kind, id string) error {
	k := [3]string{threat, kind, id}
	if g.links[k] {
		return nil
	}
	g.links[k] = true
	_, err := g.st.LinkThreat(g.ctx, threat, kind, id)
	return err
}

// session holds a session of a body with a few items, decides most of them, and signs
// some of the decisions. unrecorded leaves its items out of the record.
func (g *generator) session(body string, on s.Date, kind s.SessionKind, unrecorded bool) ([]s.Decision, error) {
	g.at(on.AddDays(-10))
	id := g.id(body)
	ses := &s.Session{ID: id, Body: body, Date: on, Kind: kind, Place: s.T("Столица", "Capital")}
	if body == "jm" {
		ses.Bodies = []string{"mc", "kc"}
	}
	if _, err := g.st.ScheduleSession(g.ctx, *ses); err != nil {
		return nil, err
	}
	g.at(on)
	if unrecorded {
		_, err := g.st.NoteSession(g.ctx, id, s.T("Вопросы сессии не записаны.", "The items of the session are not recorded."), nil)
		return nil, err
	}
	var out []s.Decision
	items := g.r.IntN(8)
	if body == "sc" && kind == s.Regular {
		items = 3 + g.r.IntN(7)
	}
	for n := 1; n <= items; n++ {
		it := &s.AgendaItem{Session: id, Number: n, Title: s.T(fmt.Sprintf("Вопрос %d", n), fmt.Sprintf("Item %d", n)), Kind: s.Substantive,
			DecisionKind: s.KindDecision, Access: g.access(), Provenance: s.Provenance{Illustrative: true}}
		if g.r.IntN(6) == 0 {
			it.Kind = s.Procedural
		}
		if body == "sc" && g.r.IntN(4) == 0 {
			it.Lineage = []s.LineageStep{{Body: "kc", Date: on.AddDays(-20), Action: "agreed"}}
		}
		if _, err := g.st.AddAgendaItem(g.ctx, *it); err != nil {
			return nil, err
		}
		itemID := fmt.Sprintf("%s-%d", id, n)
		switch fate := g.r.IntN(10); {
		case fate == 0: // never decided
		case fate == 1:
			if _, err := g.st.DeferItem(g.ctx, itemID, on, s.T("Отложен.", "Deferred.")); err != nil {
				return nil, err
			}
		case fate == 2:
			if _, err := g.st.WithdrawItem(g.ctx, itemID, on, s.T("Снят.", "Withdrawn.")); err != nil {
				return nil, err
			}
		default:
			except := map[string]s.Stance{}
			switch {
			case fate == 3 && it.Kind == s.Substantive:
				except[genStates[g.r.IntN(len(genStates))]] = s.Objects
			case fate == 4 && it.Kind == s.Substantive:
				except[genStates[g.r.IntN(len(genStates))]] = s.NonInterest
			}
			for _, st := range genStates {
				stance := s.Joins
				if x, ok := except[st]; ok {
					stance = x
				}
				if _, err := g.st.RecordPosition(g.ctx, store.PositionInput{Item: itemID, State: st, Stance: stance, Provenance: s.Provenance{Illustrative: true}}); err != nil {
					return nil, err
				}
			}
			e, err := g.st.DecideItem(g.ctx, itemID, store.DecisionInput{})
			if err != nil {
				return nil, err
			}
			d, err := store.DecidedIn(e)
			if err != nil {
				return nil, err
			}
			if d.Decision == nil {
				continue
			}
			dec := *d.Decision
			if g.r.IntN(3) > 0 {
				for _, st := range genStates {
					if slicesContains(d.Decision.NotBound, st) {
						continue
					}
					if _, err := g.st.SignDecision(g.ctx, d.Decision.ID, st, on); err != nil {
						return nil, err
					}
					dec.Signatures = append(dec.Signatures, s.Signature{State: st, Date: on})
				}
			}
			out = append(out, dec)
		}
	}
	if body == "sc" && kind == s.Regular {
		// The chair passes at the regular session, with priorities now and then.
		next := g.id("chair")
		if _, err := g.st.HandOverChairmanship(g.ctx, store.HandOver{Session: id, ID: next}); err != nil {
			return nil, err
		}
		g.chair = next
		if n := g.r.IntN(4); n > 0 {
			var ps []s.Priority
			for i := 1; i <= n; i++ {
				ps = append(ps, s.Priority{Text: s.T(fmt.Sprintf("Приоритет %d", i), fmt.Sprintf("Priority %d", i))})
			}
			if _, err := g.st.AnnouncePriorities(g.ctx, g.chair, on, ps); err != nil {
				return nil, err
			}
		}
	}
	return out, nil
}

// advance moves the tasks on as of a day: each meets its fate, some on time, some late.
func (g *generator) advance(on s.Date) error {
	g.at(on)
	for _, t := range g.tasks {
		if t.moved || g.r.IntN(2) == 0 {
			continue
		}
		if on.Before(t.setOn) {
			continue
		}
		t.moved = true
		report := func(progress int) error {
			_, err := g.st.ReportImplementation(g.ctx, s.ImplementationReport{Task: t.id, Date: on, Author: "secretariat",
				SpeaksFor: t.party, Progress: progress, Text: s.T("Доклад.", "A report."), Provenance: s.Provenance{Illustrative: true}}, nil)
			return err
		}
		switch t.fate {
		case 0, 1: // fulfilled
			if err := report(100); err != nil {
				return err
			}
			if _, err := g.st.FulfilTask(g.ctx, t.id); err != nil {
				return err
			}
		case 2: // reported, awaiting acceptance
			if err := report(100); err != nil {
				return err
			}
		case 3: // in progress (overdue once its date passes)
			if err := report(40); err != nil {
				return err
			}
		case 4:
			if _, err := g.st.CancelTask(g.ctx, t.id); err != nil {
				return err
			}
		default: // left as assigned
		}
	}
	return nil
}

func (g *generator) figures(y int) error {
	g.at(s.NewDate(y, time.October, 20))
	for _, op := range []string{"op-a", "op-b"} {
		if g.r.IntN(3) == 0 {
			continue
		}
		for i, src := range []string{"gen-site", "gen-press"} {
			if i == 1 && g.r.IntN(2) == 0 {
				continue // a conflicting report only now and then
			}
			f := &s.ResultFigure{ID: g.id("fig"), Operation: op, Year: y, Metric: "seized", Unit: "t", Value: float64(1 + g.r.IntN(50)),
				Qualifier: []s.Qualifier{s.Exact, s.About, s.MoreThan}[g.r.IntN(3)], Source: src, Access: g.access()}
			if _, err := g.st.ReportFigure(g.ctx, *f); err != nil {
				return err
			}
		}
	}
	if g.r.IntN(2) == 0 {
		f := &s.ResultFigure{ID: g.id("fig"), Scope: s.ScopeProgramme, Year: y, Metric: "cases", MetricName: s.T("дел", "cases"), Unit: "count",
			Value: float64(g.r.IntN(1000)), Qualifier: s.Exact, Source: "gen-press"}
		if _, err := g.st.ReportFigure(g.ctx, *f); err != nil {
			return err
		}
	}
	return nil
}

func (g *generator) publications(y int) error {
	for i := 0; i < g.r.IntN(4); i++ {
		g.at(s.NewDate(y, time.October, 25+i))
		kind, section := s.News, "news"
		if g.r.IntN(3) == 0 {
			kind, section = s.PressRelease, "press"
		}
		if _, err := g.st.Publish(g.ctx, s.Publication{ID: g.id("pub"), Kind: kind, Section: section, Date: s.NewDate(y, time.October, 25+i),
			Title: s.T("Публикация", "A publication"), Access: g.access()}); err != nil {
			return err
		}
	}
	return nil
}
