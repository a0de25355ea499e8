package ui

import (
	"net/http"
	"slices"
	"strconv"

	"secretariat"
	"secretariat/internal/store"
)

// DecisionsPage lists decisions by body, year and kind, a page at a time.
type DecisionsPage struct {
	*Base
	Decisions []secretariat.Decision
	Pager     Pager
	Body      string
	Year      int
	Kind      string
	Bodies    []Option
	Years     []int
	Kinds     []Option
	Hidden    int
}

func (a *App) decisions(w http.ResponseWriter, r *http.Request) error {
	b, err := a.base(r, "", "decisions")
	if err != nil {
		return err
	}
	b.Title = b.T("Decisions")
	ctx, v, q := r.Context(), viewer(r), r.URL.Query()
	p := &DecisionsPage{Base: b, Body: q.Get("body"), Kind: q.Get("kind")}
	if y := q.Get("year"); y != "" {
		if p.Year, err = strconv.Atoi(y); err != nil {
			return secretariat.Errorf(secretariat.EINVALID, "%q is not a year", y)
		}
	}
	page := pageParam(r)
	f := store.DecisionFilter{Body: p.Body, Year: p.Year, Kind: secretariat.DecisionKind(p.Kind), Limit: perPage, Offset: (page - 1) * perPage}
	var total int
	if p.Decisions, total, err = a.st.FindDecisions(ctx, v, f); err != nil {
		return err
	}
	if p.Pager, err = b.pager(page, perPage, total, "decision"); err != nil {
		return err
	}
	if !v.SeesAll() {
		_, all, err := a.st.FindDecisions(ctx, secretariat.Secretariat, store.DecisionFilter{Body: f.Body, Year: f.Year, Kind: f.Kind, Limit: 1})
		if err != nil {
			return err
		}
		p.Hidden = all - total
	}
	p.Bodies = b.bodyOptions()
	for i := range p.Bodies {
		p.Bodies[i].Selected = p.Bodies[i].Value == p.Body
	}
	p.Kinds = b.enumOptions("decision_kind", "decision", "statement", "declaration", "plan", "budget", "appointment", "agreement", "report", "resolution")
	for i := range p.Kinds {
		p.Kinds[i].Selected = p.Kinds[i].Value == p.Kind
	}
	if p.Years, err = a.st.DecisionYears(ctx, v); err != nil {
		return err
	}
	return a.render(w, r, http.StatusOK, "decisions.html", p)
}

// DecisionPage is a decision: its authentic text beside its translations, signatures
// and entry into force per state, and the tasks it set with their progress.
type DecisionPage struct {
	*Base
	View     *store.DecisionView
	Tasks    []secretariat.Task
	Progress secretariat.Rollup
	States   []SignatureRow
	Threats  []secretariat.Threat
	// Operations are the operations the decision set up.
	Operations []secretariat.Operation
	Sources    []secretariat.Source
	Today      secretariat.Date
	// SignStates and ForceStates are the states that may still sign, and that signed but
	// are not yet bound, for the officers' forms.
	SignStates, ForceStates []Option
}

// SignatureRow is one state's signature and entry into force.
type SignatureRow struct {
	State            string
	Signed, InForce  secretariat.Date
	NotBound, Member bool
}

func (a *App) decision(w http.ResponseWriter, r *http.Request) error {
	ctx, v, id := r.Context(), viewer(r), r.PathValue("id")
	view, err := a.st.DecisionView(ctx, v, id)
	if err != nil {
		return err
	}
	b, err := a.base(r, "", "decisions")
	if err != nil {
		return err
	}
	d := &view.Decision
	b.Title = d.Title.In(b.Lang)
	p := &DecisionPage{Base: b, View: view, Today: a.today()}
	if p.Tasks, _, err = a.st.FindTasks(ctx, v, store.TaskFilter{Decision: id, On: p.Today}); err != nil {
		return err
	}
	p.Progress = secretariat.RollUp(p.Tasks)
	if p.Threats, _, err = store.FindAll[secretariat.Threat](ctx, a.st, v, store.Where("decisions", id)); err != nil {
		return err
	}
	if p.Operations, _, err = store.FindAll[secretariat.Operation](ctx, a.st, v, store.Where("mandate", id)); err != nil {
		return err
	}
	if p.Sources, err = a.sources(ctx, d.Sources); err != nil {
		return err
	}
	for _, sid := range b.dir.order {
		st := b.dir.states[sid]
		row := SignatureRow{State: sid, Member: st.StandingOn(d.Date) == secretariat.StandingMember, NotBound: slices.Contains(d.NotBound, sid)}
		for _, s := range d.Signatures {
			if s.State == sid {
				row.Signed = s.Date
			}
		}
		for _, e := range d.InForce {
			if e.State == sid {
				row.InForce = e.Date
			}
		}
		if !row.Member && row.Signed.IsZero() {
			continue
		}
		p.States = append(p.States, row)
		if row.Member && !row.NotBound && row.Signed.IsZero() {
			p.SignStates = append(p.SignStates, Option{Value: sid, Label: b.StateName(sid)})
		}
		if !row.Signed.IsZero() && row.InForce.IsZero() {
			p.ForceStates = append(p.ForceStates, Option{Value: sid, Label: b.StateName(sid)})
		}
	}
	return a.render(w, r, http.StatusOK, "decision.html", p)
}
