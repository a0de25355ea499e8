package secretariat

import (
	"fmt"
	"slices"
	"strings"
)

// Result is what became of an agenda item.
type Result string

// Results.
const (
	Adopted Result = "adopted"
	// AdoptedLimited: adopted in limited format; the states that declared non-interest
	// are not bound.
	AdoptedLimited Result = "adopted_limited"
	NotAdopted     Result = "not_adopted"
	Deferred       Result = "deferred"
	Withdrawn      Result = "withdrawn"
)

// IsAdopted reports whether the result is adoption, in full or limited format.
func (r Result) IsAdopted() bool { return r == Adopted || r == AdoptedLimited }

// Tally counts the members' stances on an item. Members with no recorded position count
// as absent. Positions of states that were not members on the date are not counted.
type Tally struct {
	Members      int `json:"members"`
	Joins        int `json:"joins"`
	Reservations int `json:"joins_with_reservation"`
	Abstains     int `json:"abstains"`
	NonInterest  int `json:"non_interest"`
	Objects      int `json:"objects"`
	Absent       int `json:"absent"`
	// Ignored counts positions of states that were not members (or were suspended).
	Ignored int `json:"ignored,omitempty"`
}

// Supporting returns the members that join, with or without a reservation.
func (t Tally) Supporting() int { return t.Joins + t.Reservations }

// Present returns the members that are not absent.
func (t Tally) Present() int { return t.Members - t.Absent }

// Outcome is the computed result of an item with its reasoning: which rule applied, the
// counts, who blocked and who is not bound.
type Outcome struct {
	Result Result `json:"result"`
	// DecidedOn is the session date for an engine decision, the date of the act for a
	// deferral or withdrawal.
	DecidedOn Date `json:"decided_on"`
	// RuleFrom identifies the rule applied by the date it came into force.
	RuleFrom     Date      `json:"rule_from,omitzero"`
	Kind         ItemKind  `json:"kind,omitempty"`
	Procedure    Procedure `json:"procedure,omitzero"`
	Quorum       Fraction  `json:"quorum,omitzero"`
	AbsentBlocks bool      `json:"absent_blocks,omitempty"`
	Tally        Tally     `json:"tally"`
	// Blockers are the members whose stance prevented adoption.
	Blockers []string `json:"blockers,omitempty"`
	// NotBound are the members the adopted decision does not bind (non-interest).
	NotBound []string `json:"not_bound,omitempty"`
	// Reason is a machine-readable reason for a rejection: quorum, absent, objection,
	// majority, unanimity or no_support.
	Reason string `json:"reason,omitempty"`
	// Note is the stated reason for a deferral or withdrawal.
	Note Text `json:"note,omitzero"`
}

// Adopt is the rule engine: a pure function of the rule in force, the kind of item, the
// members on the session date and their positions. members are the states that are
// members and not suspended on the date; positions of any other state are ignored.
func Adopt(rule DecisionRule, kind ItemKind, members []string, positions map[string]Stance) Outcome {
	proc := rule.For(kind)
	out := Outcome{
		RuleFrom: rule.From, Kind: kind, Procedure: proc,
		Quorum: rule.Quorum, AbsentBlocks: rule.AbsentBlocks,
	}
	memberSet := make(map[string]bool, len(members))
	for _, m := range members {
		memberSet[m] = true
	}
	for st := range positions {
		if !memberSet[st] {
			out.Tally.Ignored++
		}
	}
	sorted := slices.Clone(members)
	slices.Sort(sorted)
	sorted = slices.Compact(sorted)
	var objectors, absent, notJoining, nonInterest []string
	t := &out.Tally
	t.Members = len(sorted)
	for _, m := range sorted {
		s, ok := positions[m]
		if !ok {
			s = Absent
		}
		switch s {
		case Joins:
			t.Joins++
		case JoinsWithReservation:
			t.Reservations++
		case Abstains:
			t.Abstains++
			notJoining = append(notJoining, m)
		case NonInterest:
			t.NonInterest++
			nonInterest = append(nonInterest, m)
		case Objects:
			t.Objects++
			objectors = append(objectors, m)
			notJoining = append(notJoining, m)
		default: // Absent, or an unknown stance, which validation refuses earlier
			t.Absent++
			absent = append(absent, m)
			notJoining = append(notJoining, m)
		}
	}
	reject := func(reason string, blockers []string) Outcome {
		out.Result, out.Reason, out.Blockers = NotAdopted, reason, blockers
		return out
	}
	if !rule.Quorum.IsZero() && !rule.Quorum.reached(t.Present(), t.Members) {
		return reject("quorum", nil)
	}
	if rule.AbsentBlocks && len(absent) > 0 {
		return reject("absent", absent)
	}
	support := t.Supporting()
	switch proc.Method {
	case Consensus, ConsensusLimited:
		if len(objectors) > 0 {
			return reject("objection", objectors)
		}
	case Unanimity:
		if len(notJoining) > 0 {
			return reject("unanimity", notJoining)
		}
	case SimpleMajority, QualifiedMajority:
		base := support + t.Objects
		if proc.OfAllMembers {
			base = t.Members - t.NonInterest
		}
		ok := support*2 > base
		if proc.Method == QualifiedMajority {
			ok = proc.Majority.reached(support, base)
		}
		if !ok {
			return reject("majority", objectors)
		}
	default:
		return reject("unknown_method", nil)
	}
	// Checked last, so that an objection, when there is one, is named as the reason.
	if support == 0 {
		return reject("no_support", nil)
	}
	out.Result = Adopted
	if len(nonInterest) > 0 {
		out.Result = AdoptedLimited
		out.NotBound = nonInterest
	}
	return out
}

// Bound returns the members an adopted decision binds: all members except those that
// declared non-interest. It is empty for anything not adopted.
func (o Outcome) Bound(members []string) []string {
	if !o.Result.IsAdopted() {
		return nil
	}
	var out []string
	for _, m := range members {
		if !slices.Contains(o.NotBound, m) {
			out = append(out, m)
		}
	}
	return out
}

// methodName renders a method for people.
func methodName(m Method, q Fraction, lang Lang) string {
	en := map[Method]string{
		Consensus:         "consensus",
		ConsensusLimited:  "consensus, with declared non-interest allowed (limited format)",
		Unanimity:         "unanimity",
		SimpleMajority:    "simple majority",
		QualifiedMajority: "qualified majority of " + q.String(),
	}
	ru := map[Method]string{
		Consensus:         "консенсусом",
		ConsensusLimited:  "консенсусом, с возможностью заявить о незаинтересованности (ограниченный формат)",
		Unanimity:         "единогласно",
		SimpleMajority:    "простым большинством",
		QualifiedMajority: "квалифицированным большинством " + q.String(),
	}
	if lang == RU {
		return ru[m]
	}
	return en[m]
}

// Explain renders the outcome's reasoning as a sentence or two in lang.
func (o Outcome) Explain(lang Lang) string {
	t := o.Tally
	var b strings.Builder
	switch o.Result {
	case Deferred, Withdrawn:
		if lang == RU {
			b.WriteString(map[Result]string{Deferred: "Рассмотрение отложено", Withdrawn: "Вопрос снят с повестки"}[o.Result])
		} else {
			b.WriteString(map[Result]string{Deferred: "Consideration deferred", Withdrawn: "Withdrawn from the agenda"}[o.Result])
		}
		if n := o.Note.In(lang); n != "" {
			b.WriteString(": " + n)
		}
		b.WriteString(".")
		return b.String()
	}
	if lang == RU {
		kind := map[ItemKind]string{Substantive: "Вопрос по существу", Procedural: "Процедурный вопрос"}[o.Kind]
		fmt.Fprintf(&b, "%s решается %s (правило с %s). ", kind, methodName(o.Procedure.Method, o.Procedure.Majority, RU), o.RuleFrom)
		fmt.Fprintf(&b, "%d %s: присоединились %d, с оговоркой %d, воздержались %d, не заинтересованы %d, возражают %d, отсутствуют %d. ",
			t.Members, PluralRU(t.Members, "государство-член", "государства-члена", "государств-членов"),
			t.Joins, t.Reservations, t.Abstains, t.NonInterest, t.Objects, t.Absent)
	} else {
		fmt.Fprintf(&b, "A %s question, decided by %s (rule in force from %s). ", o.Kind, methodName(o.Procedure.Method, o.Procedure.Majority, EN), o.RuleFrom)
		fmt.Fprintf(&b, "%d members: %d join, %d with a reservation, %d abstain, %d not interested, %d object, %d absent. ",
			t.Members, t.Joins, t.Reservations, t.Abstains, t.NonInterest, t.Objects, t.Absent)
	}
	blockers := strings.Join(o.Blockers, ", ")
	switch o.Result {
	case Adopted:
		b.WriteString(map[Lang]string{EN: "Adopted.", RU: "Принято."}[lang])
	case AdoptedLimited:
		if lang == RU {
			fmt.Fprintf(&b, "Принято в ограниченном формате; не связывает: %s.", strings.Join(o.NotBound, ", "))
		} else {
			fmt.Fprintf(&b, "Adopted in limited format; not binding on: %s.", strings.Join(o.NotBound, ", "))
		}
	case NotAdopted:
		en := map[string]string{
			"quorum":     "Not adopted: no quorum.",
			"absent":     "Not adopted: the rule lets an absent member block; absent: " + blockers + ".",
			"objection":  "Not adopted: blocked by the objection of " + blockers + ".",
			"unanimity":  "Not adopted: unanimity was not reached; not joining: " + blockers + ".",
			"majority":   "Not adopted: the required majority was not reached.",
			"no_support": "Not adopted: no member joined.",
		}
		ru := map[string]string{
			"quorum":     "Не принято: нет кворума.",
			"absent":     "Не принято: по правилу отсутствие члена блокирует решение; отсутствуют: " + blockers + ".",
			"objection":  "Не принято: возражение " + blockers + ".",
			"unanimity":  "Не принято: единогласия нет; не присоединились: " + blockers + ".",
			"majority":   "Не принято: необходимое большинство не набрано.",
			"no_support": "Не принято: никто не присоединился.",
		}
		if lang == RU {
			b.WriteString(ru[o.Reason])
		} else {
			b.WriteString(en[o.Reason])
		}
	}
	return b.String()
}
