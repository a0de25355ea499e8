package ui

import (
	"context"
	"net/http"
	"strings"

	"secretariat"
	"secretariat/internal/store"
)

// ItemPage is an agenda item: the draft's versions with their differences, the
// positions grid, the rule applied and its reasoning, where the item came from and
// where it went, and the decision it became.
type ItemPage struct {
	*Base
	View    *store.ItemView
	Session secretariat.Session
	// Draft is the draft the item considers, when the reader may see it.
	Draft   *store.DraftView
	Sources []secretariat.Source
	// Preview is what the rule gives on the positions recorded so far, for an item not
	// yet decided; shown to the secretariat.
	Preview *secretariat.Outcome
	// NonInterest reports whether the rule lets a state declare non-interest.
	NonInterest bool
}

func (a *App) item(w http.ResponseWriter, r *http.Request) error {
	ctx, v, id := r.Context(), viewer(r), r.PathValue("id")
	view, err := a.st.ItemView(ctx, v, id)
	if err != nil {
		return err
	}
	s, err := store.FindByID[secretariat.Session](ctx, a.st, v, view.Item.Session)
	if err != nil {
		return err
	}
	b, err := a.base(r, "", "sessions")
	if err != nil {
		return err
	}
	b.Title = view.Item.Title.In(b.Lang)
	p := &ItemPage{Base: b, View: view, Session: *s}
	if view.Item.Draft != "" {
		d, err := a.st.DraftView(ctx, v, view.Item.Draft)
		switch secretariat.ErrorCode(err) {
		case "":
			p.Draft = d
		case secretariat.ENOTFOUND:
		default:
			return err
		}
	}
	if p.Sources, err = a.sources(ctx, view.Item.Sources); err != nil {
		return err
	}
	if !view.Item.Decided() {
		o, nonInterest, err := a.preview(ctx, &view.Item, view.Grid)
		if err != nil {
			return err
		}
		p.NonInterest = nonInterest
		if b.CanWrite() {
			p.Preview = o
		}
	}
	return a.render(w, r, http.StatusOK, "item.html", p)
}

// preview runs the rule engine on the positions recorded so far: what deciding the
// item now would give. It also reports whether the rule allows declaring non-interest.
func (a *App) preview(ctx context.Context, it *secretariat.AgendaItem, grid []store.GridRow) (*secretariat.Outcome, bool, error) {
	d, err := a.directory(ctx)
	if err != nil {
		return nil, false, err
	}
	body, ok := d.bodies[it.Body]
	if !ok {
		return nil, false, nil
	}
	rule, err := body.RuleOn(it.Date)
	if err != nil {
		return nil, false, nil // no rule on the date: the item cannot be decided, DecideItem says why
	}
	var members []string
	for id, st := range d.states {
		if st.StandingOn(it.Date) == secretariat.StandingMember {
			members = append(members, id)
		}
	}
	stances := map[string]secretariat.Stance{}
	for _, row := range grid {
		if row.Recorded {
			stances[row.State] = row.Stance
		}
	}
	o := secretariat.Adopt(rule, it.Kind, members, stances)
	return &o, rule.For(it.Kind).Method == secretariat.ConsensusLimited, nil
}

// WentAction is what the later body did with an item ("forwarded"), from the store's
// "then forwarded as".
func WentAction(s string) string {
	return strings.TrimSuffix(strings.TrimPrefix(s, "then "), " as")
}

// Explain is the outcome's reasoning in the reader's language.
func (b *Base) Explain(o *secretariat.Outcome) string {
	if o == nil {
		return ""
	}
	return o.Explain(b.Lang)
}

// Method names a procedure of decision in the reader's language.
func (b *Base) Method(p secretariat.Procedure) string {
	s := b.Label("method", p.Method)
	if p.Method == secretariat.QualifiedMajority {
		s += " " + p.Majority.String()
	}
	if p.OfAllMembers {
		s += b.T(", of all members")
	}
	return s
}
