package store

import (
	"context"
	"sort"
	"time"

	"secretariat"
)

// DigestChange is one journal entry of the digest's window.
type DigestChange struct {
	Seq  int64  `json:"seq"`
	At   string `json:"at"`
	Verb string `json:"verb"`
	Kind string `json:"kind"`
	ID   string `json:"id"`
	// Status is a task's status after the change.
	Status secretariat.TaskStatus `json:"status,omitempty"`
}

// PartyDigest is what concerns one responsible party.
type PartyDigest struct {
	Party string `json:"party"`
	// Name is the record's name of the body or state; zero for the secretariat and for
	// all states, which the presenting packages name in the reader's language.
	Name     secretariat.Text `json:"name,omitzero"`
	FallsDue []TaskLine       `json:"falls_due"`
	Overdue  []TaskLine       `json:"overdue"`
	Changed  []DigestChange   `json:"changed"`
}

// Digest is what falls due, what is overdue and what changed, by responsible party.
type Digest struct {
	On            string        `json:"on"`
	DueWithinDays int           `json:"due_within_days"`
	ChangedDays   int           `json:"changed_within_days"`
	Parties       []PartyDigest `json:"parties"`
}

// Digest builds the digest of the record on date on: tasks due within dueDays after it,
// tasks overdue on it, and the changes of the changedDays before it (the entries of the
// journal dated after the start of that window). Read it from a store as of the date.
func (s *Store) Digest(ctx context.Context, v secretariat.Viewer, on secretariat.Date, dueDays, changedDays int) (*Digest, error) {
	d := &Digest{On: on.String(), DueWithinDays: dueDays, ChangedDays: changedDays}
	byParty := map[string]*PartyDigest{}
	party := func(p string) *PartyDigest {
		if byParty[p] == nil {
			byParty[p] = &PartyDigest{Party: p, Name: s.partyName(ctx, v, p), FallsDue: []TaskLine{}, Overdue: []TaskLine{}, Changed: []DigestChange{}}
		}
		return byParty[p]
	}
	open, err := s.OpenTasks(ctx, v, "", on)
	if err != nil {
		return nil, err
	}
	horizon := on.AddDays(dueDays)
	for _, l := range open {
		for _, p := range l.Responsible {
			switch {
			case l.Overdue:
				party(p).Overdue = append(party(p).Overdue, l)
			case l.Due != "" && l.Due > on.String() && l.Due <= horizon.String() && l.Status.Open():
				party(p).FallsDue = append(party(p).FallsDue, l)
			}
		}
	}
	since := on.AddDays(-changedDays + 1).Time()
	err = s.Entries(ctx, 1, func(e Entry) error {
		if e.At.Before(since) || !e.At.Before(on.EndTime()) {
			return nil
		}
		changes, err := e.Changes()
		if err != nil {
			return err
		}
		for _, c := range changes {
			if c.Kind != "task" {
				continue
			}
			// What the entry changed is shown only if the viewer may still see the task.
			t, err := FindByID[secretariat.Task](ctx, s, v, c.ID)
			if secretariat.ErrorCode(err) == secretariat.ENOTFOUND {
				continue
			}
			if err != nil {
				return err
			}
			var after secretariat.Task
			if err := decodeDoc("task", c.ID, c.Doc, &after); err != nil {
				return err
			}
			for _, p := range t.Responsible.Parties() {
				party(p).Changed = append(party(p).Changed, DigestChange{Seq: e.Seq, At: e.At.Format(time.RFC3339), Verb: e.Verb,
					Kind: c.Kind, ID: c.ID, Status: after.Status})
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	for _, p := range byParty {
		if len(p.FallsDue)+len(p.Overdue)+len(p.Changed) > 0 {
			d.Parties = append(d.Parties, *p)
		}
	}
	sort.Slice(d.Parties, func(i, j int) bool { return d.Parties[i].Party < d.Parties[j].Party })
	if d.Parties == nil {
		d.Parties = []PartyDigest{}
	}
	return d, nil
}

// partyName returns the record's name of a responsible party that is a body or a state.
func (s *Store) partyName(ctx context.Context, v secretariat.Viewer, party string) secretariat.Text {
	if b, err := FindByID[secretariat.Body](ctx, s, v, party); err == nil {
		return b.Name
	}
	if st, err := FindByID[secretariat.MemberState](ctx, s, v, party); err == nil {
		return st.Name
	}
	return secretariat.Text{}
}
