package store

import (
	"context"
	"fmt"

	"secretariat"
)

// RollCallVote is one state's recorded vote in a roll call.
type RollCallVote struct {
	State  string
	Stance secretariat.Stance
}

// RollCall is a recorded vote to import: one agenda item of a body's session on a
// date, with every state's vote.
type RollCall struct {
	// ID of the agenda item the roll call becomes.
	ID    string
	Body  string
	Date  secretariat.Date
	Title secretariat.Text
	Kind  secretariat.ItemKind
	Votes []RollCallVote
	secretariat.Provenance
}

// ImportRollCall records a roll call as one verb: the session of the body on that date
// (made if new), the agenda item, each state's position, and the outcome the body's rule
// gives. A roll call already in the record is refused: the import is not idempotent,
// and says so.
func (s *Store) ImportRollCall(ctx context.Context, rc RollCall) (Entry, error) {
	return s.run(ctx, "ImportRollCall", func(tx *Tx) error {
		exists, err := tx.Exists("item", rc.ID)
		if err != nil {
			return err
		}
		if exists {
			return secretariat.Errorf(secretariat.ECONFLICT, "roll call %s is already in the record (item %s)", rc.ID, rc.ID)
		}
		body, err := tx.body(rc.Body)
		if err != nil {
			return err
		}
		rule, err := body.RuleOn(rc.Date)
		if err != nil {
			return err
		}
		states, err := tx.states()
		if err != nil {
			return err
		}
		stances := make(map[string]secretariat.Stance, len(rc.Votes))
		for _, v := range rc.Votes {
			st, ok := states[v.State]
			if !ok {
				return secretariat.Errorf(secretariat.ENOTFOUND, "roll call %s: there is no state %s in the record", rc.ID, v.State)
			}
			if err := memberError(st, body, rc.Date, "state"); err != nil {
				return secretariat.Errorf(secretariat.EINVALID, "roll call %s: %s", rc.ID, secretariat.ErrorMessage(err))
			}
			if err := rule.Allows(rc.Kind, v.Stance); err != nil {
				return secretariat.Errorf(secretariat.EINVALID, "roll call %s: %s: %s (%s)", rc.ID, v.State, secretariat.ErrorMessage(err), rc.Body)
			}
			if _, dup := stances[v.State]; dup {
				return secretariat.Errorf(secretariat.EINVALID, "roll call %s: %s voted twice", rc.ID, v.State)
			}
			stances[v.State] = v.Stance
		}
		sessionID := fmt.Sprintf("%s-%s", rc.Body, rc.Date)
		known, err := tx.Exists("session", sessionID)
		if err != nil {
			return err
		}
		if !known {
			if err := tx.InsertNew(&secretariat.Session{ID: sessionID, Body: rc.Body, Date: rc.Date, Kind: secretariat.Regular}); err != nil {
				return err
			}
		}
		var number int
		if err := tx.scanRow(`SELECT coalesce(max(number), 0) + 1 FROM item WHERE session = ?`, []any{sessionID}, &number); err != nil {
			return classify(err, "numbering the roll call")
		}
		members, err := tx.membersOn(rc.Body, rc.Date)
		if err != nil {
			return err
		}
		o := secretariat.Adopt(rule, rc.Kind, members, stances)
		o.DecidedOn = rc.Date
		it := &secretariat.AgendaItem{ID: rc.ID, Session: sessionID, Body: rc.Body, Date: rc.Date, Number: number,
			Title: rc.Title, Kind: rc.Kind, Outcome: &o, Provenance: rc.Provenance}
		tx.Primary("item", it.ID)
		if err := tx.InsertNew(it); err != nil {
			return err
		}
		for _, v := range rc.Votes {
			p := &secretariat.Position{ID: secretariat.PositionID(it.ID, v.State), Item: it.ID, State: v.State, Stance: v.Stance}
			if err := tx.InsertNew(p); err != nil {
				return err
			}
		}
		return nil
	})
}
