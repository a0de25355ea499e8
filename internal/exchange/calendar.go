package exchange

import (
	"context"
	"fmt"
	"strings"

	"secretariat"
	"secretariat/internal/ical"
	"secretariat/internal/store"
)

// CalendarOptions steer the iCalendar feed.
type CalendarOptions struct {
	// Responsible keeps only the task deadlines of this party (a body ID, "secretariat",
	// a state ID, or "all_states"); sessions are always included.
	Responsible string
	Lang        secretariat.Lang
	// Link gives the public address of a record's page, by its kind ("session", "task")
	// and ID, or "" for none; nil links no event. The server builds it from its
	// configured public base URL and the web application's routes, never from the
	// request, whose Host header the client chooses.
	Link func(kind, id string) string
}

// Calendar builds the iCalendar feed (RFC 5545) of the sessions and the task deadlines
// the viewer may see: all-day events, with UIDs stable across refreshes and DTSTAMP the
// time of the journal's last entry, so the same record always gives the same feed.
func Calendar(ctx context.Context, st *store.Store, v secretariat.Viewer, opts CalendarOptions) (*ical.Calendar, error) {
	lang := opts.Lang
	if lang == "" {
		lang = secretariat.EN
	}
	n, _, err := st.Head(ctx)
	if err != nil {
		return nil, err
	}
	stamp := secretariat.MustDate("2000-01-01").Time()
	if n > 0 {
		e, err := st.Entry(ctx, n)
		if err != nil {
			return nil, err
		}
		stamp = e.At
	}
	name := map[secretariat.Lang]string{secretariat.EN: "Sessions and task deadlines", secretariat.RU: "Сессии и сроки поручений"}[lang]
	if opts.Responsible != "" {
		name += " — " + opts.Responsible
	}
	cal := &ical.Calendar{ProdID: "-//secretariat//record of the decision cycle//" + strings.ToUpper(string(lang)), Name: name}
	link := func(kind, id string) string {
		if opts.Link == nil {
			return ""
		}
		return opts.Link(kind, id)
	}
	sessions, _, err := store.FindAll[secretariat.Session](ctx, st, v, store.Filter{})
	if err != nil {
		return nil, err
	}
	bodies := map[string]secretariat.Body{}
	list, _, err := store.FindAll[secretariat.Body](ctx, st, v, store.Filter{})
	if err != nil {
		return nil, err
	}
	for _, b := range list {
		bodies[b.ID] = b
	}
	for _, s := range sessions {
		b := bodies[s.Body]
		short := b.Short.In(lang)
		if short == "" {
			short = b.Name.In(lang)
		}
		kind := map[secretariat.Lang]map[secretariat.SessionKind]string{
			secretariat.EN: {secretariat.Regular: "regular session", secretariat.Extraordinary: "extraordinary session"},
			secretariat.RU: {secretariat.Regular: "очередная сессия", secretariat.Extraordinary: "внеочередная сессия"},
		}[lang][s.Kind]
		cal.Events = append(cal.Events, ical.Event{
			UID: "session-" + s.ID + "@secretariat", Stamp: stamp, Start: s.Date.Time(), AllDay: true,
			Summary: fmt.Sprintf("%s: %s", short, kind), Location: s.Place.In(lang), Description: b.Name.In(lang),
			Categories: []string{"session", s.Body}, URL: link("session", s.ID),
		})
	}
	tasks, _, err := store.FindAll[secretariat.Task](ctx, st, v, store.Filter{})
	if err != nil {
		return nil, err
	}
	for _, t := range tasks {
		if t.Due.IsZero() || (opts.Responsible != "" && !t.Responsible.Includes(opts.Responsible)) {
			continue
		}
		due := map[secretariat.Lang]string{secretariat.EN: "Due", secretariat.RU: "Срок"}[lang]
		status := "CONFIRMED"
		if t.Status == secretariat.TaskCancelled || t.Status == secretariat.TaskSuperseded {
			status = "CANCELLED"
		}
		cal.Events = append(cal.Events, ical.Event{
			UID: "task-" + t.ID + "@secretariat", Stamp: stamp, Start: t.Due.Time(), AllDay: true,
			Summary:     fmt.Sprintf("%s: %s", due, t.Text.In(lang)),
			Description: fmt.Sprintf("Task %s of decision %s. Responsible: %s. Status: %s, %d%%.", t.ID, t.Decision, strings.Join(t.Responsible.Parties(), ", "), t.Status, t.Progress),
			Categories:  append([]string{"task", string(t.Status)}, t.Responsible.Parties()...), Status: status, URL: link("task", t.ID),
		})
	}
	return cal, nil
}
