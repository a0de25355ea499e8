package ui

import (
	"net/http"
	"slices"

	"secretariat"
	"secretariat/internal/store"
)

// ChairmanshipsPage lists the chairmanships of every body, latest first.
type ChairmanshipsPage struct {
	*Base
	Chairs []secretariat.Chairmanship
}

func (a *App) chairmanships(w http.ResponseWriter, r *http.Request) error {
	b, err := a.base(r, "", "chairmanships")
	if err != nil {
		return err
	}
	b.Title = b.T("Chairmanships")
	chairs, _, err := store.FindAll[secretariat.Chairmanship](r.Context(), a.st, viewer(r), store.Filter{})
	if err != nil {
		return err
	}
	slices.SortStableFunc(chairs, func(x, y secretariat.Chairmanship) int {
		if x.Body != y.Body {
			return b.compare(b.BodyName(x.Body), b.BodyName(y.Body))
		}
		return y.From.Compare(x.From)
	})
	return a.render(w, r, http.StatusOK, "chairmanships.html", &ChairmanshipsPage{Base: b, Chairs: chairs})
}

// ChairmanshipPage is a chairmanship with each priority's assessment, computed from the
// tasks that serve it, beside the chair's own statement.
type ChairmanshipPage struct {
	*Base
	View    *store.ChairmanshipView
	Tasks   map[string]secretariat.Task
	Sources []secretariat.Source
	// StatementSources are the sources of each priority's statement, by number.
	StatementSources map[int][]secretariat.Source
}

func (a *App) chairmanship(w http.ResponseWriter, r *http.Request) error {
	ctx, v, id := r.Context(), viewer(r), r.PathValue("id")
	view, err := a.st.ChairmanshipView(ctx, v, id)
	if err != nil {
		return err
	}
	b, err := a.base(r, "", "chairmanships")
	if err != nil {
		return err
	}
	c := view.Chairmanship
	b.Title = b.Tf("Chairmanship of %s", b.StateName(c.State))
	p := &ChairmanshipPage{Base: b, View: view, Tasks: map[string]secretariat.Task{}, StatementSources: map[int][]secretariat.Source{}}
	tasks, _, err := a.st.FindTasks(ctx, v, store.TaskFilter{Chairmanship: id})
	if err != nil {
		return err
	}
	for _, t := range tasks {
		p.Tasks[t.ID] = t
	}
	if p.Sources, err = a.sources(ctx, c.Sources); err != nil {
		return err
	}
	for _, pr := range c.Priorities {
		if p.StatementSources[pr.N], err = a.sources(ctx, pr.StatementSources); err != nil {
			return err
		}
	}
	return a.render(w, r, http.StatusOK, "chairmanship.html", p)
}
