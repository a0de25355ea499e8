package store

import (
	"context"
	"secretariat/internal/testkit"
	"testing"
	"time"

	"secretariat"
)

// testClock is a clock tests move by hand.
type testClock struct{ t time.Time }

func (c *testClock) now() time.Time { return c.t }

func (c *testClock) set(day string) { c.t = secretariat.MustDate(day).Time().Add(12 * time.Hour) }

// newStore opens a fresh record in a temporary directory, on a clock the test controls.
func newStore(t testing.TB) (*Store, *testClock) {
	t.Helper()
	clock := &testClock{}
	clock.set("2019-01-01")
	st, err := Open(context.Background(), testkit.RecordPath(t, "test.db", prepareRecord), Options{Create: true, Clock: clock.now, Actor: "test"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st, clock
}

func must[T any](t testing.TB) func(T, error) T {
	return func(v T, err error) T {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
}

func check(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// seedMembers sets up states A1…An as members from 2000, and a body "council" deciding
// substantive items by consensus with non-interest, procedural ones by simple majority.
func seedMembers(t testing.TB, st *Store, states ...string) {
	t.Helper()
	ctx := context.Background()
	for _, id := range states {
		_, err := st.AdmitState(ctx, secretariat.MemberState{ID: id, Name: secretariat.T("Государство "+id, "State "+id),
			Memberships: []secretariat.MembershipPeriod{{Status: secretariat.StandingMember, From: secretariat.MustDate("2000-01-01")}}})
		check(t, err)
	}
	_, err := st.RegisterBody(ctx, secretariat.Body{ID: "council", Kind: secretariat.BodySupreme, Name: secretariat.T("Совет", "Council"),
		Rotation: secretariat.Rotation{Order: secretariat.RotationRussianAlphabetical},
		Rules: []secretariat.DecisionRule{{From: secretariat.MustDate("2000-01-01"),
			Substantive: secretariat.Procedure{Method: secretariat.ConsensusLimited},
			Procedural:  secretariat.Procedure{Method: secretariat.SimpleMajority}}}})
	check(t, err)
}

// session adds a session of the council on date with n substantive items.
func session(t testing.TB, st *Store, id, date string, n int) {
	t.Helper()
	ctx := context.Background()
	_, err := st.ScheduleSession(ctx, secretariat.Session{ID: id, Body: "council", Date: secretariat.MustDate(date), Kind: secretariat.Regular})
	check(t, err)
	for i := 1; i <= n; i++ {
		_, err := st.AddAgendaItem(ctx, secretariat.AgendaItem{Session: id, Title: secretariat.T("Вопрос", "Question"), Kind: secretariat.Substantive})
		check(t, err)
	}
}

// outcome reads what a DecideItem call wrote, failing the test on an error.
func outcome(t *testing.T) func(Entry, error) Decided {
	t.Helper()
	return func(e Entry, err error) Decided {
		t.Helper()
		check(t, err)
		d, err := DecidedIn(e)
		check(t, err)
		return d
	}
}

// prepareRecord makes an empty record at path: the template the PostgreSQL tests copy.
func prepareRecord(path string) error {
	st, err := Open(context.Background(), path, Options{Create: true})
	if err != nil {
		return err
	}
	return st.Close()
}
