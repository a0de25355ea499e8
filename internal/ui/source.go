package ui

import (
	"net/http"

	"secretariat"
	"secretariat/internal/store"
)

// SourcePage is a source: where a fact came from.
type SourcePage struct {
	*Base
	Source secretariat.Source
}

func (a *App) source(w http.ResponseWriter, r *http.Request) error {
	s, err := store.FindByID[secretariat.Source](r.Context(), a.st, viewer(r), r.PathValue("id"))
	if err != nil {
		return err
	}
	b, err := a.base(r, "", "")
	if err != nil {
		return err
	}
	b.Title = s.Title.In(b.Lang)
	return a.render(w, r, http.StatusOK, "source.html", &SourcePage{Base: b, Source: *s})
}
