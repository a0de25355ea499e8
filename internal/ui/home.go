package ui

import (
	"net/http"

	"secretariat"
	"secretariat/internal/store"
)

// HomePage is the front page: the current chairmanship and its priorities, the next (or
// latest) sessions, the tasks due and overdue, the latest publications and the years in
// review.
type HomePage struct {
	*Base
	Chair *store.ChairmanshipView
	// Announced is the latest chairmanship with priorities, when the current one has
	// none yet.
	Announced *store.ChairmanshipView
	// Upcoming is true when Sessions are the next ones, false when they are the latest.
	Upcoming     bool
	Sessions     []SessionLine
	Tasks        []secretariat.Task
	TasksTotal   int
	Overdue      int
	Today        secretariat.Date
	Publications []secretariat.Publication
	Reviews      []int
}

// SessionLine is a session in a list, with what became of its items.
type SessionLine struct {
	secretariat.Session
	Count store.AgendaCount
}

func (a *App) home(w http.ResponseWriter, r *http.Request) error {
	b, err := a.base(r, "", "home")
	if err != nil {
		return err
	}
	ctx, v := r.Context(), viewer(r)
	p := &HomePage{Base: b, Today: a.today()}
	if p.Chair, p.Announced, err = a.currentChair(r, p.Today); err != nil {
		return err
	}
	sessions, _, err := a.st.FindSessions(ctx, store.SessionFilter{From: p.Today, Limit: 5})
	if err != nil {
		return err
	}
	p.Upcoming = len(sessions) > 0
	if !p.Upcoming {
		if sessions, _, err = a.st.FindSessions(ctx, store.SessionFilter{Latest: true, Limit: 5}); err != nil {
			return err
		}
	}
	if p.Sessions, err = a.sessionLines(r, sessions); err != nil {
		return err
	}
	if p.Tasks, p.TasksTotal, err = a.st.FindTasks(ctx, v, store.TaskFilter{Open: true, On: p.Today, Limit: 8}); err != nil {
		return err
	}
	for _, t := range p.Tasks {
		if t.OverdueOn(p.Today) {
			p.Overdue++
		}
	}
	if p.Publications, _, err = store.FindAll[secretariat.Publication](ctx, a.st, v, store.Filter{Limit: 5}); err != nil {
		return err
	}
	if p.Reviews, err = a.st.SessionYears(ctx, ""); err != nil {
		return err
	}
	return a.render(w, r, http.StatusOK, "home.html", p)
}

// currentChair is the chairmanship of the supreme body on the date, or its latest; and,
// when it has announced no priorities, the latest one that has.
func (a *App) currentChair(r *http.Request, on secretariat.Date) (current, announced *store.ChairmanshipView, err error) {
	d, err := a.directory(r.Context())
	if err != nil {
		return nil, nil, err
	}
	var chairs []secretariat.Chairmanship
	for id, body := range d.bodies {
		if body.Kind != secretariat.BodySupreme {
			continue
		}
		cs, _, err := store.FindAll[secretariat.Chairmanship](r.Context(), a.st, viewer(r), store.Where("body", id))
		if err != nil {
			return nil, nil, err
		}
		chairs = append(chairs, cs...)
	}
	var best, withPriorities *secretariat.Chairmanship
	for i := range chairs {
		c := &chairs[i]
		if len(c.Priorities) > 0 && (withPriorities == nil || c.From.After(withPriorities.From)) && !c.From.After(on) {
			withPriorities = c
		}
		if best != nil && best.Covers(on) {
			continue
		}
		if c.Covers(on) || best == nil || c.From.After(best.From) {
			best = c
		}
	}
	if best == nil {
		return nil, nil, nil
	}
	if current, err = a.st.ChairmanshipView(r.Context(), viewer(r), best.ID); err != nil {
		return nil, nil, err
	}
	if len(best.Priorities) == 0 && withPriorities != nil {
		if announced, err = a.st.ChairmanshipView(r.Context(), viewer(r), withPriorities.ID); err != nil {
			return nil, nil, err
		}
	}
	return current, announced, nil
}

// sessionLines counts each session's items as the reader may see them.
func (a *App) sessionLines(r *http.Request, sessions []secretariat.Session) ([]SessionLine, error) {
	ids := make([]string, len(sessions))
	for i, s := range sessions {
		ids[i] = s.ID
	}
	counts, err := a.st.AgendaCounts(r.Context(), viewer(r), ids)
	if err != nil {
		return nil, err
	}
	out := make([]SessionLine, len(sessions))
	for i, s := range sessions {
		out[i] = SessionLine{Session: s, Count: counts[s.ID]}
	}
	return out, nil
}

// SessionTitle names a session for people: its title, or its body and kind. The
// supreme body holds sessions (сессии); the other bodies hold meetings (заседания).
func (b *Base) SessionTitle(s secretariat.Session) string {
	if t := s.Title.In(b.Lang); t != "" {
		return t
	}
	name := b.BodyName(s.Body)
	supreme := b.dir.bodies[s.Body].Kind == secretariat.BodySupreme
	regular := s.Kind != secretariat.Extraordinary
	if b.Lang == secretariat.RU {
		kind := map[[2]bool]string{{true, true}: "Очередная сессия", {true, false}: "Внеочередная сессия",
			{false, true}: "Очередное заседание", {false, false}: "Внеочередное заседание"}[[2]bool{supreme, regular}]
		return kind + " — " + name
	}
	kind := map[[2]bool]string{{true, true}: "Regular session", {true, false}: "Extraordinary session",
		{false, true}: "Regular meeting", {false, false}: "Extraordinary meeting"}[[2]bool{supreme, regular}]
	return kind + " of the " + name
}
