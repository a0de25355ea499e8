package ui

import (
	"context"
	"html/template"
	"net/http"
	"slices"

	"secretariat"
	"secretariat/internal/store"
)

// ThreatsPage is the threat register: each threat's latest level and what answers it.
type ThreatsPage struct {
	*Base
	Threats []ThreatLine
	Hidden  int
}

// ThreatLine is a threat of the register with its latest assessment.
type ThreatLine struct {
	secretariat.Threat
	Latest *secretariat.ThreatAssessment
}

func (a *App) threats(w http.ResponseWriter, r *http.Request) error {
	b, err := a.base(r, "", "threats")
	if err != nil {
		return err
	}
	b.Title = b.T("Threat register")
	ctx, v := r.Context(), viewer(r)
	threats, _, err := store.FindAll[secretariat.Threat](ctx, a.st, v, store.Filter{})
	if err != nil {
		return err
	}
	p := &ThreatsPage{Base: b}
	for _, t := range threats {
		l := ThreatLine{Threat: t}
		if n := len(t.Assessments); n > 0 {
			l.Latest = &t.Assessments[n-1]
		}
		p.Threats = append(p.Threats, l)
	}
	slices.SortStableFunc(p.Threats, func(x, y ThreatLine) int {
		lx, ly := 0, 0
		if x.Latest != nil {
			lx = x.Latest.Level
		}
		if y.Latest != nil {
			ly = y.Latest.Level
		}
		return ly - lx
	})
	if p.Hidden, err = a.st.CountHidden(ctx, v, "threat", store.Filter{}); err != nil {
		return err
	}
	return a.render(w, r, http.StatusOK, "threats.html", p)
}

// ThreatPage is a threat: its level over time, its areas on a map, its assessments and
// what answers it.
type ThreatPage struct {
	*Base
	View       *store.ThreatView
	Chart      template.HTML
	Map        template.HTML
	Areas      []MapArea
	Decisions  []secretariat.Decision
	Tasks      []secretariat.Task
	Operations []secretariat.Operation
	Sources    map[string]secretariat.Source
	Own        []secretariat.Source
}

func (a *App) threat(w http.ResponseWriter, r *http.Request) error {
	ctx, v, id := r.Context(), viewer(r), r.PathValue("id")
	view, err := a.st.ThreatView(ctx, v, id, store.Period{})
	if err != nil {
		return err
	}
	b, err := a.base(r, "", "threats")
	if err != nil {
		return err
	}
	t := &view.Threat
	b.Title = t.Name.In(b.Lang)
	p := &ThreatPage{Base: b, View: view, Sources: map[string]secretariat.Source{}}
	p.Chart = levelChart(view.History, a.today(), b.Lang, b.Tf("Level of the threat “%s” over time", b.Title))
	var areaIDs, srcIDs []string
	for _, as := range t.Assessments {
		areaIDs = append(areaIDs, as.Areas...)
		srcIDs = append(srcIDs, as.Sources...)
	}
	if view.Latest != nil {
		if p.Areas, err = a.mapAreas(ctx, view.Latest.Areas, b); err != nil {
			return err
		}
		p.Map = areaMap(p.Areas, b.Tf("Areas of the latest assessment of “%s”", b.Title))
	}
	srcs, err := a.sources(ctx, srcIDs)
	if err != nil {
		return err
	}
	for _, s := range srcs {
		p.Sources[s.ID] = s
	}
	if p.Own, err = a.sources(ctx, t.Sources); err != nil {
		return err
	}
	for _, id := range t.Decisions {
		if d, err := store.FindByID[secretariat.Decision](ctx, a.st, v, id); err == nil {
			p.Decisions = append(p.Decisions, *d)
		}
	}
	for _, id := range t.Tasks {
		if x, err := store.FindByID[secretariat.Task](ctx, a.st, v, id); err == nil {
			p.Tasks = append(p.Tasks, *x)
		}
	}
	for _, id := range t.Operations {
		if o, err := store.FindByID[secretariat.Operation](ctx, a.st, v, id); err == nil {
			p.Operations = append(p.Operations, *o)
		}
	}
	return a.render(w, r, http.StatusOK, "threat.html", p)
}

// mapAreas reads areas with their names for the map.
func (a *App) mapAreas(ctx context.Context, ids []string, b *Base) ([]MapArea, error) {
	var out []MapArea
	seen := map[string]bool{}
	for _, id := range ids {
		if seen[id] {
			continue
		}
		seen[id] = true
		ar, err := store.FindByID[secretariat.Area](ctx, a.st, secretariat.Anonymous, id)
		if err != nil {
			return nil, err
		}
		out = append(out, MapArea{ID: ar.ID, Name: ar.Name.In(b.Lang), Geometry: ar.Geometry})
	}
	return out, nil
}

// AreaPage is an area: where it lies and the threats assessed in it or in the areas it
// contains.
type AreaPage struct {
	*Base
	Area    secretariat.Area
	Map     template.HTML
	Within  []MapArea
	Threats []secretariat.Threat
	Sources []secretariat.Source
}

func (a *App) area(w http.ResponseWriter, r *http.Request) error {
	ctx, v, id := r.Context(), viewer(r), r.PathValue("id")
	ar, err := store.FindByID[secretariat.Area](ctx, a.st, v, id)
	if err != nil {
		return err
	}
	b, err := a.base(r, "", "threats")
	if err != nil {
		return err
	}
	b.Title = ar.Name.In(b.Lang)
	p := &AreaPage{Base: b, Area: *ar}
	p.Map = areaMap([]MapArea{{ID: ar.ID, Name: b.Title, Geometry: ar.Geometry}}, b.Title)
	if p.Within, err = a.mapAreas(ctx, ar.Within, b); err != nil {
		return err
	}
	if p.Threats, err = a.st.ThreatsInArea(ctx, v, id); err != nil {
		return err
	}
	if p.Sources, err = a.sources(ctx, ar.Sources); err != nil {
		return err
	}
	return a.render(w, r, http.StatusOK, "area.html", p)
}

// LevelName is a threat level with its meaning.
func (b *Base) LevelName(level int) string { return secretariat.ThreatLevels[level].In(b.Lang) }
