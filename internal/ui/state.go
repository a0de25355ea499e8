package ui

import (
	"net/http"
	"slices"

	"secretariat"
	"secretariat/internal/store"
)

// StatesPage lists the member states with their standing today.
type StatesPage struct {
	*Base
	States []StateLine
	Today  secretariat.Date
}

// StateLine is a state in the list.
type StateLine struct {
	secretariat.MemberState
	Standing secretariat.Standing
	Since    secretariat.Date
}

func (a *App) states(w http.ResponseWriter, r *http.Request) error {
	b, err := a.base(r, "", "states")
	if err != nil {
		return err
	}
	b.Title = b.T("Member states")
	p := &StatesPage{Base: b, Today: a.today()}
	for _, id := range b.dir.order {
		s := b.dir.states[id]
		l := StateLine{MemberState: s, Standing: s.StandingOn(p.Today)}
		for _, m := range s.Memberships {
			if m.Status == secretariat.StandingMember && (l.Since.IsZero() || m.From.Before(l.Since)) {
				l.Since = m.From
			}
		}
		p.States = append(p.States, l)
	}
	slices.SortFunc(p.States, func(x, y StateLine) int {
		return b.compare(x.Name.In(b.Lang), y.Name.In(b.Lang))
	})
	return a.render(w, r, http.StatusOK, "states.html", p)
}

// StatePage is a member state: its membership over time, the chairs it held, its
// voting record, and how often it agreed with the others.
type StatePage struct {
	*Base
	State    secretariat.MemberState
	Standing secretariat.Standing
	Today    secretariat.Date
	Chairs   []secretariat.Chairmanship
	Votes    *store.StateVotes
	Pager    Pager
	// Agreement with each other state, or with the one asked for on a large record.
	Agreement []*store.Agreement
	// Compare offers the other states when agreement is shown on request.
	Compare []Option
	Tasks   []secretariat.Task
	Sources []secretariat.Source
}

// agreementWithAll is the most states whose agreement with a state is computed for
// every page view; beyond it the reader picks the state to compare with.
const agreementWithAll = 12

func (a *App) state(w http.ResponseWriter, r *http.Request) error {
	ctx, v, id := r.Context(), viewer(r), r.PathValue("id")
	s, err := store.FindByID[secretariat.MemberState](ctx, a.st, v, id)
	if err != nil {
		return err
	}
	b, err := a.base(r, "", "states")
	if err != nil {
		return err
	}
	b.Title = s.Name.In(b.Lang)
	p := &StatePage{Base: b, State: *s, Today: a.today()}
	p.Standing = s.StandingOn(p.Today)
	if p.Chairs, _, err = store.FindAll[secretariat.Chairmanship](ctx, a.st, v, store.Where("state", id)); err != nil {
		return err
	}
	page := pageParam(r)
	if p.Votes, err = a.st.VotesOfState(ctx, v, id, perPage, (page-1)*perPage); err != nil {
		return err
	}
	if p.Pager, err = b.pager(page, perPage, p.Votes.Total, "position"); err != nil {
		return err
	}
	var others []string
	for _, o := range b.dir.order {
		if o != id {
			others = append(others, o)
		}
	}
	with := r.URL.Query().Get("with")
	if len(others) > agreementWithAll {
		for _, o := range b.stateOptions() {
			if o.Value != id {
				o.Selected = o.Value == with
				p.Compare = append(p.Compare, o)
			}
		}
		others = nil
		if with != "" {
			others = []string{with}
		}
	}
	if p.Votes.Total > 0 {
		for _, o := range others {
			ag, err := a.st.Agreement(ctx, v, id, o, store.Period{})
			if err != nil {
				return err
			}
			if ag.Together > 0 {
				ag.Disagreed = nil
				p.Agreement = append(p.Agreement, ag)
			}
		}
	}
	if p.Tasks, _, err = a.st.FindTasks(ctx, v, store.TaskFilter{Responsible: id, Open: true, On: p.Today, Limit: 20}); err != nil {
		return err
	}
	if p.Sources, err = a.sources(ctx, s.Sources); err != nil {
		return err
	}
	return a.render(w, r, http.StatusOK, "state.html", p)
}

// Stances lists the stances in the order tallies show them.
func (b *Base) Stances() []secretariat.Stance { return secretariat.Stances }
