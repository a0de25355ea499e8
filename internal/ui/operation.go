package ui

import (
	"net/http"
	"slices"
	"strings"

	"secretariat"
	"secretariat/internal/store"
)

// OperationsPage lists the joint operations.
type OperationsPage struct {
	*Base
	Operations []secretariat.Operation
	Hidden     int
}

func (a *App) operations(w http.ResponseWriter, r *http.Request) error {
	b, err := a.base(r, "", "operations")
	if err != nil {
		return err
	}
	b.Title = b.T("Joint operations")
	ctx, v := r.Context(), viewer(r)
	p := &OperationsPage{Base: b}
	if p.Operations, _, err = store.FindAll[secretariat.Operation](ctx, a.st, v, store.Filter{}); err != nil {
		return err
	}
	if p.Hidden, err = a.st.CountHidden(ctx, v, "operation", store.Filter{}); err != nil {
		return err
	}
	return a.render(w, r, http.StatusOK, "operations.html", p)
}

// OperationPage is an operation: its stages, its figures per state and year with their
// qualifiers and sources, the totals, and conflicting figures side by side.
type OperationPage struct {
	*Base
	View     *store.OperationView
	Metrics  []MetricBlock
	Mandate  *secretariat.Decision
	Threats  []secretariat.Threat
	Sources  []secretariat.Source
	Stages   map[string]secretariat.Stage
	Metric   map[string]secretariat.Metric
	Conflict map[string]bool
}

// MetricBlock is one metric's figures and totals.
type MetricBlock struct {
	Totals  secretariat.MetricTotals
	Figures []secretariat.ResultFigure
}

func (a *App) operation(w http.ResponseWriter, r *http.Request) error {
	ctx, v, id := r.Context(), viewer(r), r.PathValue("id")
	view, err := a.st.OperationView(ctx, v, id)
	if err != nil {
		return err
	}
	b, err := a.base(r, "", "operations")
	if err != nil {
		return err
	}
	op := &view.Operation
	b.Title = b.Tf("Operation “%s”", op.CodeName.In(b.Lang))
	p := &OperationPage{Base: b, View: view, Stages: map[string]secretariat.Stage{}, Metric: map[string]secretariat.Metric{}, Conflict: map[string]bool{}}
	for _, s := range op.Stages {
		p.Stages[s.ID] = s
	}
	for _, m := range op.Metrics {
		p.Metric[m.Key] = m
	}
	for _, t := range view.Totals {
		blk := MetricBlock{Totals: t}
		for _, f := range view.Figures {
			if f.Metric == t.Metric.Key {
				blk.Figures = append(blk.Figures, f)
			}
		}
		slices.SortStableFunc(blk.Figures, func(x, y secretariat.ResultFigure) int { return strings.Compare(x.Period(), y.Period()) })
		for _, c := range t.Conflicts {
			for _, o := range c.Others {
				p.Conflict[o.ID] = true
			}
		}
		p.Metrics = append(p.Metrics, blk)
	}
	if op.Mandate != "" {
		if d, err := store.FindByID[secretariat.Decision](ctx, a.st, v, op.Mandate); err == nil {
			p.Mandate = d
		}
	}
	if p.Threats, _, err = store.FindAll[secretariat.Threat](ctx, a.st, v, store.Where("operations", id)); err != nil {
		return err
	}
	ids := slices.Clone(op.Sources)
	for _, s := range op.Stages {
		ids = append(ids, s.Sources...)
	}
	if p.Sources, err = a.sources(ctx, ids); err != nil {
		return err
	}
	return a.render(w, r, http.StatusOK, "operation.html", p)
}

// FigureScope says what a figure covers: a stage, a year, or a period since a date.
func (p *OperationPage) FigureScope(f secretariat.ResultFigure) string {
	switch {
	case f.Stage != "":
		if s, ok := p.Stages[f.Stage]; ok && !s.Name.IsZero() {
			return p.Tx(s.Name)
		}
		return p.T("stage") + " " + f.Stage
	case f.Year != 0:
		return p.Tf("year %d", f.Year)
	case !f.AsOf.IsZero():
		return p.Tf("since %s, as of %s", p.Short(f.Since), p.Short(f.AsOf))
	default:
		return p.Tf("since %s", p.Short(f.Since))
	}
}

// Why says in the reader's language why one of conflicting figures was chosen.
func (p *OperationPage) Why(c secretariat.FigureChoice) string {
	if len(c.Others) == 0 {
		return ""
	}
	a, b := p.View.Sources[c.Chosen.Source], p.View.Sources[c.Others[0].Source]
	if a.Class != b.Class {
		return p.Tf("“%s” (%s) ranks above “%s” (%s).", p.Tx(a.Title), p.Label("source_class", a.Class), p.Tx(b.Title), p.Label("source_class", b.Class))
	}
	return p.Tf("The sources are of the same class (%s); “%s” is the more recent.", p.Label("source_class", a.Class), p.Tx(a.Title))
}
