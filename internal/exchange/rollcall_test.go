package exchange

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"secretariat"
	"secretariat/internal/safetext"
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
	if sum.RollCalls != 2 || sum.Votes != 7 || sum.States != 4 || len(sum.Skipped) != 0 {
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
	// With --skip-bad a roll call with a malformed line is set aside whole: only roll
	// call 4, all of whose lines are good, is loaded.
	sum, err := importFile(t, st, "rollcall-bad.csv", ImportOptions{SkipBad: true})
	if err != nil {
		t.Fatal(err)
	}
	if sum.RollCalls != 1 || sum.Votes != 1 || len(sum.Skipped) != 3 {
		t.Fatalf("skip-bad: %+v", sum)
	}
	wantSkipped := map[string][2]int{"1": {2, 1}, "2": {3, 0}, "3": {2, 1}} // malformed lines, good lines
	for _, s := range sum.Skipped {
		if w := wantSkipped[s.VoteID]; len(s.Reasons) != w[0] || s.GoodLines != w[1] {
			t.Errorf("roll call %s skipped with %d reasons and %d good lines, want %v", s.VoteID, len(s.Reasons), s.GoodLines, w)
		}
		if _, err := store.FindByID[secretariat.AgendaItem](context.Background(), st, secretariat.Secretariat, RollCallItemID("UNGA", s.VoteID)); secretariat.ErrorCode(err) != secretariat.ENOTFOUND {
			t.Errorf("skipped roll call %s is in the record: %v", s.VoteID, err)
		}
	}
}

// The probe's case: the source says 2 yes and 3 no. With two votes misspelt, loading the
// three good lines would seal "adopted, 2 to 1"; --skip-bad sets the roll call aside
// whole and says so, and a file with nothing else to load writes nothing.
func TestSkipBadNeverSealsAWrongOutcome(t *testing.T) {
	st := testrecord.Empty(t)
	ctx := context.Background()
	file := "vote_id,date,body,title,state_code,state_name,vote\n" +
		"7,2001-01-01,UNGA,Seven,US,United States,yes\n" +
		"7,2001-01-01,UNGA,Seven,CA,Canada,yes\n" +
		"7,2001-01-01,UNGA,Seven,FR,France,noo\n" +
		"7,2001-01-01,UNGA,Seven,GB,United Kingdom,noo\n" +
		"7,2001-01-01,UNGA,Seven,DE,Germany,no\n"
	_, err := ImportRollCalls(ctx, st, strings.NewReader(file), ImportOptions{SkipBad: true, Name: "seven.csv"})
	if secretariat.ErrorCode(err) != secretariat.EINVALID || !strings.Contains(err.Error(), "every roll call of the file has a malformed line") {
		t.Fatalf("err = %v", err)
	}
	if n, _, _ := st.Head(ctx); n != 0 {
		t.Fatalf("%d journal entries written", n)
	}
	// With a good roll call beside it, the good one loads and roll call 7 is reported.
	file += "8,2001-01-02,UNGA,Eight,US,United States,no\n8,2001-01-02,UNGA,Eight,CA,Canada,no\n"
	sum, err := ImportRollCalls(ctx, st, strings.NewReader(file), ImportOptions{SkipBad: true, Name: "seven.csv"})
	if err != nil {
		t.Fatal(err)
	}
	if sum.RollCalls != 1 || len(sum.Skipped) != 1 || sum.Skipped[0].VoteID != "7" || sum.Skipped[0].GoodLines != 3 ||
		len(sum.Skipped[0].Reasons) != 2 || sum.Skipped[0].Reasons[0].Line != 4 || sum.Skipped[0].Reasons[1].Line != 5 {
		t.Fatalf("summary %+v", sum)
	}
	for _, id := range []string{"FR", "GB"} {
		if _, err := store.FindByID[secretariat.MemberState](ctx, st, secretariat.Secretariat, id); secretariat.ErrorCode(err) != secretariat.ENOTFOUND {
			t.Errorf("%s, which voted only in the skipped roll call, was added: %v", id, err)
		}
	}
	// A malformed line whose roll call cannot be read could belong to any: nothing loads.
	st2 := testrecord.Empty(t)
	bad := "vote_id,date,body,title,state_code,state_name,vote\n8,2001-01-02,UNGA,Eight,US,United States,no\n??,2001-01-02,UNGA,Eight,CA,Canada,no\n"
	_, err = ImportRollCalls(ctx, st2, strings.NewReader(bad), ImportOptions{SkipBad: true, Name: "x.csv"})
	var ie *ImportError
	if !errors.As(err, &ie) || !ie.Unplaced || ie.Lines[0].Line != 3 {
		t.Fatalf("err = %v", err)
	}
	if n, _, _ := st2.Head(ctx); n != 0 {
		t.Fatalf("%d journal entries written", n)
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
	// With --skip-bad too: every roll call is refused, so nothing is loaded.
	_, err = importFile(t, st, "rollcall-small.csv", ImportOptions{SkipBad: true})
	if err == nil || !strings.Contains(err.Error(), "the record refuses every roll call") {
		t.Fatalf("skip-bad over non-members: %v", err)
	}
	if n, _, _ := st.Head(ctx); n != 2 {
		t.Fatalf("the refused import left %d entries", n-2)
	}
}

func TestHeaderProblemsAreRefused(t *testing.T) {
	for name, body := range map[string]string{
		"empty":          "",
		"missing column": "vote_id,date,body,title,state_code,vote\n",
		"unknown column": "vote_id,date,body,title,state_code,state_name,vote,passport_number\n",
		"twice":          "vote_id,date,body,title,state_code,state_name,vote,vote\n",
	} {
		_, _, err := ParseRollCalls(context.Background(), strings.NewReader(body))
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
		rcs, bad, err := ParseRollCalls(context.Background(), strings.NewReader(string(data)))
		if err != nil {
			if secretariat.ErrorCode(err) != secretariat.EINVALID {
				t.Fatalf("a refusal without a reason for people: %v", err)
			}
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
			for _, s := range []string{rc.VoteID, rc.Body, rc.Title} {
				if p := safetext.Problem(s); p != "" {
					t.Fatalf("roll call %s accepted with bad text %q: %s", rc.VoteID, s, p)
				}
			}
			seen := map[string]bool{}
			for _, r := range rc.Rows {
				k := stateKey(r.StateCode, r.StateName)
				if seen[k] || !secretariat.ValidID(k) {
					t.Fatalf("roll call %s: state %q", rc.VoteID, k)
				}
				if p := safetext.Problem(r.StateName); p != "" {
					t.Fatalf("roll call %s: state name %q accepted: %s", rc.VoteID, r.StateName, p)
				}
				seen[k] = true
			}
		}
	})
}
