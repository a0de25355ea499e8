package store

import (
	"context"
	"slices"

	"secretariat"
)

// create is the verb that adds one new record after the caller's checks.
func (s *Store) create(ctx context.Context, verb string, r secretariat.Record) (Entry, error) {
	return s.run(ctx, verb, func(tx *Tx) error { return tx.Insert(r) })
}

// FoundOrganization records the organization the installation keeps the record of.
func (s *Store) FoundOrganization(ctx context.Context, o secretariat.Organization) (Entry, error) {
	return s.create(ctx, "FoundOrganization", &o)
}

// RegisterSource adds a source that facts can cite.
func (s *Store) RegisterSource(ctx context.Context, src secretariat.Source) (Entry, error) {
	return s.create(ctx, "RegisterSource", &src)
}

// AdmitState adds a member state with its membership periods.
func (s *Store) AdmitState(ctx context.Context, st secretariat.MemberState) (Entry, error) {
	return s.create(ctx, "AdmitState", &st)
}

// RecordMembership adds a period to a state's membership: a suspension, a withdrawal
// (closing the open membership on the given last day), or a readmission.
//
// A withdrawal is from the organization: it ends the organization's open membership and,
// on the same day, every period still running in a body with its own members and every
// open suspension, since a state that has left the organization sits in none of its
// bodies. Periods that begin after the last day are refused rather than cut.
func (s *Store) RecordMembership(ctx context.Context, stateID string, change secretariat.MembershipPeriod, withdrawOn secretariat.Date) (Entry, error) {
	return s.run(ctx, "RecordMembership", func(tx *Tx) error {
		var st secretariat.MemberState
		if err := tx.Get("state", stateID, &st); err != nil {
			return err
		}
		if !withdrawOn.IsZero() {
			if err := withdraw(&st, withdrawOn); err != nil {
				return err
			}
		}
		if !change.From.IsZero() {
			st.Memberships = append(st.Memberships, change)
		}
		return tx.Put(&st)
	})
}

// withdraw ends the state's open periods on last, the organization's membership among
// them.
func withdraw(st *secretariat.MemberState, last secretariat.Date) error {
	open := slices.IndexFunc(st.Memberships, func(p secretariat.MembershipPeriod) bool {
		return p.Body == "" && p.Status == secretariat.StandingMember && p.Until.IsZero()
	})
	if open < 0 {
		return secretariat.Errorf(secretariat.ECONFLICT, "%s has no open membership of the organization to end", st.ID)
	}
	for i, p := range st.Memberships {
		if !p.Until.IsZero() {
			continue
		}
		if last.Before(p.From) {
			where := "the organization"
			if p.Body != "" {
				where = "body " + p.Body
			}
			return secretariat.Errorf(secretariat.ECONFLICT, "%s's %s period in %s begins on %s, after the withdrawal's last day %s: give a later last day", st.ID, p.Status, where, p.From, last)
		}
		st.Memberships[i].Until = last
	}
	return nil
}

// RegisterBody adds a body with its rules.
func (s *Store) RegisterBody(ctx context.Context, b secretariat.Body) (Entry, error) {
	return s.create(ctx, "RegisterBody", &b)
}

// SetDecisionRule adds a rule to a body, in force from rule.From. Rules are kept over
// time: a session is decided by the rule in force on its date.
func (s *Store) SetDecisionRule(ctx context.Context, bodyID string, rule secretariat.DecisionRule) (Entry, error) {
	return s.run(ctx, "SetDecisionRule", func(tx *Tx) error {
		var b secretariat.Body
		if err := tx.Get("body", bodyID, &b); err != nil {
			return err
		}
		if slices.ContainsFunc(b.Rules, func(r secretariat.DecisionRule) bool { return r.From == rule.From }) {
			return secretariat.Errorf(secretariat.ECONFLICT, "body %s already has a rule from %s; a rule in force is never rewritten, add one from a later date", bodyID, rule.From)
		}
		b.Rules = append(b.Rules, rule)
		slices.SortFunc(b.Rules, func(a, c secretariat.DecisionRule) int { return a.From.Compare(c.From) })
		return tx.Put(&b)
	})
}

// Publish adds a publication.
func (s *Store) Publish(ctx context.Context, p secretariat.Publication) (Entry, error) {
	return s.create(ctx, "Publish", &p)
}
