package store

import (
	"context"
	"slices"

	"secretariat"
	"secretariat/internal/textdiff"
)

// GridRow is one member's place in an item's positions grid.
type GridRow struct {
	State       string             `json:"state"`
	Name        secretariat.Text   `json:"name"`
	Stance      secretariat.Stance `json:"stance"`
	Reservation secretariat.Text   `json:"reservation,omitzero"`
	// Recorded is false for a member with no recorded position (counted as absent).
	Recorded bool `json:"recorded"`
	// Member is false for a state whose position was recorded but which was not a
	// member on the date: its position does not count.
	Member bool `json:"member"`
	// Illustrative marks a position no source gives.
	Illustrative bool `json:"illustrative,omitempty"`
}

// LineageLink is an item on the other side of a lineage step.
type LineageLink struct {
	Item   string           `json:"item"`
	Body   string           `json:"body"`
	Date   string           `json:"date"`
	Action string           `json:"action"`
	Title  secretariat.Text `json:"title,omitzero"`
}

// ItemView is an agenda item with its outcome explained, the positions grid, the
// decision it became, and its lineage both ways.
type ItemView struct {
	Item        secretariat.AgendaItem `json:"item"`
	Explanation secretariat.Text       `json:"explanation,omitzero"`
	Grid        []GridRow              `json:"positions"`
	Decision    *secretariat.Decision  `json:"decision,omitempty"`
	// CameFrom is the lineage the item records: the bodies that agreed or forwarded it.
	CameFrom []secretariat.LineageStep `json:"came_from,omitempty"`
	// WentTo lists the later items whose lineage names this one.
	WentTo []LineageLink `json:"went_to,omitempty"`
}

// ItemView builds an item's view, as the viewer may see it.
func (s *Store) ItemView(ctx context.Context, v secretariat.Viewer, id string) (*ItemView, error) {
	it, err := FindByID[secretariat.AgendaItem](ctx, s, v, id)
	if err != nil {
		return nil, err
	}
	lineage, err := s.VisibleLineage(ctx, v, it.Lineage)
	if err != nil {
		return nil, err
	}
	it.Lineage = lineage
	out := &ItemView{Item: *it, CameFrom: lineage}
	if it.Outcome != nil {
		out.Explanation = secretariat.Text{EN: it.Outcome.Explain(secretariat.EN), RU: it.Outcome.Explain(secretariat.RU), Authentic: secretariat.RU}
	}
	if out.Grid, err = s.grid(ctx, v, it); err != nil {
		return nil, err
	}
	decisions, _, err := FindAll[secretariat.Decision](ctx, s, v, Where("item", id))
	if err != nil {
		return nil, err
	}
	if len(decisions) > 0 {
		out.Decision = &decisions[0]
	}
	out.WentTo, err = s.wentTo(ctx, v, id)
	return out, err
}

// VisibleLineage returns the steps of a lineage with the items the viewer may not see
// left out: the step (a body agreed the draft on a date) stays, the restricted item's ID
// does not.
func (s *Store) VisibleLineage(ctx context.Context, v secretariat.Viewer, steps []secretariat.LineageStep) ([]secretariat.LineageStep, error) {
	out := slices.Clone(steps)
	for i, st := range out {
		if st.Item == "" {
			continue
		}
		if _, err := s.getRaw(ctx, v, "item", st.Item); secretariat.ErrorCode(err) == secretariat.ENOTFOUND {
			out[i].Item = ""
		} else if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// grid lists every member on the item's date with its stance, and any recorded position
// of a state that was not a member.
func (s *Store) grid(ctx context.Context, v secretariat.Viewer, it *secretariat.AgendaItem) ([]GridRow, error) {
	positions, _, err := FindAll[secretariat.Position](ctx, s, v, Where("item", it.ID))
	if err != nil {
		return nil, err
	}
	byState := map[string]secretariat.Position{}
	for _, p := range positions {
		byState[p.State] = p
	}
	states, _, err := FindAll[secretariat.MemberState](ctx, s, v, Filter{})
	if err != nil {
		return nil, err
	}
	body, err := FindByID[secretariat.Body](ctx, s, v, it.Body)
	if err != nil {
		return nil, err
	}
	var rows []GridRow
	for _, st := range states {
		p, recorded := byState[st.ID]
		member := st.StandingIn(body, it.Date) == secretariat.StandingMember
		if !member && !recorded {
			continue
		}
		row := GridRow{State: st.ID, Name: st.Name, Stance: secretariat.Absent, Recorded: recorded, Member: member}
		if recorded {
			row.Stance, row.Reservation, row.Illustrative = p.Stance, p.Reservation, p.Illustrative
		}
		rows = append(rows, row)
	}
	return rows, nil
}

// wentTo finds the items whose lineage names item id.
func (s *Store) wentTo(ctx context.Context, v secretariat.Viewer, id string) ([]LineageLink, error) {
	docs, err := s.referring(ctx, v, "item", id, "item", "lineage[")
	if err != nil {
		return nil, err
	}
	var out []LineageLink
	for _, doc := range docs {
		var later secretariat.AgendaItem
		if err := decodeDoc("item", "", doc, &later); err != nil {
			return nil, err
		}
		action := "considered"
		for _, step := range later.Lineage {
			if step.Item == id {
				action = step.Action
			}
		}
		out = append(out, LineageLink{Item: later.ID, Body: later.Body, Date: later.Date.String(), Action: "then " + action + " as", Title: later.Title})
	}
	return out, nil
}

// DecisionView is a decision with the item it came from: the outcome explained and the
// positions grid.
type DecisionView struct {
	Decision    secretariat.Decision      `json:"decision"`
	Outcome     *secretariat.Outcome      `json:"outcome,omitempty"`
	Explanation secretariat.Text          `json:"explanation,omitzero"`
	Grid        []GridRow                 `json:"positions"`
	CameFrom    []secretariat.LineageStep `json:"came_from,omitempty"`
}

// DecisionView builds a decision's view. A viewer who may see the decision but not its
// item still sees the decision.
func (s *Store) DecisionView(ctx context.Context, v secretariat.Viewer, id string) (*DecisionView, error) {
	d, err := FindByID[secretariat.Decision](ctx, s, v, id)
	if err != nil {
		return nil, err
	}
	out := &DecisionView{Decision: *d}
	iv, err := s.ItemView(ctx, v, d.Item)
	switch secretariat.ErrorCode(err) {
	case "":
		out.Outcome, out.Explanation, out.Grid, out.CameFrom = iv.Item.Outcome, iv.Explanation, iv.Grid, iv.CameFrom
	case secretariat.ENOTFOUND:
	default:
		return nil, err
	}
	return out, nil
}

// VersionDiff is the word-level difference between two versions of a draft.
type VersionDiff struct {
	From     int      `json:"from"`
	To       int      `json:"to"`
	Inserted int      `json:"words_inserted"`
	Deleted  int      `json:"words_deleted"`
	Marked   string   `json:"marked"`
	Ops      []DiffOp `json:"ops"`
}

// DiffOp is one run of a word-level diff: equal, insert or delete.
type DiffOp struct {
	Op   string `json:"op"`
	Text string `json:"text"`
}

// DraftView is a draft with the difference each version made to the one before.
type DraftView struct {
	Draft secretariat.Draft `json:"draft"`
	Diffs []VersionDiff     `json:"diffs,omitempty"`
	// UsedBy lists the agenda items that consider the draft.
	UsedBy []string `json:"used_by,omitempty"`
}

// DraftView builds a draft's view.
func (s *Store) DraftView(ctx context.Context, v secretariat.Viewer, id string) (*DraftView, error) {
	d, err := FindByID[secretariat.Draft](ctx, s, v, id)
	if err != nil {
		return nil, err
	}
	out := &DraftView{Draft: *d}
	for i := 1; i < len(d.Versions); i++ {
		out.Diffs = append(out.Diffs, DiffVersions(&d.Versions[i-1], &d.Versions[i]))
	}
	items, _, err := FindAll[secretariat.AgendaItem](ctx, s, v, Where("draft", id))
	if err != nil {
		return nil, err
	}
	for _, it := range items {
		out.UsedBy = append(out.UsedBy, it.ID)
	}
	slices.Sort(out.UsedBy)
	return out, nil
}

// DraftDiff compares two versions of a draft.
func (s *Store) DraftDiff(ctx context.Context, v secretariat.Viewer, id string, from, to int) (VersionDiff, error) {
	d, err := FindByID[secretariat.Draft](ctx, s, v, id)
	if err != nil {
		return VersionDiff{}, err
	}
	a, err := d.Version(from)
	if err != nil {
		return VersionDiff{}, err
	}
	b, err := d.Version(to)
	if err != nil {
		return VersionDiff{}, err
	}
	return DiffVersions(a, b), nil
}

// DiffVersions is the word-level diff of two versions' authentic texts.
func DiffVersions(a, b *secretariat.DraftVersion) VersionDiff {
	ops := textdiff.Words(a.Text, b.Text)
	out := VersionDiff{From: a.N, To: b.N, Marked: textdiff.Marked(ops)}
	out.Inserted, out.Deleted = textdiff.Stats(ops)
	for _, op := range ops {
		out.Ops = append(out.Ops, DiffOp{Op: op.Kind.String(), Text: op.Text})
	}
	return out
}
