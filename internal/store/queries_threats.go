package store

import (
	"context"
	"slices"

	"secretariat"
)

// OperationView is an operation with its figures and their aggregates per metric:
// per stage, per year, per state and since inception, with conflicting figures side by
// side. Figures that cover the operation together with others (several operations, or
// the whole programme) are shown apart, under their own scope: they are never added to
// the operation's totals nor set against its figures.
type OperationView struct {
	Operation secretariat.Operation         `json:"operation"`
	Totals    []secretariat.MetricTotals    `json:"totals"`
	Figures   []secretariat.ResultFigure    `json:"figures"`
	Wider     []secretariat.WiderTotals     `json:"wider_scope,omitempty"`
	WiderFigs []secretariat.ResultFigure    `json:"wider_scope_figures,omitempty"`
	Sources   map[string]secretariat.Source `json:"sources"`
	// Hidden counts figures the viewer may not see; they are not in the totals.
	Hidden int `json:"hidden,omitempty"`
}

// OperationView builds an operation's view from the figures the viewer may see.
func (s *Store) OperationView(ctx context.Context, v secretariat.Viewer, id string) (*OperationView, error) {
	op, err := FindByID[secretariat.Operation](ctx, s, v, id)
	if err != nil {
		return nil, err
	}
	figs, _, err := FindAll[secretariat.ResultFigure](ctx, s, v, Where("operation", id))
	if err != nil {
		return nil, err
	}
	wider, err := s.widerFigures(ctx, v, id)
	if err != nil {
		return nil, err
	}
	out := &OperationView{Operation: *op, Figures: figs, WiderFigs: wider}
	if out.Sources, err = s.sourcesOf(ctx, append(slices.Clone(figs), wider...)); err != nil {
		return nil, err
	}
	if out.Totals, err = secretariat.AggregateFigures(op, figs, out.Sources); err != nil {
		return nil, err
	}
	if out.Wider, err = secretariat.AggregateWider(wider, out.Sources); err != nil {
		return nil, err
	}
	out.Hidden, err = s.CountHidden(ctx, v, "figure", Where("operation", id))
	return out, err
}

// widerFigures returns the figures that cover the operation together with others: those
// of several operations that name it, and those of the whole programme.
func (s *Store) widerFigures(ctx context.Context, v secretariat.Viewer, id string) ([]secretariat.ResultFigure, error) {
	var out []secretariat.ResultFigure
	for _, scope := range []secretariat.FigureScope{secretariat.ScopeOperations, secretariat.ScopeProgramme} {
		figs, _, err := FindAll[secretariat.ResultFigure](ctx, s, v, Where("scope", string(scope)))
		if err != nil {
			return nil, err
		}
		for _, f := range figs {
			if f.Covers(id) {
				out = append(out, f)
			}
		}
	}
	return out, nil
}

// ProgrammeFigures returns the figures of several operations and of the whole programme
// of operations, with their sources and aggregates, as the viewer may see them.
func (s *Store) ProgrammeFigures(ctx context.Context, v secretariat.Viewer) ([]secretariat.WiderTotals, []secretariat.ResultFigure, map[string]secretariat.Source, error) {
	var figs []secretariat.ResultFigure
	for _, scope := range []secretariat.FigureScope{secretariat.ScopeOperations, secretariat.ScopeProgramme} {
		fs, _, err := FindAll[secretariat.ResultFigure](ctx, s, v, Where("scope", string(scope)))
		if err != nil {
			return nil, nil, nil, err
		}
		figs = append(figs, fs...)
	}
	sources, err := s.sourcesOf(ctx, figs)
	if err != nil {
		return nil, nil, nil, err
	}
	totals, err := secretariat.AggregateWider(figs, sources)
	return totals, figs, sources, err
}

// sourcesOf reads the sources the figures cite.
func (s *Store) sourcesOf(ctx context.Context, figs []secretariat.ResultFigure) (map[string]secretariat.Source, error) {
	out := map[string]secretariat.Source{}
	for _, f := range figs {
		if _, ok := out[f.Source]; ok {
			continue
		}
		src, err := FindByID[secretariat.Source](ctx, s, secretariat.Anonymous, f.Source)
		if err != nil {
			return nil, err
		}
		out[f.Source] = *src
	}
	return out, nil
}

// ThreatView is a threat with its level history and what answers it.
type ThreatView struct {
	Threat             secretariat.Threat            `json:"threat"`
	Latest             *secretariat.ThreatAssessment `json:"latest,omitempty"`
	LevelMeaning       secretariat.Text              `json:"level_meaning,omitzero"`
	History            []secretariat.LevelPoint      `json:"history"`
	AnsweredByDecision bool                          `json:"answered_by_decision"`
	Answered           bool                          `json:"answered"`
}

// ThreatView builds a threat's view, with its level history over the period.
func (s *Store) ThreatView(ctx context.Context, v secretariat.Viewer, id string, p Period) (*ThreatView, error) {
	t, err := FindByID[secretariat.Threat](ctx, s, v, id)
	if err != nil {
		return nil, err
	}
	answered, answeredByDecision := t.Answered(), len(t.Decisions) > 0
	if err := s.hideRefs(ctx, v, t); err != nil {
		return nil, err
	}
	out := &ThreatView{Threat: *t, History: t.LevelHistory(p.From, p.To), AnsweredByDecision: answeredByDecision, Answered: answered}
	if len(t.Assessments) > 0 {
		latest := t.Assessments[len(t.Assessments)-1]
		out.Latest = &latest
		out.LevelMeaning = secretariat.ThreatLevels[latest.Level]
	}
	if out.History == nil {
		out.History = []secretariat.LevelPoint{}
	}
	return out, nil
}

// hideRefs leaves out of a threat the decisions, tasks and operations answering it that
// the viewer may not see. That a threat is answered stays known; by what, only to those
// who may see it.
func (s *Store) hideRefs(ctx context.Context, v secretariat.Viewer, t *secretariat.Threat) error {
	for kind, list := range map[string]*[]string{"decision": &t.Decisions, "task": &t.Tasks, "operation": &t.Operations} {
		var kept []string
		for _, id := range *list {
			_, err := s.getRaw(ctx, v, kind, id)
			switch secretariat.ErrorCode(err) {
			case "":
				kept = append(kept, id)
			case secretariat.ENOTFOUND:
			default:
				return err
			}
		}
		*list = kept
	}
	return nil
}

// ThreatsInArea lists the threats whose latest assessment names the area, or an area
// within it (northern Afghanistan is within Afghanistan).
func (s *Store) ThreatsInArea(ctx context.Context, v secretariat.Viewer, area string) ([]secretariat.Threat, error) {
	if _, err := s.getRaw(ctx, v, "area", area); err != nil {
		return nil, err
	}
	areas, _, err := FindAll[secretariat.Area](ctx, s, v, Filter{})
	if err != nil {
		return nil, err
	}
	inside := map[string]bool{area: true}
	for changed := true; changed; {
		changed = false
		for _, a := range areas {
			if inside[a.ID] {
				continue
			}
			for _, w := range a.Within {
				if inside[w] {
					inside[a.ID], changed = true, true
					break
				}
			}
		}
	}
	threats, _, err := FindAll[secretariat.Threat](ctx, s, v, Filter{})
	if err != nil {
		return nil, err
	}
	var out []secretariat.Threat
	for _, t := range threats {
		if len(t.Assessments) == 0 {
			continue
		}
		if slices.ContainsFunc(t.Assessments[len(t.Assessments)-1].Areas, func(a string) bool { return inside[a] }) {
			out = append(out, t)
		}
	}
	return out, nil
}
