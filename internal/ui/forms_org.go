package ui

import (
	"net/http"
	"slices"
	"strings"

	"secretariat"
	"secretariat/internal/store"
)

// The forms that set up a record: the organization, its member states and its bodies
// with their rules of decision. The demo has them; a new record starts here.

func (a *App) organizationForm() verbForm {
	return verbForm{nav: "",
		page: func(r *http.Request, b *Base) (*FormPage, error) {
			p := &FormPage{Base: b, Heading: b.T("Found the organization"), Back: b.Href("/"),
				Intro: b.T("The treaty organization whose record this is; there is one per installation.")}
			p.Sets = []Fieldset{set("", one(b.input("text", "id", "Identifier", true)), b.bilingual("text", "name", "Name", true), b.bilingual("text", "short", "Short name", false))}
			return p, nil
		},
		apply: func(r *http.Request, st *store.Store, f *form) (string, error) {
			o := secretariat.Organization{ID: f.id("id", true), Name: f.text("name", true), Short: f.text("short", false)}
			if !f.ok() {
				return "", nil
			}
			_, err := st.FoundOrganization(r.Context(), o)
			return "/", err
		}}
}

func (a *App) stateForm() verbForm {
	return verbForm{nav: "states",
		page: func(r *http.Request, b *Base) (*FormPage, error) {
			p := &FormPage{Base: b, Heading: b.T("Admit a member state"), Back: b.Href("/states"),
				Intro: b.T("A state and the day its membership began.")}
			code := withHelp(b.input("text", "code", "ISO 3166-1 code", false), b.T("Two capital letters, as KG; it is also the state's identifier."))
			id := withHelp(b.input("text", "id", "Identifier", false), b.T("Left empty, the code."))
			p.Sets = []Fieldset{set("", one(code), one(id), b.bilingual("text", "name", "Name", true), one(b.input("date", "from", "Member from", true)))}
			return p, nil
		},
		apply: func(r *http.Request, st *store.Store, f *form) (string, error) {
			s := secretariat.MemberState{Code: strings.ToUpper(f.str("code", false)), ID: f.id("id", false), Name: f.text("name", true),
				Memberships: []secretariat.MembershipPeriod{{Status: secretariat.StandingMember, From: f.date("from", true)}}}
			if s.ID == "" {
				s.ID = s.Code
			}
			if s.ID == "" {
				f.fail("code", "Give the code or an identifier.")
			}
			if !f.ok() {
				return "", nil
			}
			e, err := st.AdmitState(r.Context(), s)
			if err != nil {
				return "", err
			}
			return RecordPath("state", e.ID), nil
		}}
}

var methodValues = []string{"consensus", "consensus_limited", "unanimity", "simple_majority", "qualified_majority"}

func (a *App) bodyForm() verbForm {
	return verbForm{nav: "states",
		page: func(r *http.Request, b *Base) (*FormPage, error) {
			p := &FormPage{Base: b, Heading: b.T("Register a body"), Back: b.Href("/bodies"),
				Intro: b.T("A governing or working body, with the rule by which it decides from a date on. A session is decided by the rule in force on its date.")}
			substantive := b.selectField("rule.substantive", "Substantive questions", selected(b.enumOptions("method", methodValues...), "consensus_limited"), true)
			procedural := b.selectField("rule.procedural", "Procedural questions", selected(b.enumOptions("method", methodValues...), "simple_majority"), true)
			majority := withHelp(b.input("text", "majority", "Qualified majority", false), b.T("For a qualified majority, the fraction, as 2/3."))
			p.Sets = []Fieldset{
				set(b.T("The body"), one(b.input("text", "id", "Identifier", true)), b.bilingual("text", "name", "Name", true), b.bilingual("text", "short", "Short name", false),
					one(b.selectField("kind", "Kind", b.enumOptions("body_kind", "supreme", "council", "committee", "permanent", "secretariat", "staff", "assembly", "working_group", "joint", "external"), true)),
					one(b.selectField("parent", "Part of", b.bodyOptions(), false)),
					one(b.selectField("rotation", "Chairmanship rotates", b.enumOptions("rotation_order", "ru_alphabetical", "en_alphabetical"), false))),
				set(b.T("Its rule of decision"), one(b.input("date", "rule.from", "In force from", true)),
					one(substantive), one(procedural), one(majority)),
			}
			return p, nil
		},
		apply: func(r *http.Request, st *store.Store, f *form) (string, error) {
			d, _ := a.directory(r.Context())
			body := secretariat.Body{ID: f.id("id", true), Name: f.text("name", true), Short: f.text("short", false),
				Kind:   secretariat.BodyKind(f.choice("kind", []string{"supreme", "council", "committee", "permanent", "secretariat", "staff", "assembly", "working_group", "joint", "external"}, true)),
				Parent: f.choice("parent", keys(d.bodies), false)}
			if rot := f.choice("rotation", []string{"ru_alphabetical", "en_alphabetical"}, false); rot != "" {
				body.Rotation = secretariat.Rotation{Order: secretariat.RotationOrder(rot)}
			}
			rule := secretariat.DecisionRule{From: f.date("rule.from", true),
				Substantive: secretariat.Procedure{Method: secretariat.Method(f.choice("rule.substantive", methodValues, true))},
				Procedural:  secretariat.Procedure{Method: secretariat.Method(f.choice("rule.procedural", methodValues, true))}}
			if q := f.fraction("majority"); !q.IsZero() {
				if rule.Substantive.Method == secretariat.QualifiedMajority {
					rule.Substantive.Majority = q
				}
				if rule.Procedural.Method == secretariat.QualifiedMajority {
					rule.Procedural.Majority = q
				}
			}
			body.Rules = []secretariat.DecisionRule{rule}
			if !f.ok() {
				return "", nil
			}
			e, err := st.RegisterBody(r.Context(), body)
			if err != nil {
				return "", err
			}
			return RecordPath("body", e.ID), nil
		}}
}

// membershipChanges are what the membership form records: a suspension, a withdrawal
// (the open membership ends), or a membership that begins (a readmission, or in a body
// with its own members).
var membershipChanges = []string{"suspended", "withdrawal", "member"}

func (a *App) membershipForm() verbForm {
	return verbForm{nav: "states",
		page: func(r *http.Request, b *Base) (*FormPage, error) {
			s, err := pathRecord[secretariat.MemberState](a, r)
			if err != nil {
				return nil, err
			}
			p := &FormPage{Base: b, Heading: b.T("Record a change of membership"), Back: b.Rec("state", s.ID),
				Context: []Fact{{Term: b.T("State"), Value: s.Name.In(b.Lang), Href: b.Rec("state", s.ID)}},
				Intro:   b.T("A suspension lies inside a membership; a withdrawal ends the membership of the organization on its last day, and with it every period still running in its bodies; a readmission begins a new one. The periods already recorded are kept.")}
			change := Field{Name: "change", Label: b.T("What happened"), Kind: "radio", Required: true,
				Options: selected([]Option{{Value: "suspended", Label: b.T("the membership was suspended")}, {Value: "withdrawal", Label: b.T("the state withdrew")},
					{Value: "member", Label: b.T("a membership began (readmission, or in a body with its own members)")}}, "suspended")}
			body := withHelp(b.selectField("body", "In the body", b.bodyOptions(), false), b.T("Left empty, the organization. A withdrawal is from the organization."))
			from := withHelp(b.input("date", "from", "From", false), b.T("The first day of a suspension or a membership."))
			until := withHelp(b.input("date", "until", "Until", false), b.T("The last day: of a suspension or membership when known; of the membership, for a withdrawal."))
			p.Sets = []Fieldset{set("", one(change), one(body), one(from), one(until), one(b.input("text", "pnote", "Note", false)))}
			return p, nil
		},
		apply: func(r *http.Request, st *store.Store, f *form) (string, error) {
			d, _ := a.directory(r.Context())
			change := f.choice("change", membershipChanges, true)
			body := f.choice("body", keys(d.bodies), false)
			var period secretariat.MembershipPeriod
			var withdrawOn secretariat.Date
			switch change {
			case "withdrawal":
				withdrawOn = f.date("until", true)
				if f.str("from", false) != "" {
					f.fail("from", "A withdrawal has only its last day.")
				}
				if body != "" {
					f.fail("body", "A withdrawal is from the organization: leave the body empty.")
				}
			case "suspended", "member":
				period = secretariat.MembershipPeriod{Body: body, Status: secretariat.Standing(change), From: f.date("from", true),
					Until: f.date("until", false), Note: f.str("pnote", false)}
				if !period.Until.IsZero() && period.Until.Before(period.From) {
					f.fail("until", "The last day is before the first.")
				}
			}
			if !f.ok() {
				return "", nil
			}
			if _, err := st.RecordMembership(r.Context(), r.PathValue("id"), period, withdrawOn); err != nil {
				return "", err
			}
			return RecordPath("state", r.PathValue("id")) + "#membership", nil
		}}
}

func (a *App) ruleForm() verbForm {
	return verbForm{nav: "states",
		page: func(r *http.Request, b *Base) (*FormPage, error) {
			body, err := pathRecord[secretariat.Body](a, r)
			if err != nil {
				return nil, err
			}
			srcs, err := a.sourceOptions(r)
			if err != nil {
				return nil, err
			}
			// The new rule starts from the one in force, since most changes touch one part.
			last := secretariat.DecisionRule{Substantive: secretariat.Procedure{Method: secretariat.ConsensusLimited},
				Procedural: secretariat.Procedure{Method: secretariat.SimpleMajority}}
			if n := len(body.Rules); n > 0 {
				last = body.Rules[n-1]
			}
			p := &FormPage{Base: b, Heading: b.T("Add a rule of decision"), Back: b.Rec("body", body.ID) + "#rules",
				Context: []Fact{{Term: b.T("Body"), Value: body.Name.In(b.Lang), Href: b.Rec("body", body.ID)}},
				Intro:   b.T("The rule by which the body decides from a date on. A rule in force is never rewritten: a session is decided by the rule in force on its date, and a change is a new rule from a later date.")}
			substantive := b.selectField("rule.substantive", "Substantive questions", selected(b.enumOptions("method", methodValues...), string(last.Substantive.Method)), true)
			procedural := b.selectField("rule.procedural", "Procedural questions", selected(b.enumOptions("method", methodValues...), string(last.Procedural.Method)), true)
			majority := withHelp(b.input("text", "majority", "Qualified majority", false), b.T("For a qualified majority, the fraction, as 2/3."))
			if q := last.Substantive.Majority; !q.IsZero() {
				majority.Value = q.String()
			} else if q := last.Procedural.Majority; !q.IsZero() {
				majority.Value = q.String()
			}
			quorum := withHelp(b.input("text", "quorum", "Quorum", false), b.T("The share of members that must be present, as 2/3; left empty, none."))
			if !last.Quorum.IsZero() {
				quorum.Value = last.Quorum.String()
			}
			absent := Field{Name: "absent_blocks", Label: b.T("An absent member blocks adoption"), Kind: "checkbox"}
			if last.AbsentBlocks {
				absent.Value = "on"
			}
			p.Sets = []Fieldset{
				set(b.T("The rule"), one(withValue(b.input("date", "from", "In force from", true), a.today().String())), one(substantive), one(procedural),
					one(majority), one(quorum), one(absent)),
				set(b.T("Where it comes from"), b.bilingual("textarea", "basis", "Basis", false),
					one(Field{Name: "sources", Label: b.T("Sources"), Kind: "checkboxes", Options: srcs})),
			}
			return p, nil
		},
		apply: func(r *http.Request, st *store.Store, f *form) (string, error) {
			body, err := pathRecord[secretariat.Body](a, r)
			if err != nil {
				return "", err
			}
			srcs, err := a.sourceOptions(r)
			if err != nil {
				return "", err
			}
			rule := secretariat.DecisionRule{From: f.date("from", true),
				Substantive: secretariat.Procedure{Method: secretariat.Method(f.choice("rule.substantive", methodValues, true))},
				Procedural:  secretariat.Procedure{Method: secretariat.Method(f.choice("rule.procedural", methodValues, true))},
				Quorum:      f.fraction("quorum"), AbsentBlocks: f.bool("absent_blocks"), Basis: f.text("basis", false),
				Provenance: secretariat.Provenance{Sources: f.choices("sources", optionValues(srcs))}}
			q := f.fraction("majority")
			qualified := false
			for _, pr := range []*secretariat.Procedure{&rule.Substantive, &rule.Procedural} {
				if pr.Method == secretariat.QualifiedMajority {
					pr.Majority, qualified = q, true
				}
			}
			switch {
			case qualified && q.IsZero():
				f.fail("majority", "A qualified majority needs its fraction, as 2/3.")
			case !qualified && !q.IsZero():
				f.fail("majority", "Only a qualified majority takes a fraction.")
			}
			// The record refuses a second rule from the same day; saying so on the date
			// tells the officer what to change.
			if !rule.From.IsZero() && slices.ContainsFunc(body.Rules, func(x secretariat.DecisionRule) bool { return x.From == rule.From }) {
				f.fail("from", "The body already has a rule from this day; a rule in force is never rewritten: give a later day.")
			}
			if !f.ok() {
				return "", nil
			}
			if _, err := st.SetDecisionRule(r.Context(), body.ID, rule); err != nil {
				return "", err
			}
			return RecordPath("body", body.ID) + "#rules", nil
		}}
}
