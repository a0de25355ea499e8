package store

import (
	"context"
	"sort"

	"secretariat"
)

// Period bounds a query by date; a zero bound is open.
type Period struct {
	From, To secretariat.Date
}

func (p Period) bounds() (string, string) {
	from, to := "0000-01-01", "9999-12-31"
	if !p.From.IsZero() {
		from = p.From.String()
	}
	if !p.To.IsZero() {
		to = p.To.String()
	}
	return from, to
}

// VoteLine is one of a state's positions, with the item it was taken on.
type VoteLine struct {
	Item   string             `json:"item"`
	Date   string             `json:"date"`
	Body   string             `json:"body"`
	Title  string             `json:"title"`
	Stance secretariat.Stance `json:"stance"`
	Result string             `json:"result,omitempty"`
}

// VotingRecord is a state's positions over a period, with counts per stance.
type VotingRecord struct {
	State  string                     `json:"state"`
	Counts map[secretariat.Stance]int `json:"counts"`
	Votes  []VoteLine                 `json:"votes"`
}

// VotingRecord returns a state's positions in date order, those the viewer may see.
func (s *Store) VotingRecord(ctx context.Context, v secretariat.Viewer, state string, p Period) (*VotingRecord, error) {
	if _, err := s.getRaw(ctx, v, "state", state); err != nil {
		return nil, err
	}
	from, to := p.bounds()
	clause, args := s.accessClause(v, "p")
	rows, err := s.rd(ctx).QueryContext(ctx, `SELECT p.item, i.date, i.body, coalesce(i.title, ''), p.stance, coalesce(i.result, '')
		FROM `+s.tbl("position")+` p JOIN `+s.tbl("item")+` i ON i.id = p.item
		WHERE p.state = ? AND i.date BETWEEN ? AND ? AND `+clause+`
		ORDER BY i.date, i.session, i.number`, append([]any{state, from, to}, args...)...)
	if err != nil {
		return nil, classify(err, "reading the voting record of "+state)
	}
	defer rows.Close()
	rec := &VotingRecord{State: state, Counts: map[secretariat.Stance]int{}, Votes: []VoteLine{}}
	for rows.Next() {
		var l VoteLine
		if err := rows.Scan(&l.Item, &l.Date, &l.Body, &l.Title, &l.Stance, &l.Result); err != nil {
			return nil, classify(err, "reading the voting record of "+state)
		}
		rec.Counts[l.Stance]++
		rec.Votes = append(rec.Votes, l)
	}
	return rec, classify(rows.Err(), "reading the voting record of "+state)
}

// Agreement is how often two states took the same position, over the items on which
// both took part (joined, with or without a reservation, abstained or objected).
type Agreement struct {
	A         string  `json:"a"`
	B         string  `json:"b"`
	Together  int     `json:"both_took_part"`
	Agreed    int     `json:"agreed"`
	Share     float64 `json:"share"`
	Disagreed []struct {
		Item string             `json:"item"`
		A    secretariat.Stance `json:"a"`
		B    secretariat.Stance `json:"b"`
	} `json:"disagreed,omitempty"`
}

// tookPart reports whether a stance is taking part in a vote: absence and declared
// non-interest are not.
func tookPart(s secretariat.Stance) bool {
	return s != secretariat.Absent && s != secretariat.NonInterest
}

// sameSide treats joining with a reservation as joining.
func sameSide(a, b secretariat.Stance) bool {
	norm := func(s secretariat.Stance) secretariat.Stance {
		if s == secretariat.JoinsWithReservation {
			return secretariat.Joins
		}
		return s
	}
	return norm(a) == norm(b)
}

// Agreement measures agreement between two states over a period.
func (s *Store) Agreement(ctx context.Context, v secretariat.Viewer, a, b string, p Period) (*Agreement, error) {
	for _, st := range []string{a, b} {
		if _, err := s.getRaw(ctx, v, "state", st); err != nil {
			return nil, err
		}
	}
	from, to := p.bounds()
	ca, args := s.accessClause(v, "pa")
	rows, err := s.rd(ctx).QueryContext(ctx, `SELECT pa.item, pa.stance, pb.stance
		FROM `+s.tbl("position")+` pa JOIN `+s.tbl("position")+` pb ON pb.item = pa.item AND pb.state = ?
		JOIN `+s.tbl("item")+` i ON i.id = pa.item
		WHERE pa.state = ? AND i.date BETWEEN ? AND ? AND `+ca+`
		ORDER BY i.date, i.session, i.number`, append([]any{b, a, from, to}, args...)...)
	if err != nil {
		return nil, classify(err, "comparing "+a+" and "+b)
	}
	defer rows.Close()
	out := &Agreement{A: a, B: b}
	for rows.Next() {
		var item string
		var sa, sb secretariat.Stance
		if err := rows.Scan(&item, &sa, &sb); err != nil {
			return nil, classify(err, "comparing "+a+" and "+b)
		}
		if !tookPart(sa) || !tookPart(sb) {
			continue
		}
		out.Together++
		if sameSide(sa, sb) {
			out.Agreed++
		} else if len(out.Disagreed) < 1000 {
			out.Disagreed = append(out.Disagreed, struct {
				Item string             `json:"item"`
				A    secretariat.Stance `json:"a"`
				B    secretariat.Stance `json:"b"`
			}{item, sa, sb})
		}
	}
	if out.Together > 0 {
		out.Share = float64(out.Agreed) / float64(out.Together)
	}
	return out, classify(rows.Err(), "comparing "+a+" and "+b)
}

// BlockedItem is an item that was not adopted, and who blocked it.
type BlockedItem struct {
	Item     string   `json:"item"`
	Date     string   `json:"date"`
	Body     string   `json:"body"`
	Title    string   `json:"title"`
	Reason   string   `json:"reason"`
	Blockers []string `json:"blockers"`
}

// BlockedItems lists the items not adopted in a period (of one body, when given), with
// who blocked each, and how often each state blocked.
func (s *Store) BlockedItems(ctx context.Context, v secretariat.Viewer, body string, p Period) ([]BlockedItem, map[string]int, error) {
	from, to := p.bounds()
	filter := Filter{Where: []Cond{{Field: "outcome.result", Value: string(secretariat.NotAdopted)}}}
	if body != "" {
		filter.Where = append(filter.Where, Cond{Field: "body", Value: body})
	}
	items, _, err := FindAll[secretariat.AgendaItem](ctx, s, v, filter)
	if err != nil {
		return nil, nil, err
	}
	var out []BlockedItem
	by := map[string]int{}
	for _, it := range items {
		if d := it.Date.String(); d < from || d > to {
			continue
		}
		out = append(out, BlockedItem{Item: it.ID, Date: it.Date.String(), Body: it.Body, Title: it.Title.In(secretariat.EN),
			Reason: it.Outcome.Reason, Blockers: it.Outcome.Blockers})
		for _, b := range it.Outcome.Blockers {
			by[b]++
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Date < out[j].Date })
	return out, by, nil
}
