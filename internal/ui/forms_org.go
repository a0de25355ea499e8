package ui

import (
	"net/http"
	"strconv"
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
			if m := f.str("majority", false); m != "" {
				num, den, ok := strings.Cut(m, "/")
				n, err1 := strconv.Atoi(strings.TrimSpace(num))
				dd, err2 := strconv.Atoi(strings.TrimSpace(den))
				if !ok || err1 != nil || err2 != nil {
					f.fail("majority", "Write the fraction as 2/3.")
				}
				q := secretariat.Fraction{Num: n, Den: dd}
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
