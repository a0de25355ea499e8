package ui

import (
	"net/http"
	"net/url"
	"strconv"

	"secretariat"
	"secretariat/internal/store"
)

// record sends /records/KIND/ID, the address the year in review and other outside
// links use, to the record's own page; records that live on another's page (a position
// on its item, a figure on its operation, a report on its task) go to their place there.
func (a *App) record(w http.ResponseWriter, r *http.Request) error {
	ctx, v, kind, id := r.Context(), viewer(r), r.PathValue("kind"), r.PathValue("id")
	if _, ok := secretariat.LookupKind(kind); !ok {
		return secretariat.Errorf(secretariat.ENOTFOUND, "%q is not a kind of record", kind)
	}
	to := RecordPath(kind, id)
	switch kind {
	case "position":
		p, err := store.FindByID[secretariat.Position](ctx, a.st, v, id)
		if err != nil {
			return err
		}
		to = RecordPath("item", p.Item) + "#pos-" + p.State
	case "figure":
		f, err := store.FindByID[secretariat.ResultFigure](ctx, a.st, v, id)
		if err != nil {
			return err
		}
		to = RecordPath("operation", f.Operation) + "#fig-" + f.ID
	case "report":
		rep, err := store.FindByID[secretariat.ImplementationReport](ctx, a.st, v, id)
		if err != nil {
			return err
		}
		to = RecordPath("task", rep.Task) + "#report-" + rep.ID
	default:
		if _, err := a.st.Get(ctx, v, kind, id); err != nil {
			return err
		}
	}
	http.Redirect(w, r, withLang(to, Lang(r)), http.StatusFound)
	return nil
}

// file serves a stored document to a reader who may see a record that cites it.
func (a *App) file(w http.ResponseWriter, r *http.Request) error {
	f, err := a.st.FileFor(r.Context(), viewer(r), r.PathValue("sha"))
	if err != nil {
		return err
	}
	h := w.Header()
	h.Set("Content-Type", f.MediaType)
	h.Set("Content-Length", strconv.Itoa(len(f.Content)))
	// Served as a download under its own type, never rendered in the site's origin.
	h.Set("Content-Disposition", "attachment; filename*=UTF-8''"+url.PathEscape(f.Filename))
	h.Set("Content-Security-Policy", "default-src 'none'; sandbox")
	_, err = w.Write(f.Content)
	return err
}

// ReviewsPage lists the years in review.
type ReviewsPage struct {
	*Base
	Years []int
}

func (a *App) reviews(w http.ResponseWriter, r *http.Request) error {
	b, err := a.base(r, "", "")
	if err != nil {
		return err
	}
	b.Title = b.T("Years in review")
	p := &ReviewsPage{Base: b}
	if p.Years, err = a.st.SessionYears(r.Context(), ""); err != nil {
		return err
	}
	return a.render(w, r, http.StatusOK, "reviews.html", p)
}
