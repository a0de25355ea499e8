package ui

import (
	"net/http"

	"secretariat"
	"secretariat/internal/store"
)

// DraftPage is a draft: every version with its authentic text, its translations and
// the word-level difference from the version before, and the items that consider it.
type DraftPage struct {
	*Base
	View    *store.DraftView
	Sources []secretariat.Source
}

func (a *App) draft(w http.ResponseWriter, r *http.Request) error {
	view, err := a.st.DraftView(r.Context(), viewer(r), r.PathValue("id"))
	if err != nil {
		return err
	}
	b, err := a.base(r, "", "sessions")
	if err != nil {
		return err
	}
	b.Title = view.Draft.Title.In(b.Lang)
	p := &DraftPage{Base: b, View: view}
	if p.Sources, err = a.sources(r.Context(), view.Draft.Sources); err != nil {
		return err
	}
	return a.render(w, r, http.StatusOK, "draft.html", p)
}

// DiffTo returns the difference that leads to version n, if any.
func (p *DraftPage) DiffTo(n int) *store.VersionDiff {
	for i := range p.View.Diffs {
		if p.View.Diffs[i].To == n {
			return &p.View.Diffs[i]
		}
	}
	return nil
}
