package store

import (
	"context"
	"errors"
	"strings"
	"testing"

	"secretariat"
)

// A withdrawal ends the organization's membership, whatever order the periods were
// recorded in, and with it every period still running in a body with its own members:
// it was once the first open membership found, which could be a body's.
func TestWithdrawalEndsTheOrganizationsMembershipAndEveryOpenPeriod(t *testing.T) {
	st, _ := newStore(t)
	ctx := context.Background()
	d := secretariat.MustDate
	_, err := st.RegisterBody(ctx, secretariat.Body{ID: "club", Kind: secretariat.BodySupreme, Name: secretariat.T("Клуб", "Club"), OwnMembers: true,
		Rules: []secretariat.DecisionRule{{From: d("2000-01-01"), Substantive: secretariat.Procedure{Method: secretariat.ConsensusLimited},
			Procedural: secretariat.Procedure{Method: secretariat.SimpleMajority}}}})
	check(t, err)
	// The body's period comes first, as a state admitted to a body and to the
	// organization in that order would hold them.
	_, err = st.AdmitState(ctx, secretariat.MemberState{ID: "WD", Name: secretariat.T("Уходящий", "Leaving"),
		Memberships: []secretariat.MembershipPeriod{
			{Body: "club", Status: secretariat.StandingMember, From: d("2005-01-01")},
			{Status: secretariat.StandingMember, From: d("2000-01-01")},
			{Status: secretariat.StandingSuspended, From: d("2019-01-01")}}})
	check(t, err)
	club := &secretariat.Body{ID: "club", OwnMembers: true}

	// A last day before a running period began is refused, and nothing is written.
	_, err = st.RecordMembership(ctx, "WD", secretariat.MembershipPeriod{}, d("2018-06-30"))
	var se *secretariat.Error
	if !errors.As(err, &se) || se.Code != secretariat.ECONFLICT || !strings.Contains(err.Error(), "begins on 2019-01-01") {
		t.Fatalf("a last day before the suspension began: got %v, want a conflict naming the suspension's first day", err)
	}
	st0 := must[*secretariat.MemberState](t)(FindByID[secretariat.MemberState](ctx, st, secretariat.Secretariat, "WD"))
	for _, p := range st0.Memberships {
		if !p.Until.IsZero() {
			t.Fatalf("a refused withdrawal changed the state: %+v", st0.Memberships)
		}
	}

	check(t, errOnly(st.RecordMembership(ctx, "WD", secretariat.MembershipPeriod{}, d("2020-01-31"))))
	got := must[*secretariat.MemberState](t)(FindByID[secretariat.MemberState](ctx, st, secretariat.Secretariat, "WD"))
	for _, p := range got.Memberships {
		if p.Until != d("2020-01-31") {
			t.Errorf("period %+v still runs after the withdrawal on 2020-01-31", p)
		}
	}
	if s := got.StandingOn(d("2020-01-31")); s != secretariat.StandingSuspended {
		t.Errorf("standing on the last day = %s, want suspended (the suspension ran to it)", s)
	}
	if s := got.StandingOn(d("2020-02-01")); s != secretariat.StandingNone {
		t.Errorf("standing in the organization the day after = %s, want not_member", s)
	}
	if s := got.StandingIn(club, d("2020-02-01")); s != secretariat.StandingNone {
		t.Errorf("standing in the club the day after = %s, want not_member", s)
	}

	// Once out, there is nothing to withdraw from.
	_, err = st.RecordMembership(ctx, "WD", secretariat.MembershipPeriod{}, d("2021-01-01"))
	if !errors.As(err, &se) || se.Code != secretariat.ECONFLICT || !strings.Contains(err.Error(), "no open membership of the organization") {
		t.Fatalf("a second withdrawal: got %v, want a conflict", err)
	}
}

// errOnly drops a verb's entry, keeping its error.
func errOnly(_ Entry, err error) error { return err }
