package store

import (
	"context"
	"slices"
	"strings"
	"testing"

	"secretariat"
)

func TestRecordPositionRefusals(t *testing.T) {
	st, clock := newStore(t)
	seedMembers(t, st, "AA", "BB")
	ctx := context.Background()
	_, err := st.AdmitState(ctx, secretariat.MemberState{ID: "LATE", Name: secretariat.T("Поздний", "Late"),
		Memberships: []secretariat.MembershipPeriod{{Status: secretariat.StandingMember, From: secretariat.MustDate("2020-01-01")}}})
	check(t, err)
	_, err = st.AdmitState(ctx, secretariat.MemberState{ID: "SUSP", Name: secretariat.T("Приостановленный", "Suspended"),
		Memberships: []secretariat.MembershipPeriod{{Status: secretariat.StandingMember, From: secretariat.MustDate("2000-01-01")},
			{Status: secretariat.StandingSuspended, From: secretariat.MustDate("2019-01-01"), Until: secretariat.MustDate("2019-12-31")}}})
	check(t, err)
	session(t, st, "s1", "2019-05-01", 2)
	_, err = st.ScheduleSession(ctx, secretariat.Session{ID: "s2", Body: "council", Date: secretariat.MustDate("2019-05-02"), Kind: secretariat.Regular})
	check(t, err)
	_, err = st.AddAgendaItem(ctx, secretariat.AgendaItem{Session: "s2", Title: secretariat.T("Процедура", "Procedure"), Kind: secretariat.Procedural})
	check(t, err)
	clock.set("2019-05-01")
	for _, s := range []string{"AA", "BB"} {
		_, err := st.RecordPosition(ctx, PositionInput{Item: "s1-1", State: s, Stance: secretariat.Joins})
		check(t, err)
	}
	outcome(t)(st.DecideItem(ctx, "s1-1", DecisionInput{}))
	cases := []struct {
		name string
		in   PositionInput
		code string
		says string
	}{
		{"not yet a member", PositionInput{Item: "s1-2", State: "LATE", Stance: secretariat.Joins}, secretariat.EINVALID, "was not a member of the organization on 2019-05-01"},
		{"suspended", PositionInput{Item: "s1-2", State: "SUSP", Stance: secretariat.Joins}, secretariat.EINVALID, "was suspended from the organization on 2019-05-01"},
		{"already decided", PositionInput{Item: "s1-1", State: "AA", Stance: secretariat.Objects}, secretariat.ECONFLICT, "already decided"},
		{"no such state", PositionInput{Item: "s1-2", State: "ZZ", Stance: secretariat.Joins}, secretariat.ENOTFOUND, "no member state"},
		{"no such item", PositionInput{Item: "nope", State: "AA", Stance: secretariat.Joins}, secretariat.ENOTFOUND, "no agenda item"},
		{"non-interest on a procedural item", PositionInput{Item: "s2-1", State: "AA", Stance: secretariat.NonInterest}, secretariat.EINVALID, "does not allow declaring non-interest"},
		{"reservation without text", PositionInput{Item: "s1-2", State: "AA", Stance: secretariat.JoinsWithReservation}, secretariat.EINVALID, "reservation"},
	}
	for _, c := range cases {
		_, err := st.RecordPosition(ctx, c.in)
		if secretariat.ErrorCode(err) != c.code || !strings.Contains(err.Error(), c.says) {
			t.Errorf("%s: %v (code %s), want %s %q", c.name, err, secretariat.ErrorCode(err), c.code, c.says)
		}
	}
	if _, err := st.DecideItem(ctx, "s1-1", DecisionInput{}); secretariat.ErrorCode(err) != secretariat.ECONFLICT {
		t.Fatalf("deciding twice: %v", err)
	}
}

func TestDecideItemComputesTheOutcomeAndNumbersDecisions(t *testing.T) {
	st, clock := newStore(t)
	seedMembers(t, st, "AA", "BB", "CC")
	session(t, st, "s1", "2019-05-01", 4)
	ctx := context.Background()
	clock.set("2019-05-01")
	record := func(item string, stances map[string]secretariat.Stance) {
		for s, x := range stances {
			in := PositionInput{Item: item, State: s, Stance: x}
			if x == secretariat.JoinsWithReservation {
				in.Reservation = secretariat.T("Оговорка", "A reservation")
			}
			_, err := st.RecordPosition(ctx, in)
			check(t, err)
		}
	}
	record("s1-1", map[string]secretariat.Stance{"AA": secretariat.Joins, "BB": secretariat.NonInterest, "CC": secretariat.JoinsWithReservation})
	record("s1-2", map[string]secretariat.Stance{"AA": secretariat.Joins, "BB": secretariat.Objects, "CC": secretariat.Joins})
	record("s1-3", map[string]secretariat.Stance{"AA": secretariat.Joins, "BB": secretariat.Joins}) // CC absent
	d1 := outcome(t)(st.DecideItem(ctx, "s1-1", DecisionInput{Kind: secretariat.KindStatement}))
	if d1.Item.Outcome.Result != secretariat.AdoptedLimited || !slices.Equal(d1.Decision.NotBound, []string{"BB"}) || d1.Decision.ID != "council-2019-1" {
		t.Fatalf("limited format: %+v %+v", d1.Item.Outcome, d1.Decision)
	}
	d2 := outcome(t)(st.DecideItem(ctx, "s1-2", DecisionInput{}))
	if d2.Item.Outcome.Result != secretariat.NotAdopted || d2.Decision != nil || !slices.Equal(d2.Item.Outcome.Blockers, []string{"BB"}) {
		t.Fatalf("objection: %+v", d2.Item.Outcome)
	}
	d3 := outcome(t)(st.DecideItem(ctx, "s1-3", DecisionInput{}))
	if d3.Decision == nil || d3.Decision.ID != "council-2019-2" || d3.Item.Outcome.Tally.Absent != 1 {
		t.Fatalf("numbering and absence: %+v %+v", d3.Item.Outcome, d3.Decision)
	}
	// Signatures: a state not bound cannot sign; a signature of a decision without
	// ratification puts it in force; one that needs ratification waits for it.
	if _, err := st.SignDecision(ctx, "council-2019-1", "BB", secretariat.MustDate("2019-05-01")); secretariat.ErrorCode(err) != secretariat.ECONFLICT {
		t.Fatalf("a state not bound signed: %v", err)
	}
	_, err := st.SignDecision(ctx, "council-2019-1", "AA", secretariat.MustDate("2019-05-01"))
	check(t, err)
	if _, err := st.SignDecision(ctx, "council-2019-1", "AA", secretariat.MustDate("2019-05-02")); secretariat.ErrorCode(err) != secretariat.ECONFLICT {
		t.Fatalf("signed twice: %v", err)
	}
	dec := must[*secretariat.Decision](t)(FindByID[secretariat.Decision](ctx, st, secretariat.Secretariat, "council-2019-1"))
	if !dec.InForceFor("AA") {
		t.Fatal("a signed decision without ratification is not in force")
	}
	// Deferral and withdrawal are outcomes too, given by their own verbs.
	_, err = st.DeferItem(ctx, "s1-4", secretariat.Date{}, secretariat.T("Отложить", "Deferred to the next session"))
	check(t, err)
	it := must[*secretariat.AgendaItem](t)(FindByID[secretariat.AgendaItem](ctx, st, secretariat.Secretariat, "s1-4"))
	if it.Outcome.Result != secretariat.Deferred || it.Decided() {
		t.Fatalf("deferral: %+v", it.Outcome)
	}
	_, err = st.WithdrawItem(ctx, "s1-4", secretariat.Date{}, secretariat.Text{})
	check(t, err)
	if _, err := st.WithdrawItem(ctx, "s1-4", secretariat.Date{}, secretariat.Text{}); secretariat.ErrorCode(err) != secretariat.ECONFLICT {
		t.Fatal("withdrawn twice")
	}
	// A rule added later applies to later sessions only.
	_, err = st.SetDecisionRule(ctx, "council", secretariat.DecisionRule{From: secretariat.MustDate("2019-06-01"),
		Substantive: secretariat.Procedure{Method: secretariat.Unanimity}, Procedural: secretariat.Procedure{Method: secretariat.SimpleMajority}})
	check(t, err)
	session(t, st, "s2", "2019-07-01", 1)
	record("s2-1", map[string]secretariat.Stance{"AA": secretariat.Joins, "BB": secretariat.Joins, "CC": secretariat.Abstains})
	d4 := outcome(t)(st.DecideItem(ctx, "s2-1", DecisionInput{}))
	if d4.Item.Outcome.Result != secretariat.NotAdopted || d4.Item.Outcome.Procedure.Method != secretariat.Unanimity || d4.Item.Outcome.RuleFrom.String() != "2019-06-01" {
		t.Fatalf("the later rule did not apply: %+v", d4.Item.Outcome)
	}
	r := must[Report](t)(st.Verify(ctx, nil))
	if !r.OK {
		t.Fatalf("verify: %+v", r)
	}
}

func TestLineageIsShownBothWays(t *testing.T) {
	st, _ := newStore(t)
	seedMembers(t, st, "AA")
	ctx := context.Background()
	_, err := st.RegisterBody(ctx, secretariat.Body{ID: "committee", Kind: secretariat.BodyCommittee, Name: secretariat.T("Комитет", "Committee"),
		Rules: []secretariat.DecisionRule{{From: secretariat.MustDate("2000-01-01"), Substantive: secretariat.Procedure{Method: secretariat.Consensus}, Procedural: secretariat.Procedure{Method: secretariat.SimpleMajority}}}})
	check(t, err)
	_, err = st.ScheduleSession(ctx, secretariat.Session{ID: "c1", Body: "committee", Date: secretariat.MustDate("2019-06-27"), Kind: secretariat.Regular})
	check(t, err)
	_, err = st.AddAgendaItem(ctx, secretariat.AgendaItem{Session: "c1", Title: secretariat.T("Проект", "Draft plan"), Kind: secretariat.Substantive})
	check(t, err)
	_, err = st.ScheduleSession(ctx, secretariat.Session{ID: "s1", Body: "council", Date: secretariat.MustDate("2019-11-28"), Kind: secretariat.Regular})
	check(t, err)
	steps := []secretariat.LineageStep{{Item: "c1-1", Body: "committee", Date: secretariat.MustDate("2019-06-27"), Action: "agreed"},
		{Body: "council", Date: secretariat.MustDate("2019-11-27"), Action: "forwarded"}}
	_, err = st.AddAgendaItem(ctx, secretariat.AgendaItem{Session: "s1", Title: secretariat.T("План", "Plan"), Kind: secretariat.Substantive, Lineage: steps})
	check(t, err)
	later := must[*ItemView](t)(st.ItemView(ctx, secretariat.Secretariat, "s1-1"))
	if len(later.CameFrom) != 2 || later.CameFrom[0] != steps[0] || later.CameFrom[1] != steps[1] {
		t.Fatalf("came from: %+v", later.CameFrom)
	}
	earlier := must[*ItemView](t)(st.ItemView(ctx, secretariat.Secretariat, "c1-1"))
	if len(earlier.WentTo) != 1 || earlier.WentTo[0].Item != "s1-1" || earlier.WentTo[0].Body != "council" {
		t.Fatalf("went to: %+v", earlier.WentTo)
	}
	_, err = st.AddAgendaItem(ctx, secretariat.AgendaItem{Session: "s1", Title: secretariat.T("План", "Plan"), Kind: secretariat.Substantive,
		Lineage: []secretariat.LineageStep{{Item: "ghost", Body: "committee", Date: secretariat.MustDate("2019-06-27"), Action: "agreed"}}})
	if secretariat.ErrorCode(err) != secretariat.EINVALID || !strings.Contains(secretariat.ErrorFields(err)["lineage[0].item"], "ghost") {
		t.Fatalf("a lineage to a missing item: %v", err)
	}
}

func TestDraftVersionsAndTheirDiff(t *testing.T) {
	st, clock := newStore(t)
	seedMembers(t, st, "AA")
	ctx := context.Background()
	_, err := st.ProposeDraft(ctx, secretariat.Draft{ID: "d", Title: secretariat.T("План", "Plan"),
		Versions: []secretariat.DraftVersion{{Date: secretariat.MustDate("2019-06-27"), Text: "Утвердить план на 2019–2020 годы."}}})
	check(t, err)
	clock.set("2019-11-27")
	_, err = st.ReviseDraft(ctx, "d", secretariat.DraftVersion{Date: secretariat.MustDate("2019-11-27"), Text: "Утвердить план на 2019–2021 годы и доложить.",
		Translations: []secretariat.Translation{{Lang: secretariat.EN, Text: "Approve the plan for 2019–2021 and report.", Status: secretariat.Official}}})
	check(t, err)
	diff := must[VersionDiff](t)(st.DraftDiff(ctx, secretariat.Secretariat, "d", 1, 2))
	if diff.Marked != "Утвердить план на 2019–[-2020-]{+2021+} годы{+ и доложить+}." || diff.Inserted != 3 || diff.Deleted != 1 {
		t.Fatalf("diff: %+v", diff)
	}
	if _, err := st.DraftDiff(ctx, secretariat.Secretariat, "d", 1, 3); secretariat.ErrorCode(err) != secretariat.ENOTFOUND {
		t.Fatalf("a missing version: %v", err)
	}
	_, err = st.ReviseDraft(ctx, "d", secretariat.DraftVersion{Date: secretariat.MustDate("2019-01-01"), Text: "Раньше"})
	if secretariat.ErrorCode(err) != secretariat.EINVALID {
		t.Fatalf("a version dated before the last: %v", err)
	}
	view := must[*DraftView](t)(st.DraftView(ctx, secretariat.Secretariat, "d"))
	if len(view.Draft.Versions) != 2 || len(view.Diffs) != 1 || view.Draft.Versions[1].N != 2 {
		t.Fatalf("view: %+v", view)
	}
}

func TestVotingQueries(t *testing.T) {
	st, clock := newStore(t)
	seedMembers(t, st, "AA", "BB", "CC")
	session(t, st, "s1", "2019-05-01", 3)
	ctx := context.Background()
	clock.set("2019-05-01")
	votes := []map[string]secretariat.Stance{
		{"AA": secretariat.Joins, "BB": secretariat.Joins, "CC": secretariat.Objects},
		{"AA": secretariat.Joins, "BB": secretariat.Objects, "CC": secretariat.Objects},
		{"AA": secretariat.Joins, "BB": secretariat.NonInterest, "CC": secretariat.Joins},
	}
	for i, m := range votes {
		for s, x := range m {
			_, err := st.RecordPosition(ctx, PositionInput{Item: "s1-" + string(rune('1'+i)), State: s, Stance: x})
			check(t, err)
		}
		outcome(t)(st.DecideItem(ctx, "s1-"+string(rune('1'+i)), DecisionInput{}))
	}
	rec := must[*VotingRecord](t)(st.VotingRecord(ctx, secretariat.Secretariat, "BB", Period{}))
	if len(rec.Votes) != 3 || rec.Counts[secretariat.Joins] != 1 || rec.Counts[secretariat.Objects] != 1 || rec.Counts[secretariat.NonInterest] != 1 {
		t.Fatalf("voting record: %+v", rec)
	}
	ag := must[*Agreement](t)(st.Agreement(ctx, secretariat.Secretariat, "AA", "BB", Period{}))
	if ag.Together != 2 || ag.Agreed != 1 || ag.Share != 0.5 {
		t.Fatalf("agreement AA-BB: %+v", ag) // item 3 does not count: BB did not take part
	}
	blocked, by := must2(t)(st.BlockedItems(ctx, secretariat.Secretariat, "council", Period{}))
	if len(blocked) != 2 || by["CC"] != 2 || by["BB"] != 1 {
		t.Fatalf("blocked: %+v %v", blocked, by)
	}
	none := must[*VotingRecord](t)(st.VotingRecord(ctx, secretariat.Secretariat, "BB", Period{From: secretariat.MustDate("2020-01-01")}))
	if len(none.Votes) != 0 {
		t.Fatal("the period is not applied")
	}
}

func must2(t *testing.T) func([]BlockedItem, map[string]int, error) ([]BlockedItem, map[string]int) {
	return func(a []BlockedItem, b map[string]int, err error) ([]BlockedItem, map[string]int) {
		t.Helper()
		check(t, err)
		return a, b
	}
}

// A body with its own members: its positions and outcomes count its members, never the
// organization's, and its members do not become the organization's.
func TestABodyWithItsOwnMembers(t *testing.T) {
	st, clock := newStore(t)
	ctx := context.Background()
	seedMembers(t, st, "AA", "BB") // the organization's members
	_, err := st.RegisterBody(ctx, secretariat.Body{ID: "assembly", Kind: secretariat.BodyExternal, Name: secretariat.T("Ассамблея", "Assembly"), OwnMembers: true,
		Rules: []secretariat.DecisionRule{{From: secretariat.MustDate("1990-01-01"), Substantive: secretariat.Procedure{Method: secretariat.SimpleMajority},
			Procedural: secretariat.Procedure{Method: secretariat.SimpleMajority}}}})
	check(t, err)
	for _, id := range []string{"XX", "YY", "ZZ"} {
		_, err := st.AdmitState(ctx, secretariat.MemberState{ID: id, Name: secretariat.T("Государство "+id, "State "+id),
			Memberships: []secretariat.MembershipPeriod{{Body: "assembly", Status: secretariat.StandingMember, From: secretariat.MustDate("1990-01-01")}}})
		check(t, err)
	}
	_, err = st.ScheduleSession(ctx, secretariat.Session{ID: "a1", Body: "assembly", Date: secretariat.MustDate("2019-05-01"), Kind: secretariat.Regular})
	check(t, err)
	_, err = st.AddAgendaItem(ctx, secretariat.AgendaItem{Session: "a1", Title: secretariat.T("Резолюция", "Resolution"), Kind: secretariat.Substantive})
	check(t, err)
	clock.set("2019-05-01")
	if _, err := st.RecordPosition(ctx, PositionInput{Item: "a1-1", State: "AA", Stance: secretariat.Joins}); secretariat.ErrorCode(err) != secretariat.EINVALID ||
		!strings.Contains(err.Error(), "not a member of assembly") {
		t.Fatalf("a member of the organization took a position in a body with its own members: %v", err)
	}
	for s, x := range map[string]secretariat.Stance{"XX": secretariat.Joins, "YY": secretariat.Joins, "ZZ": secretariat.Objects} {
		_, err := st.RecordPosition(ctx, PositionInput{Item: "a1-1", State: s, Stance: x})
		check(t, err)
	}
	d := outcome(t)(st.DecideItem(ctx, "a1-1", DecisionInput{}))
	if tl := d.Item.Outcome.Tally; tl.Members != 3 || tl.Joins != 2 || tl.Objects != 1 || tl.Absent != 0 {
		t.Fatalf("the tally counts others than the assembly's members: %+v", tl)
	}
	// The organization's own bodies still count the organization's members only.
	session(t, st, "s1", "2019-05-02", 1)
	if _, err := st.RecordPosition(ctx, PositionInput{Item: "s1-1", State: "XX", Stance: secretariat.Joins}); secretariat.ErrorCode(err) != secretariat.EINVALID {
		t.Fatalf("a member of the assembly took a position in the organization's council: %v", err)
	}
	xx := must[*secretariat.MemberState](t)(FindByID[secretariat.MemberState](ctx, st, secretariat.Secretariat, "XX"))
	if xx.StandingOn(secretariat.MustDate("2019-05-01")) != secretariat.StandingNone {
		t.Fatal("a member of the assembly became a member of the organization")
	}
}
