package secretariat

import (
	"fmt"
	"slices"
)

// BodyKind says what sort of body a Body is.
type BodyKind string

// Body kinds.
const (
	BodySupreme      BodyKind = "supreme"       // heads of state
	BodyCouncil      BodyKind = "council"       // councils of ministers
	BodyCommittee    BodyKind = "committee"     // committee of security-council secretaries
	BodyPermanent    BodyKind = "permanent"     // permanent council
	BodySecretariat  BodyKind = "secretariat"   // Secretary General and secretariat
	BodyStaff        BodyKind = "staff"         // joint staff
	BodyAssembly     BodyKind = "assembly"      // parliamentary assembly
	BodyWorkingGroup BodyKind = "working_group" // working groups and coordination councils
	BodyJoint        BodyKind = "joint"         // joint meetings of several bodies
	BodyExternal     BodyKind = "external"      // bodies of other organizations, for imported archives
)

var bodyKinds = []BodyKind{BodySupreme, BodyCouncil, BodyCommittee, BodyPermanent, BodySecretariat,
	BodyStaff, BodyAssembly, BodyWorkingGroup, BodyJoint, BodyExternal}

// Method is how a body decides a kind of question.
type Method string

// Decision methods.
const (
	// Consensus adopts when no participating member objects and at least one joins.
	Consensus Method = "consensus"
	// ConsensusLimited is consensus in which a member may declare non-interest: it then
	// does not take part and the decision does not bind it (the "limited format").
	ConsensusLimited Method = "consensus_limited"
	// Unanimity adopts when every member that takes part joins.
	Unanimity Method = "unanimity"
	// SimpleMajority adopts when more members join than object.
	SimpleMajority Method = "simple_majority"
	// QualifiedMajority adopts when the joining members reach a fraction of the base.
	QualifiedMajority Method = "qualified_majority"
)

var methods = []Method{Consensus, ConsensusLimited, Unanimity, SimpleMajority, QualifiedMajority}

// Fraction is a ratio such as 2/3. The zero Fraction means "none".
type Fraction struct {
	Num int `json:"num"`
	Den int `json:"den"`
}

// IsZero reports whether the fraction is unset.
func (q Fraction) IsZero() bool { return q.Num == 0 && q.Den == 0 }

// String renders the fraction as "n/d".
func (q Fraction) String() string { return fmt.Sprintf("%d/%d", q.Num, q.Den) }

// reached reports whether part/whole ≥ Num/Den, in integers.
func (q Fraction) reached(part, whole int) bool { return part*q.Den >= q.Num*whole }

func (q Fraction) validate(f fieldErrors, field string) {
	if q.IsZero() {
		return
	}
	if q.Den <= 0 || q.Num <= 0 || q.Num > q.Den {
		f.addf(field, "%s is not a fraction between 0 and 1", q)
	}
}

// Procedure is how one kind of question (substantive or procedural) is decided.
type Procedure struct {
	Method Method `json:"method"`
	// Majority is the fraction a qualified majority needs, such as 2/3.
	Majority Fraction `json:"majority,omitzero"`
	// OfAllMembers makes a majority count against all members rather than against
	// those present and voting.
	OfAllMembers bool `json:"of_all_members,omitempty"`
}

// DecisionRule is a body's rule of decision from a date on.
type DecisionRule struct {
	From        Date      `json:"from"`
	Substantive Procedure `json:"substantive"`
	Procedural  Procedure `json:"procedural"`
	// Quorum is the fraction of members that must be present (not absent); zero means none.
	Quorum Fraction `json:"quorum,omitzero"`
	// AbsentBlocks makes the absence of any member block adoption.
	AbsentBlocks bool `json:"absent_blocks,omitempty"`
	// Basis says where the rule comes from, such as the charter's article.
	Basis Text `json:"basis,omitzero"`
	Provenance
}

// For returns the procedure for an item of kind k.
func (r DecisionRule) For(k ItemKind) Procedure {
	if k == Procedural {
		return r.Procedural
	}
	return r.Substantive
}

// Allows says whether a state may take the stance on an item of kind k under the rule:
// only consensus in the limited format lets a member declare non-interest. Recording a
// position and importing a roll call both ask it, so the rule is written once.
func (r DecisionRule) Allows(k ItemKind, stance Stance) error {
	if stance == NonInterest && r.For(k).Method != ConsensusLimited {
		return Errorf(EINVALID, "the rule in force decides %s items by %s, which does not allow declaring non-interest", k, r.For(k).Method)
	}
	return nil
}

func (p Procedure) validate(f fieldErrors, field string) {
	if !slices.Contains(methods, p.Method) {
		f.addf(field+".method", "%q is not a method: use consensus, consensus_limited, unanimity, simple_majority or qualified_majority", p.Method)
	}
	if p.Method == QualifiedMajority && p.Majority.IsZero() {
		f.add(field+".majority", "a qualified majority needs its fraction, such as 2/3")
	}
	if p.Method != QualifiedMajority && !p.Majority.IsZero() {
		f.add(field+".majority", "only a qualified majority takes a fraction")
	}
	p.Majority.validate(f, field+".majority")
}

// RotationOrder says how the chair of a body passes from state to state.
type RotationOrder string

// Rotation orders.
const (
	// RotationRussianAlphabetical follows the Russian alphabetical order of the states' names.
	RotationRussianAlphabetical RotationOrder = "ru_alphabetical"
	// RotationEnglishAlphabetical follows the English alphabetical order of the states' names.
	RotationEnglishAlphabetical RotationOrder = "en_alphabetical"
	// RotationExplicit follows the list of states given with the rotation.
	RotationExplicit RotationOrder = "explicit"
)

// Rotation is a body's configured order of chairmanship.
type Rotation struct {
	Order  RotationOrder `json:"order"`
	States []string      `json:"states,omitempty" ref:"state"`
}

// IsZero reports whether no rotation is configured.
func (r Rotation) IsZero() bool { return r.Order == "" && len(r.States) == 0 }

// Body is a governing or working body of the organization, with its rules of decision
// over time.
type Body struct {
	ID       string         `json:"id"`
	Name     Text           `json:"name"`
	Short    Text           `json:"short,omitzero"`
	Kind     BodyKind       `json:"kind"`
	Parent   string         `json:"parent,omitempty" ref:"body"`
	Rules    []DecisionRule `json:"rules,omitempty"`
	Rotation Rotation       `json:"rotation,omitzero"`
	// OwnMembers makes the body's members its own: the states with membership periods in
	// this body (MembershipPeriod.Body), such as an imported General Assembly's. Without
	// it, a body's members are the organization's.
	OwnMembers bool `json:"own_members,omitempty"`
	Provenance
}

// membershipKey is the Body a membership period must name to count in the body: the
// body's ID for a body with its own members, "" (the organization) for the others.
func (b *Body) membershipKey() string {
	if b == nil || !b.OwnMembers {
		return ""
	}
	return b.ID
}

// RuleOn returns the rule in force on date d: the latest rule whose From is on or before
// d. It returns an ENOTFOUND error when the body had no rule then.
func (b *Body) RuleOn(d Date) (DecisionRule, error) {
	var best *DecisionRule
	for i := range b.Rules {
		r := &b.Rules[i]
		if !r.From.After(d) && (best == nil || r.From.After(best.From)) {
			best = r
		}
	}
	if best == nil {
		return DecisionRule{}, Errorf(ENOTFOUND, "body %s has no decision rule in force on %s", b.ID, d)
	}
	return *best, nil
}

// Validate checks the body and its rules.
func (b *Body) Validate() error {
	f := fieldErrors{}
	checkID(f, "id", b.ID, true)
	b.Name.validate(f, "name", true)
	b.Short.validate(f, "short", false)
	if !slices.Contains(bodyKinds, b.Kind) {
		f.addf("kind", "%q is not a kind of body", b.Kind)
	}
	checkID(f, "parent", b.Parent, false)
	if b.Parent == b.ID && b.ID != "" {
		f.add("parent", "a body cannot be its own parent")
	}
	seen := map[Date]bool{}
	for i, r := range b.Rules {
		field := fieldIndex("rules", i)
		if r.From.IsZero() {
			f.add(field+".from", "is required: the date from which the rule applies")
		}
		if seen[r.From] {
			f.add(field+".from", "another rule starts on the same date")
		}
		seen[r.From] = true
		r.Substantive.validate(f, field+".substantive")
		r.Procedural.validate(f, field+".procedural")
		r.Quorum.validate(f, field+".quorum")
		r.Basis.validate(f, field+".basis", false)
		checkRefs(f, field+".sources", r.Sources)
	}
	switch b.Rotation.Order {
	case "", RotationRussianAlphabetical, RotationEnglishAlphabetical:
	case RotationExplicit:
		if len(b.Rotation.States) == 0 {
			f.add("rotation.states", "an explicit rotation lists the states in order")
		}
	default:
		f.addf("rotation.order", "%q is not a rotation order: use ru_alphabetical, en_alphabetical or explicit", b.Rotation.Order)
	}
	checkRefs(f, "rotation.states", b.Rotation.States)
	b.Provenance.validate(f)
	return f.err("body " + b.ID)
}
