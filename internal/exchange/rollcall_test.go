package exchange

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"secretariat"
	"secretariat/internal/store"
	"secretariat/internal/testkit/testrecord"
)

func importFile(t *testing.T, st *store.Store, name string, opts ImportOptions) (ImportSummary, error) {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	opts.Name = name
	return ImportRollCalls(context.Background(), st, f, opts)
}

func TestImportSmallRollCalls(t *testing.T) {
	st := testrecord.Empty(t)
	sum, err := importFile(t, st, "rollcall-small.csv", ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if sum.RollCalls != 2 || sum.Votes != 7 || sum.States != 4 || len(sum.Rejected) != 0 {
		t.Fatalf("summary %+v", sum)
	}
	ctx := context.Background()
	it, err := store.FindByID[secretariat.AgendaItem](ctx, st, secretariat.Secretariat, "unga-rc-1")
	if err != nil {
		t.Fatal(err)
	}
	tl := it.Outcome.Tally
	if tl.Joins != 1 || tl.Objects != 1 || tl.Abstains != 1 || tl.Absent != 1 || it.Outcome.Result != secretariat.NotAdopted {
		t.Fatalf("roll call 1: %+v %s", tl, it.Outcome.Result)
	}
	// The state without a code is kept by its name.
	yemen, err := store.FindByID[secretariat.MemberState](ctx, st, secretariat.Secretariat, "yemen-arab-republic")
	if err != nil || yemen.Code != "" || yemen.Name.EN != "Yemen Arab Republic" {
		t.Fatalf("state by name: %+v %v", yemen, err)
	}
	two, _ := store.FindByID[secretariat.AgendaItem](ctx, st, secretariat.Secretariat, "unga-rc-2")
	if two.Title.EN != "Resolution two, with a comma" || two.Outcome.Result != secretariat.NotAdopted || !slices.Equal(two.Outcome.Blockers, []string{"RU", "US"}) {
		t.Fatalf("roll call 2: %+v", two)
	}
	// Importing the same file again is refused, and loads nothing.
	before, _, _ := st.Head(ctx)
	if _, err := importFile(t, st, "rollcall-small.csv", ImportOptions{}); secretariat.ErrorCode(err) != secretariat.ECONFLICT || !strings.Contains(err.Error(), "imported before") {
		t.Fatalf("second import: %v", err)
	}
	after, _, _ := st.Head(ctx)
	if after != before {
		t.Fatal("the refused import wrote journal entries")
	}
	if r, err := st.Verify(ctx, nil); err != nil || !r.OK {
		t.Fatalf("verify after import: %+v %v", r, err)
	}
}

func TestMalformedLinesAreReportedAndNothingIsLoaded(t *testing.T) {
	st := testrecord.Empty(t)
	_, err := importFile(t, st, "rollcall-bad.csv", ImportOptions{})
	ie, ok := err.(*ImportError)
	if !ok {
		t.Fatalf("err = %v", err)
	}
	want := map[int]string{
		3: `vote "maybe"`, 4: `date "1990-13-01"`, 5: `state_code "USA"`, 6: "neither a code nor a name",
		7: "6 fields, the header has 7", 9: "a second vote of US", 10: "dated 1990-05-03 on line 8",
	}
	got := map[int]string{}
	for _, l := range ie.Lines {
		got[l.Line] = l.Reason
	}
	for line, says := range want {
		if !strings.Contains(got[line], says) {
			t.Errorf("line %d: %q, want %q", line, got[line], says)
		}
	}
	if len(got) != len(want) {
		t.Errorf("reported %v", ie.Lines)
	}
	if n, _, _ := st.Head(context.Background()); n != 0 {
		t.Fatalf("%d journal entries after a refused import", n)
	}
	// With --skip-bad the good lines are loaded and the rest summarised.
	sum, err := importFile(t, st, "rollcall-bad.csv", ImportOptions{SkipBad: true})
	if err != nil {
		t.Fatal(err)
	}
	if sum.RollCalls != 3 || sum.Votes != 3 || len(sum.Rejected) != len(want) {
		t.Fatalf("skip-bad: %+v", sum)
	}
}

// An import adds a body with its own members; the organization's members are not its
// members, and its members do not become the organization's.
func TestImportKeepsTheBodysMembersApartFromTheOrganizations(t *testing.T) {
	st := testrecord.Empty(t)
	ctx := context.Background()
	_, err := st.AdmitState(ctx, secretariat.MemberState{ID: "RU", Code: "RU", Name: secretariat.T("Россия", "Russia"),
		Memberships: []secretariat.MembershipPeriod{{Status: secretariat.StandingMember, From: secretariat.MustDate("2002-01-01")}}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := importFile(t, st, "rollcall-small.csv", ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	body, err := store.FindByID[secretariat.Body](ctx, st, secretariat.Secretariat, "unga")
	if err != nil || !body.OwnMembers {
		t.Fatalf("the imported body does not keep its own members: %+v %v", body, err)
	}
	ru, err := store.FindByID[secretariat.MemberState](ctx, st, secretariat.Secretariat, "RU")
	if err != nil {
		t.Fatal(err)
	}
	if ru.StandingOn(secretariat.MustDate("1990-05-01")) != secretariat.StandingNone || ru.StandingIn(body, secretariat.MustDate("1990-05-01")) != secretariat.StandingMember {
		t.Fatalf("RU's memberships: %+v", ru.Memberships)
	}
	us, err := store.FindByID[secretariat.MemberState](ctx, st, secretariat.Secretariat, "US")
	if err != nil || us.StandingOn(secretariat.MustDate("1990-05-01")) != secretariat.StandingNone {
		t.Fatalf("an imported state became a member of the organization: %+v %v", us, err)
	}
	it, err := store.FindByID[secretariat.AgendaItem](ctx, st, secretariat.Secretariat, RollCallItemID("UNGA", "1"))
	if err != nil || it.Outcome.Tally.Members != 4 {
		t.Fatalf("the roll call counts other members than the assembly's: %+v %v", it, err)
	}
}

func TestImportRefusesVotesOfNonMembers(t *testing.T) {
	st := testrecord.Empty(t)
	ctx := context.Background()
	// The body is in the record already, with its own members: RU has been one since 2002.
	_, err := st.RegisterBody(ctx, secretariat.Body{ID: "unga", Kind: secretariat.BodyExternal, OwnMembers: true, Name: secretariat.T("ГА ООН", "UNGA"),
		Rules: []secretariat.DecisionRule{{From: secretariat.MustDate("1946-01-01"), Substantive: secretariat.Procedure{Method: secretariat.SimpleMajority},
			Procedural: secretariat.Procedure{Method: secretariat.SimpleMajority}}}})
	if err != nil {
		t.Fatal(err)
	}
	_, err = st.AdmitState(ctx, secretariat.MemberState{ID: "RU", Code: "RU", Name: secretariat.T("Россия", "Russia"),
		Memberships: []secretariat.MembershipPeriod{{Body: "unga", Status: secretariat.StandingMember, From: secretariat.MustDate("2002-01-01")}}})
	if err != nil {
		t.Fatal(err)
	}
	_, err = importFile(t, st, "rollcall-small.csv", ImportOptions{})
	if err == nil || !strings.Contains(err.Error(), "RU was not a member of unga on 1990-05-01") {
		t.Fatalf("err = %v", err)
	}
	if n, _, _ := st.Head(ctx); n != 2 {
		t.Fatalf("the failed import left %d entries", n-2)
	}
	sum, err := importFile(t, st, "rollcall-small.csv", ImportOptions{SkipBad: true})
	if err != nil || sum.RollCalls != 0 || len(sum.Rejected) != 2 {
		t.Fatalf("skip-bad over non-members: %+v %v", sum, err)
	}
}

func TestHeaderProblemsAreRefused(t *testing.T) {
	for name, body := range map[string]string{
		"empty":          "",
		"missing column": "vote_id,date,body,title,state_code,vote\n",
		"unknown column": "vote_id,date,body,title,state_code,state_name,vote,passport_number\n",
		"twice":          "vote_id,date,body,title,state_code,state_name,vote,vote\n",
	} {
		_, _, err := ParseRollCalls(strings.NewReader(body))
		if secretariat.ErrorCode(err) != secretariat.EINVALID {
			t.Errorf("%s: %v", name, err)
		}
	}
}

func FuzzParseRollCalls(f *testing.F) {
	for _, name := range []string{"rollcall-small.csv", "rollcall-bad.csv"} {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte("vote_id,date,body,title,state_code,state_name,vote\n\"1,1990-01-01\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		rcs, bad, err := ParseRollCalls(strings.NewReader(string(data)))
		if err != nil {
			return
		}
		lines := strings.Count(string(data), "\n") + 1
		for _, l := range bad {
			if l.Line < 1 || l.Line > lines+1 || l.Reason == "" {
				t.Fatalf("bad line report %+v of %d lines", l, lines)
			}
		}
		for _, rc := range rcs {
			if !secretariat.ValidID(RollCallItemID(rc.Body, rc.VoteID)) || len(rc.Rows) == 0 || rc.Date.IsZero() {
				t.Fatalf("an accepted roll call is not loadable: %+v", rc)
			}
			seen := map[string]bool{}
			for _, r := range rc.Rows {
				k := stateKey(r.StateCode, r.StateName)
				if seen[k] || !secretariat.ValidID(k) {
					t.Fatalf("roll call %s: state %q", rc.VoteID, k)
				}
				seen[k] = true
			}
		}
	})
}
