package ui

import (
	"context"
	"net/http"
	"strconv"

	"secretariat"
	"secretariat/internal/store"
)

// SessionsPage lists sessions, filtered by body and year, a page at a time.
type SessionsPage struct {
	*Base
	Sessions []SessionLine
	Pager    Pager
	Body     string
	Year     int
	Bodies   []Option
	Years    []int
}

const perPage = 50

func (a *App) sessions(w http.ResponseWriter, r *http.Request) error {
	b, err := a.base(r, "", "sessions")
	if err != nil {
		return err
	}
	b.Title = b.T("Sessions")
	q := r.URL.Query()
	p := &SessionsPage{Base: b, Body: q.Get("body")}
	if p.Body != "" {
		if _, ok := b.dir.bodies[p.Body]; !ok {
			return secretariat.Errorf(secretariat.ENOTFOUND, "there is no body %q", p.Body)
		}
	}
	if y := q.Get("year"); y != "" {
		if p.Year, err = strconv.Atoi(y); err != nil {
			return secretariat.Errorf(secretariat.EINVALID, "%q is not a year", y)
		}
	}
	page := pageParam(r)
	sessions, total, err := a.st.FindSessions(r.Context(), store.SessionFilter{Body: p.Body, Year: p.Year, Latest: true, Limit: perPage, Offset: (page - 1) * perPage})
	if err != nil {
		return err
	}
	if p.Pager, err = b.pager(page, perPage, total, "session"); err != nil {
		return err
	}
	if p.Sessions, err = a.sessionLines(r, sessions); err != nil {
		return err
	}
	p.Bodies = b.bodyOptions()
	for i := range p.Bodies {
		p.Bodies[i].Selected = p.Bodies[i].Value == p.Body
	}
	if p.Years, err = a.st.SessionYears(r.Context(), p.Body); err != nil {
		return err
	}
	return a.render(w, r, http.StatusOK, "sessions.html", p)
}

// SessionPage is a session with its agenda and each item's outcome.
type SessionPage struct {
	*Base
	Session secretariat.Session
	Items   []AgendaLine
	// Hidden counts the items the reader may not see.
	Hidden int
	// Summaries are the public summaries of restricted decisions on items the reader
	// may not see either.
	Summaries []secretariat.Text
	// Chairs are the chairmanships taken over at the session.
	Chairs  []secretariat.Chairmanship
	Tasks   int
	Sources []secretariat.Source
}

// AgendaLine is an item of the agenda with the decision it became.
type AgendaLine struct {
	secretariat.AgendaItem
	Decision *secretariat.Decision
	// Hidden is set when the decision exists but the reader may not see it; its public
	// summary, if any, may be shown.
	Hidden *store.PublicSummary
}

func (a *App) session(w http.ResponseWriter, r *http.Request) error {
	ctx, v, id := r.Context(), viewer(r), r.PathValue("id")
	s, err := store.FindByID[secretariat.Session](ctx, a.st, v, id)
	if err != nil {
		return err
	}
	b, err := a.base(r, "", "sessions")
	if err != nil {
		return err
	}
	b.Title = b.SessionTitle(*s) + ", " + b.Date(s.Date)
	p := &SessionPage{Base: b, Session: *s}
	if p.Items, err = a.agenda(ctx, v, id); err != nil {
		return err
	}
	hidden, err := a.st.HiddenDecisions(ctx, v, id)
	if err != nil {
		return err
	}
	shown := map[string]bool{}
	for _, it := range p.Items {
		shown[it.ID] = true
	}
	for _, h := range hidden {
		if !shown[h.Item] && !h.Summary.IsZero() {
			p.Summaries = append(p.Summaries, h.Summary)
		}
	}
	if p.Hidden, err = a.st.CountHidden(ctx, v, "item", store.Where("session", id)); err != nil {
		return err
	}
	if p.Chairs, _, err = store.FindAll[secretariat.Chairmanship](ctx, a.st, v, store.Where("session", id)); err != nil {
		return err
	}
	if _, p.Tasks, err = a.st.FindTasks(ctx, v, store.TaskFilter{Session: id, Limit: 1}); err != nil {
		return err
	}
	if p.Sources, err = a.sources(ctx, s.Sources); err != nil {
		return err
	}
	return a.render(w, r, http.StatusOK, "session.html", p)
}

// agenda lists a session's items in order with their decisions.
func (a *App) agenda(ctx context.Context, v secretariat.Viewer, session string) ([]AgendaLine, error) {
	items, _, err := store.FindAll[secretariat.AgendaItem](ctx, a.st, v, store.Where("session", session))
	if err != nil {
		return nil, err
	}
	decisions, _, err := store.FindAll[secretariat.Decision](ctx, a.st, v, store.Where("session", session))
	if err != nil {
		return nil, err
	}
	byItem := map[string]*secretariat.Decision{}
	for i := range decisions {
		byItem[decisions[i].Item] = &decisions[i]
	}
	hidden, err := a.st.HiddenDecisions(ctx, v, session)
	if err != nil {
		return nil, err
	}
	hiddenBy := map[string]*store.PublicSummary{}
	for i := range hidden {
		hiddenBy[hidden[i].Item] = &hidden[i]
	}
	out := make([]AgendaLine, len(items))
	for i, it := range items {
		out[i] = AgendaLine{AgendaItem: it, Decision: byItem[it.ID], Hidden: hiddenBy[it.ID]}
	}
	return out, nil
}

// sources reads the sources with the IDs, in order, once each. Sources are public.
func (a *App) sources(ctx context.Context, ids []string) ([]secretariat.Source, error) {
	seen := map[string]bool{}
	var out []secretariat.Source
	for _, id := range ids {
		if seen[id] {
			continue
		}
		seen[id] = true
		src, err := store.FindByID[secretariat.Source](ctx, a.st, secretariat.Anonymous, id)
		if err != nil {
			return nil, err
		}
		out = append(out, *src)
	}
	return out, nil
}
