package ui

import (
	"net/http"
	"slices"

	"secretariat"
	"secretariat/internal/store"
)

// BodiesPage lists the bodies of the organization.
type BodiesPage struct {
	*Base
	Bodies []secretariat.Body
}

func (a *App) bodies(w http.ResponseWriter, r *http.Request) error {
	b, err := a.base(r, "", "states")
	if err != nil {
		return err
	}
	b.Title = b.T("Bodies")
	p := &BodiesPage{Base: b}
	for _, x := range b.dir.bodies {
		p.Bodies = append(p.Bodies, x)
	}
	order := []secretariat.BodyKind{secretariat.BodySupreme, secretariat.BodyCouncil, secretariat.BodyCommittee, secretariat.BodyPermanent,
		secretariat.BodyJoint, secretariat.BodySecretariat, secretariat.BodyStaff, secretariat.BodyAssembly, secretariat.BodyWorkingGroup, secretariat.BodyExternal}
	slices.SortFunc(p.Bodies, func(x, y secretariat.Body) int {
		if d := slices.Index(order, x.Kind) - slices.Index(order, y.Kind); d != 0 {
			return d
		}
		return b.compare(x.Name.In(b.Lang), y.Name.In(b.Lang))
	})
	return a.render(w, r, http.StatusOK, "bodies.html", p)
}

// BodyPage is a body: its rules of decision over time, its rotation, its latest
// sessions and its chairs.
type BodyPage struct {
	*Base
	Body     secretariat.Body
	Sessions []SessionLine
	Total    int
	Chairs   []secretariat.Chairmanship
	Children []secretariat.Body
	Sources  []secretariat.Source
}

func (a *App) body(w http.ResponseWriter, r *http.Request) error {
	ctx, v, id := r.Context(), viewer(r), r.PathValue("id")
	x, err := store.FindByID[secretariat.Body](ctx, a.st, v, id)
	if err != nil {
		return err
	}
	b, err := a.base(r, "", "states")
	if err != nil {
		return err
	}
	b.Title = x.Name.In(b.Lang)
	p := &BodyPage{Base: b, Body: *x}
	sessions, total, err := a.st.FindSessions(ctx, store.SessionFilter{Body: id, Latest: true, Limit: 10})
	if err != nil {
		return err
	}
	p.Total = total
	if p.Sessions, err = a.sessionLines(r, sessions); err != nil {
		return err
	}
	if p.Chairs, _, err = store.FindAll[secretariat.Chairmanship](ctx, a.st, v, store.Where("body", id)); err != nil {
		return err
	}
	for _, c := range b.dir.bodies {
		if c.Parent == id {
			p.Children = append(p.Children, c)
		}
	}
	var srcs []string
	srcs = append(srcs, x.Sources...)
	for _, rule := range x.Rules {
		srcs = append(srcs, rule.Sources...)
	}
	if p.Sources, err = a.sources(ctx, srcs); err != nil {
		return err
	}
	return a.render(w, r, http.StatusOK, "body.html", p)
}
