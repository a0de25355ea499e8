package store

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"pgregory.net/rapid"

	"secretariat"
)

// The store's access clause must agree with the domain's policy on every record and
// every reader: the SQL is the policy, written for the database.
func TestAccessClauseAgreesWithPolicy(t *testing.T) {
	st, _ := newStore(t)
	states := []string{"AA", "BB", "CC"}
	seedMembers(t, st, states...)
	ctx := context.Background()
	levels := []secretariat.Classification{"", secretariat.Public, secretariat.Restricted, secretariat.Confidential}
	var sources []secretariat.Access
	n := 0
	for _, lvl := range levels {
		partySets := [][]string{nil}
		if lvl == secretariat.Confidential {
			partySets = [][]string{{"AA"}, {"BB", "CC"}, {"AA", "CC"}}
		}
		for _, ps := range partySets {
			n++
			a := secretariat.Access{Classification: lvl, Parties: ps}
			sources = append(sources, a)
			_, err := st.RegisterThreat(ctx, secretariat.Threat{ID: fmt.Sprintf("t%d", n), Category: "terrorism",
				Name: secretariat.T("Угроза", "Threat"), Access: a})
			check(t, err)
		}
	}
	viewers := []secretariat.Viewer{secretariat.Anonymous, secretariat.Secretariat, {Role: secretariat.RoleAdmin},
		{Role: secretariat.RoleDelegate, State: "AA"}, {Role: secretariat.RoleDelegate, State: "BB"}, {Role: secretariat.RoleDelegate, State: "ZZ"}}
	rapid.Check(t, func(rt *rapid.T) {
		v := rapid.SampledFrom(viewers).Draw(rt, "viewer")
		i := rapid.IntRange(0, len(sources)-1).Draw(rt, "record")
		id := fmt.Sprintf("t%d", i+1)
		_, err := st.Get(ctx, v, "threat", id)
		seen := err == nil
		if err != nil && secretariat.ErrorCode(err) != secretariat.ENOTFOUND {
			rt.Fatal(err)
		}
		if want := v.CanSee(sources[i]); seen != want {
			rt.Fatalf("viewer %s, access %+v: store shows %v, policy says %v", v, sources[i], seen, want)
		}
		docs, total, err := st.Find(ctx, v, "threat", Filter{})
		if err != nil {
			rt.Fatal(err)
		}
		want := 0
		for _, a := range sources {
			if v.CanSee(a) {
				want++
			}
		}
		if total != want || len(docs) != want {
			rt.Fatalf("viewer %s lists %d (total %d), policy allows %d", v, len(docs), total, want)
		}
	})
	hidden, err := st.CountHidden(ctx, secretariat.Anonymous, "threat", Filter{})
	check(t, err)
	if hidden != len(sources)-2 {
		t.Fatalf("public reader: %d hidden, want %d", hidden, len(sources)-2)
	}
}

func TestFindFiltersAndRefusesUnknownFields(t *testing.T) {
	st, _ := newStore(t)
	seedMembers(t, st, "AA", "BB")
	session(t, st, "s1", "2019-05-01", 3)
	session(t, st, "s2", "2019-06-01", 2)
	ctx := context.Background()
	docs, total, err := st.Find(ctx, secretariat.Secretariat, "item", Where("session", "s2"))
	check(t, err)
	if total != 2 || len(docs) != 2 {
		t.Fatalf("session=s2: %d items", total)
	}
	_, total, err = st.Find(ctx, secretariat.Secretariat, "item", Where("number", "3"))
	check(t, err)
	if total != 1 {
		t.Fatalf("number=3: %d items", total)
	}
	_, total, err = st.Find(ctx, secretariat.Secretariat, "state", Where("memberships.status", "member"))
	if err == nil {
		t.Fatalf("a path through a list was accepted (%d)", total)
	}
	_, _, err = st.Find(ctx, secretariat.Secretariat, "item", Where("colour", "red"))
	if secretariat.ErrorCode(err) != secretariat.EINVALID || !strings.Contains(err.Error(), "has no field") {
		t.Fatalf("unknown field: %v", err)
	}
	_, _, err = st.Find(ctx, secretariat.Secretariat, "nonsense", Filter{})
	if secretariat.ErrorCode(err) != secretariat.EINVALID {
		t.Fatalf("unknown kind: %v", err)
	}
	page, total, err := st.Find(ctx, secretariat.Secretariat, "item", Filter{Limit: 2, Offset: 1})
	check(t, err)
	if total != 5 || len(page) != 2 {
		t.Fatalf("paging: %d of %d", len(page), total)
	}
}

func TestReferencesMustExist(t *testing.T) {
	st, _ := newStore(t)
	seedMembers(t, st, "AA")
	_, err := st.ScheduleSession(context.Background(), secretariat.Session{ID: "s", Body: "nobody", Date: secretariat.MustDate("2019-01-01"),
		Kind: secretariat.Regular, Bodies: []string{"council", "ghost"}})
	fields := secretariat.ErrorFields(err)
	if secretariat.ErrorCode(err) != secretariat.EINVALID || !strings.Contains(fields["body"], "nobody") || !strings.Contains(fields["bodies[1]"], "ghost") {
		t.Fatalf("err = %v, fields %v", err, fields)
	}
	keys := make([]string, 0, len(fields))
	for k := range fields {
		keys = append(keys, k)
	}
	if slices.Contains(keys, "bodies[0]") {
		t.Fatalf("an existing body was reported: %v", fields)
	}
}
