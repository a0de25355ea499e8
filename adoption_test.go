package secretariat

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"pgregory.net/rapid"
)

var allStates = []string{"AM", "BY", "KG", "KZ", "RU", "TJ", "UZ", "XX"}

// draw builds a random rule, kind, membership and positions. Positions may include
// states that are not members.
func draw(t *rapid.T, method Method) (DecisionRule, ItemKind, []string, map[string]Stance) {
	proc := Procedure{Method: method}
	if method == QualifiedMajority {
		den := rapid.IntRange(2, 5).Draw(t, "den")
		proc.Majority = Fraction{Num: rapid.IntRange(1, den).Draw(t, "num"), Den: den}
		proc.OfAllMembers = rapid.Bool().Draw(t, "ofAll")
	}
	if method == SimpleMajority {
		proc.OfAllMembers = rapid.Bool().Draw(t, "ofAll")
	}
	rule := DecisionRule{From: MustDate("2000-01-01"), Substantive: proc, Procedural: proc}
	if rapid.Bool().Draw(t, "quorum") {
		rule.Quorum = Fraction{Num: rapid.IntRange(1, 3).Draw(t, "qn"), Den: 3}
	}
	rule.AbsentBlocks = rapid.Bool().Draw(t, "absentBlocks")
	members := rapid.SliceOfNDistinct(rapid.SampledFrom(allStates), 1, 6, rapid.ID[string]).Draw(t, "members")
	positions := rapid.MapOf(rapid.SampledFrom(allStates), rapid.SampledFrom(Stances)).Draw(t, "positions")
	kind := rapid.SampledFrom([]ItemKind{Substantive, Procedural}).Draw(t, "kind")
	return rule, kind, members, positions
}

func stanceOf(m string, p map[string]Stance) Stance {
	if s, ok := p[m]; ok {
		return s
	}
	return Absent
}

func TestConsensusAdoptsIffNoParticipantObjectsAndOneJoins(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		method := rapid.SampledFrom([]Method{Consensus, ConsensusLimited}).Draw(t, "method")
		rule, kind, members, positions := draw(t, method)
		rule.Quorum, rule.AbsentBlocks = Fraction{}, false // the property is about consensus alone
		o := Adopt(rule, kind, members, positions)
		objects, joins := false, false
		for _, m := range members {
			switch stanceOf(m, positions) {
			case Objects:
				objects = true
			case Joins, JoinsWithReservation:
				joins = true
			}
		}
		if want := !objects && joins; o.Result.IsAdopted() != want {
			t.Fatalf("adopted=%v, want %v (members %v, positions %v)", o.Result, want, members, positions)
		}
		if o.Result == NotAdopted && objects && o.Reason != "objection" {
			t.Fatalf("blocked for %q, not by the objection", o.Reason)
		}
	})
}

func TestNonInterestNeverBlocksAndIsNeverBound(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		method := rapid.SampledFrom(methods).Draw(t, "method")
		rule, kind, members, positions := draw(t, method)
		o := Adopt(rule, kind, members, positions)
		bound := o.Bound(members)
		for _, m := range members {
			if stanceOf(m, positions) != NonInterest {
				continue
			}
			if slices.Contains(o.Blockers, m) {
				t.Fatalf("%s declared non-interest and blocks: %+v", m, o)
			}
			if slices.Contains(bound, m) {
				t.Fatalf("%s declared non-interest and is bound", m)
			}
			if o.Result.IsAdopted() && (o.Result != AdoptedLimited || !slices.Contains(o.NotBound, m)) {
				t.Fatalf("adopted with %s not interested, but not in limited format naming it: %+v", m, o)
			}
		}
		// Turning an objection into non-interest never turns adoption into rejection.
		for _, m := range members {
			if stanceOf(m, positions) != Objects || !o.Result.IsAdopted() {
				continue
			}
			p2 := maps(positions)
			p2[m] = NonInterest
			if !Adopt(rule, kind, members, p2).Result.IsAdopted() {
				t.Fatalf("stepping aside instead of objecting blocked adoption")
			}
		}
	})
}

func maps(p map[string]Stance) map[string]Stance {
	out := make(map[string]Stance, len(p))
	for k, v := range p {
		out[k] = v
	}
	return out
}

// Adoption is monotone under every rule: one member moving to join, from any other
// stance (an objection, an abstention, an absence whether recorded or not, non-interest,
// a reservation), never turns an adopted item into a rejected one.
func TestMajorityIsMonotone(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		method := rapid.SampledFrom([]Method{SimpleMajority, QualifiedMajority, Consensus, ConsensusLimited, Unanimity}).Draw(t, "method")
		rule, kind, members, positions := draw(t, method)
		before := Adopt(rule, kind, members, positions)
		for _, m := range members {
			was := stanceOf(m, positions)
			if was == Joins {
				continue
			}
			p2 := maps(positions)
			p2[m] = Joins
			after := Adopt(rule, kind, members, p2)
			if before.Result.IsAdopted() && !after.Result.IsAdopted() {
				t.Fatalf("%s turning %s into joins rejected an adopted item: before %+v after %+v", m, was, before, after)
			}
		}
	})
}

// Random draws seldom hit the few positions where a broken rule would show (a body of two,
// one joining and one absent), so every position of bodies of up to four members is
// tried under every rule as well: each member that does not join is moved to join.
func TestAdoptionIsMonotoneOnSmallBodies(t *testing.T) {
	var procs []Procedure
	for _, m := range []Method{Consensus, ConsensusLimited, Unanimity} {
		procs = append(procs, Procedure{Method: m})
	}
	for _, all := range []bool{false, true} {
		procs = append(procs, Procedure{Method: SimpleMajority, OfAllMembers: all})
		for _, q := range []Fraction{{1, 2}, {2, 3}, {3, 4}, {1, 1}} {
			procs = append(procs, Procedure{Method: QualifiedMajority, Majority: q, OfAllMembers: all})
		}
	}
	checked := 0
	for _, proc := range procs {
		for _, quorum := range []Fraction{{}, {1, 2}, {2, 3}} {
			for _, absentBlocks := range []bool{false, true} {
				rule := DecisionRule{Substantive: proc, Procedural: proc, Quorum: quorum, AbsentBlocks: absentBlocks}
				for n := 1; n <= 4; n++ {
					members := allStates[:n]
					eachPositions(members, func(p map[string]Stance) {
						if !Adopt(rule, Substantive, members, p).Result.IsAdopted() {
							return
						}
						for _, m := range members {
							if p[m] == Joins {
								continue
							}
							p2 := maps(p)
							p2[m] = Joins
							if !Adopt(rule, Substantive, members, p2).Result.IsAdopted() {
								t.Fatalf("%+v: %s moving from %s to joins rejected the item adopted with %v", rule, m, p[m], p)
							}
							checked++
						}
					})
				}
			}
		}
	}
	if checked < 10000 {
		t.Fatalf("only %d flips tried", checked)
	}
}

// eachPositions calls fn with every assignment of stances to members.
func eachPositions(members []string, fn func(map[string]Stance)) {
	p := map[string]Stance{}
	var rec func(i int)
	rec = func(i int) {
		if i == len(members) {
			fn(p)
			return
		}
		for _, s := range Stances {
			p[members[i]] = s
			rec(i + 1)
		}
	}
	rec(0)
}

// The monotonicity property must reach every stance: a generator that never drew an
// abstention or an absence would leave those flips untried.
func TestMonotonicityTriesEveryStance(t *testing.T) {
	tried := map[Stance]bool{}
	rapid.Check(t, func(t *rapid.T) {
		_, _, members, positions := draw(t, SimpleMajority)
		for _, m := range members {
			tried[stanceOf(m, positions)] = true
		}
	})
	for _, s := range Stances {
		if !tried[s] {
			t.Errorf("no member was drawn with the stance %s", s)
		}
	}
}

func TestNonMembersNeverAffectTheOutcome(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		method := rapid.SampledFrom(methods).Draw(t, "method")
		rule, kind, members, positions := draw(t, method)
		memberOnly := map[string]Stance{}
		for st, s := range positions {
			if slices.Contains(members, st) {
				memberOnly[st] = s
			}
		}
		a, b := Adopt(rule, kind, members, positions), Adopt(rule, kind, members, memberOnly)
		a.Tally.Ignored, b.Tally.Ignored = 0, 0
		if fmt.Sprint(a) != fmt.Sprint(b) {
			t.Fatalf("non-members changed the outcome:\n with %+v\n without %+v", a, b)
		}
	})
}

func TestAdoptionExamples(t *testing.T) {
	six := []string{"AM", "BY", "KG", "KZ", "RU", "TJ"}
	csc := DecisionRule{From: MustDate("2002-10-07"), Substantive: Procedure{Method: ConsensusLimited}, Procedural: Procedure{Method: SimpleMajority}}
	all := func(s Stance) map[string]Stance {
		p := map[string]Stance{}
		for _, m := range six {
			p[m] = s
		}
		return p
	}
	with := func(p map[string]Stance, kv ...any) map[string]Stance {
		p = maps(p)
		for i := 0; i < len(kv); i += 2 {
			p[kv[i].(string)] = kv[i+1].(Stance)
		}
		return p
	}
	cases := []struct {
		name     string
		rule     DecisionRule
		kind     ItemKind
		pos      map[string]Stance
		result   Result
		blockers []string
		notBound []string
	}{
		{"all join", csc, Substantive, all(Joins), Adopted, nil, nil},
		{"one stands aside", csc, Substantive, with(all(Joins), "AM", NonInterest), AdoptedLimited, nil, []string{"AM"}},
		{"one objects", csc, Substantive, with(all(Joins), "BY", Objects), NotAdopted, []string{"BY"}, nil},
		{"reservation still joins", csc, Substantive, with(all(Joins), "KZ", JoinsWithReservation), Adopted, nil, nil},
		{"procedural majority outvotes", csc, Procedural, with(all(Joins), "BY", Objects, "RU", Objects), Adopted, nil, nil},
		{"procedural tie fails", csc, Procedural, with(all(Objects), "AM", Joins, "BY", Joins, "KG", Joins), NotAdopted, []string{"KZ", "RU", "TJ"}, nil},
		{"nobody joins", csc, Substantive, all(Absent), NotAdopted, nil, nil},
		{"quorum missed", DecisionRule{Substantive: Procedure{Method: Consensus}, Quorum: Fraction{2, 3}}, Substantive,
			with(all(Absent), "AM", Joins, "BY", Joins, "KG", Joins), NotAdopted, nil, nil},
		{"absent blocks", DecisionRule{Substantive: Procedure{Method: Consensus}, AbsentBlocks: true}, Substantive,
			with(all(Joins), "TJ", Absent), NotAdopted, []string{"TJ"}, nil},
		{"unanimity fails on abstention", DecisionRule{Substantive: Procedure{Method: Unanimity}}, Substantive,
			with(all(Joins), "KG", Abstains), NotAdopted, []string{"KG"}, nil},
		{"two thirds reached", DecisionRule{Substantive: Procedure{Method: QualifiedMajority, Majority: Fraction{2, 3}}}, Substantive,
			with(all(Joins), "AM", Objects, "BY", Objects), Adopted, nil, nil},
		{"two thirds missed", DecisionRule{Substantive: Procedure{Method: QualifiedMajority, Majority: Fraction{2, 3}}}, Substantive,
			with(all(Joins), "AM", Objects, "BY", Objects, "KG", Objects), NotAdopted, []string{"AM", "BY", "KG"}, nil},
	}
	for _, c := range cases {
		o := Adopt(c.rule, c.kind, six, c.pos)
		if o.Result != c.result || !slices.Equal(o.Blockers, c.blockers) || !slices.Equal(o.NotBound, c.notBound) {
			t.Errorf("%s: %s blockers %v not bound %v; want %s %v %v", c.name, o.Result, o.Blockers, o.NotBound, c.result, c.blockers, c.notBound)
		}
		for _, lang := range []Lang{EN, RU} {
			if o.Explain(lang) == "" {
				t.Errorf("%s: no explanation in %s", c.name, lang)
			}
		}
	}
	o := Adopt(csc, Substantive, six, with(all(Joins), "AM", NonInterest))
	if got := o.Explain(RU); !strings.Contains(got, "6 государств-членов") || !strings.Contains(got, "ограниченном формате") {
		t.Errorf("Russian explanation: %s", got)
	}
}
