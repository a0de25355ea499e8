package ui

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"secretariat"
	"secretariat/internal/store"
)

// GridPage is the officer's screen during a meeting: the session's items against the
// member states, a position in each cell, and beside each item what the rule gives on
// the positions so far, with the button that decides it.
type GridPage struct {
	*Base
	Session secretariat.Session
	// States are the members on the session's date: the grid's columns.
	States []string
	Rows   []GridItem
	Error  string
}

// GridItem is one item's row.
type GridItem struct {
	Item     secretariat.AgendaItem
	Cells    []GridCell
	Preview  *secretariat.Outcome
	Decision *secretariat.Decision
}

// GridCell is one state's position on one item, as recorded or as just typed.
type GridCell struct {
	State         string
	Stance        string
	ReservationRU string
	ReservationEN string
	Recorded      bool
	Options       []Option
	Error         string
	Open          bool
}

// Name is the cell's input name for the stance; the reservation's names follow it.
func (c GridCell) Name(item string) string { return "stance:" + item + ":" + c.State }

func (a *App) grid(w http.ResponseWriter, r *http.Request) error {
	return a.gridPage(w, r, http.StatusOK, nil, nil, "")
}

// gridPage renders the grid: from the record, or with what was typed (values) and
// what is wrong with it (errs, by input name).
func (a *App) gridPage(w http.ResponseWriter, r *http.Request, status int, values url.Values, errs map[string]string, msg string) error {
	if _, err := a.writer(r); err != nil {
		return err
	}
	ctx, v := r.Context(), viewer(r)
	s, err := pathRecord[secretariat.Session](a, r)
	if err != nil {
		return err
	}
	b, err := a.base(r, "", "sessions")
	if err != nil {
		return err
	}
	b.Title = b.T("Positions and decisions") + ": " + b.SessionTitle(*s) + ", " + b.Short(s.Date)
	b.Wide = true
	p := &GridPage{Base: b, Session: *s, Error: msg}
	for _, id := range b.dir.order {
		if st := b.dir.states[id]; st.StandingOn(s.Date) == secretariat.StandingMember {
			p.States = append(p.States, id)
		}
	}
	slices.SortFunc(p.States, func(x, y string) int { return b.compare(b.StateName(x), b.StateName(y)) })
	lines, err := a.agenda(ctx, v, s.ID)
	if err != nil {
		return err
	}
	for _, line := range lines {
		it := line.AgendaItem
		view, err := a.st.ItemView(ctx, v, it.ID)
		if err != nil {
			return err
		}
		row := GridItem{Item: it, Decision: line.Decision}
		recorded := map[string]store.GridRow{}
		for _, g := range view.Grid {
			if g.Recorded {
				recorded[g.State] = g
			}
		}
		preview, nonInterest, err := a.preview(ctx, &it, view.Grid)
		if err != nil {
			return err
		}
		if !it.Decided() {
			row.Preview = preview
		}
		stances := []string{"", "joins", "joins_with_reservation", "abstains"}
		if nonInterest {
			stances = append(stances, "non_interest")
		}
		stances = append(stances, "objects", "absent")
		for _, st := range p.States {
			c := GridCell{State: st}
			if g, ok := recorded[st]; ok {
				c.Stance, c.ReservationRU, c.ReservationEN, c.Recorded = string(g.Stance), g.Reservation.RU, g.Reservation.EN, true
			}
			if values != nil {
				name := c.Name(it.ID)
				if vs, ok := values[name]; ok {
					c.Stance = strings.Join(vs, "")
					c.ReservationRU, c.ReservationEN = values.Get(name+":ru"), values.Get(name+":en")
				}
				c.Error = errs[name]
			}
			c.Open = c.Stance == string(secretariat.JoinsWithReservation) || c.Error != ""
			for _, sv := range stances {
				label := b.Label("stance", sv)
				if sv == "" {
					label = "— " + b.T("not recorded")
				}
				c.Options = append(c.Options, Option{Value: sv, Label: label, Selected: sv == c.Stance})
			}
			row.Cells = append(row.Cells, c)
		}
		p.Rows = append(p.Rows, row)
	}
	return a.render(w, r, status, "grid.html", p)
}

// recordGrid records every position that changed, as one RecordPosition each, all in
// one batch: they are kept together or not at all.
func (a *App) recordGrid(w http.ResponseWriter, r *http.Request) error {
	st, err := a.writer(r)
	if err != nil {
		return err
	}
	values, err := readForm(w, r, false)
	if err != nil {
		return err
	}
	ctx, v, lang := r.Context(), viewer(r), Lang(r)
	s, err := pathRecord[secretariat.Session](a, r)
	if err != nil {
		return err
	}
	items, _, err := store.FindAll[secretariat.AgendaItem](ctx, a.st, v, store.Where("session", s.ID))
	if err != nil {
		return err
	}
	errs := map[string]string{}
	var changes []store.PositionInput
	for _, it := range items {
		positions, _, err := store.FindAll[secretariat.Position](ctx, a.st, v, store.Where("item", it.ID))
		if err != nil {
			return err
		}
		had := map[string]secretariat.Position{}
		for _, p := range positions {
			had[p.State] = p
		}
		prefix := "stance:" + it.ID + ":"
		for name, vs := range values {
			if !strings.HasPrefix(name, prefix) || strings.Count(name, ":") != 2 {
				continue
			}
			state, stance := strings.TrimPrefix(name, prefix), secretariat.Stance(strings.Join(vs, ""))
			if stance == "" {
				continue // not recorded, and not to be
			}
			if !slices.Contains(secretariat.Stances, stance) {
				errs[name] = tr(lang, "Choose one of the options.")
				continue
			}
			res := secretariat.Text{RU: strings.TrimSpace(values.Get(name + ":ru")), EN: strings.TrimSpace(values.Get(name + ":en"))}
			if !res.IsZero() {
				res.Authentic = secretariat.RU
				if res.RU == "" {
					res.Authentic = secretariat.EN
				}
			}
			if stance != secretariat.JoinsWithReservation {
				res = secretariat.Text{}
			} else if res.IsZero() {
				errs[name] = tr(lang, "A reservation needs its text.")
				continue
			}
			if p, ok := had[state]; ok && p.Stance == stance && p.Reservation == res {
				continue
			}
			if it.Decided() {
				errs[name] = tr(lang, "The item is decided: its positions can no longer change.")
				continue
			}
			changes = append(changes, store.PositionInput{Item: it.ID, State: state, Stance: stance, Reservation: res})
		}
	}
	if len(errs) == 0 && len(changes) > 0 {
		err = st.Batch(ctx, func(bs *store.Store) error {
			for _, c := range changes {
				if _, err := bs.RecordPosition(ctx, c); err != nil {
					errs["stance:"+c.Item+":"+c.State] = localizeError(lang, err)
					return err
				}
			}
			return nil
		})
		if err != nil {
			if _, ok := newForm(r, nil).refused(err); !ok {
				return err
			}
		}
	}
	if len(errs) > 0 {
		return a.gridPage(w, r, http.StatusBadRequest, values, errs, tr(lang, "Nothing was saved: correct the marked positions and save again."))
	}
	to := "/sessions/" + s.ID + "/positions"
	if len(changes) > 0 {
		to += "#item-" + changes[0].Item
	}
	return redirectAfter(w, r, to, "saved")
}

// GridNote sums up an outcome for the grid: the counts that are not zero, and who
// blocked or is not bound.
func (p *GridPage) GridNote(o *secretariat.Outcome) string {
	t := o.Tally
	var parts []string
	for _, c := range []struct {
		n      int
		en, ru string
	}{{t.Joins, "%d join", "присоединились: %d"}, {t.Reservations, "%d with a reservation", "с оговоркой: %d"},
		{t.Abstains, "%d abstain", "воздержались: %d"}, {t.NonInterest, "%d not interested", "не заинтересованы: %d"},
		{t.Objects, "%d object", "возражают: %d"}, {t.Absent, "%d absent", "отсутствуют: %d"}} {
		if c.n > 0 {
			f := c.en
			if p.Lang == secretariat.RU {
				f = c.ru
			}
			parts = append(parts, fmt.Sprintf(f, c.n))
		}
	}
	note := strings.Join(parts, ", ")
	names := func(ids []string) string {
		out := make([]string, len(ids))
		for i, id := range ids {
			out[i] = p.StateName(id)
		}
		return strings.Join(out, ", ")
	}
	if len(o.Blockers) > 0 {
		note += "; " + p.T("blocked by") + " " + names(o.Blockers)
	}
	if len(o.NotBound) > 0 {
		note += "; " + p.T("not binding on") + " " + names(o.NotBound)
	}
	return note
}
