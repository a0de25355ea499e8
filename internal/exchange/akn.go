package exchange

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"secretariat"
	"secretariat/internal/store"
)

// Akoma Ntoso 3.0 (OASIS LegalDocML): each decision as a document (a statement for
// statements and declarations, a doc for every other kind), each session as a debate
// record with its items, the states' positions and the outcomes. Every document is one
// expression of its work: the authentic Russian (rus) and, where the record has it, the
// English translation (eng), each in a file of its own.

// AKNNamespace is the namespace of Akoma Ntoso 3.0 as OASIS published it (2018);
// aknNamespaceWD17 is the one of its committee drafts (2016), which the import reads too.
const (
	AKNNamespace     = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
	aknNamespaceWD17 = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0/WD17"
)

// The ontology addresses by which the documents name what the record holds, so that the
// import knows its own: /akn/ontology/organization/secretariat/state/KG is member state
// KG, …/body/csc is body csc.
const (
	aknStateHref   = "/akn/ontology/organization/secretariat/state/"
	aknBodyHref    = "/akn/ontology/organization/secretariat/body/"
	aknConceptHref = "/akn/ontology/concept/secretariat/"
	// aknAliasName names the FRBRalias that carries a record's ID, and aknItemAlias the
	// one by which a decision names its item.
	aknAliasName = "secretariat"
	aknItemAlias = "secretariat-item"
)

// aknLang is the ISO 639-2 code of a language, as AKN's FRBRlanguage writes it.
var aknLang = map[secretariat.Lang]string{secretariat.RU: "rus", secretariat.EN: "eng"}

// AKNSummary counts what an export wrote.
type AKNSummary struct {
	Debates   int `json:"debates"`
	Decisions int `json:"decisions"`
	Files     int `json:"files"`
}

// aknExport is one export's context: what every document names.
type aknExport struct {
	ctx     context.Context
	st      *store.Store
	v       secretariat.Viewer
	country string // the organization's ID, the FRBRcountry of every work
	org     secretariat.Organization
	bodies  map[string]secretariat.Body
	states  map[string]secretariat.MemberState
	stamp   string // the date of the journal's head: each manifestation's date
	create  func(string) (io.WriteCloser, error)
	sum     AKNSummary
}

// ExportAKN writes the sessions and decisions the viewer may see as Akoma Ntoso
// documents through create: debate-SESSION.rus.xml and decision-ID.rus.xml, with an
// .eng.xml beside each where the record has English. What the viewer may not see is
// left out (a restricted item, its positions and its decision are not in the public's
// debate), as every read of the store leaves it out.
func ExportAKN(ctx context.Context, st *store.Store, v secretariat.Viewer, create func(name string) (io.WriteCloser, error)) (AKNSummary, error) {
	st, err := pinned(ctx, st)
	if err != nil {
		return AKNSummary{}, err
	}
	x := &aknExport{ctx: ctx, st: st, v: v, create: create, country: "int", bodies: map[string]secretariat.Body{}, states: map[string]secretariat.MemberState{}}
	if err := x.load(); err != nil {
		return x.sum, err
	}
	if err := eachRecord(ctx, st, v, kindInfo("session"), func(r secretariat.Record) error {
		return x.debate(*r.(*secretariat.Session))
	}); err != nil {
		return x.sum, err
	}
	err = eachRecord(ctx, st, v, kindInfo("decision"), func(r secretariat.Record) error {
		return x.decision(*r.(*secretariat.Decision))
	})
	return x.sum, err
}

func kindInfo(name string) secretariat.KindInfo {
	k, _ := secretariat.LookupKind(name)
	return k
}

// load reads what every document names: the organization, the bodies, the states, and
// the day of the journal's head.
func (x *aknExport) load() error {
	orgs, _, err := store.FindAll[secretariat.Organization](x.ctx, x.st, x.v, store.Filter{Limit: 1})
	if err != nil {
		return err
	}
	if len(orgs) > 0 {
		x.org, x.country = orgs[0], strings.ToLower(orgs[0].ID)
	}
	bodies, _, err := store.FindAll[secretariat.Body](x.ctx, x.st, x.v, store.Filter{})
	if err != nil {
		return err
	}
	for _, b := range bodies {
		x.bodies[b.ID] = b
	}
	states, _, err := store.FindAll[secretariat.MemberState](x.ctx, x.st, x.v, store.Filter{})
	if err != nil {
		return err
	}
	for _, s := range states {
		x.states[s.ID] = s
	}
	x.stamp = "2000-01-01"
	if n, _, err := x.st.Head(x.ctx); err == nil && n > 0 {
		e, err := x.st.Entry(x.ctx, n)
		if err != nil {
			return err
		}
		x.stamp = e.At.UTC().Format("2006-01-02")
	}
	return nil
}

// write writes one document's file.
func (x *aknExport) write(name string, root *xnode) error {
	w, err := x.create(name)
	if err != nil {
		return err
	}
	if err := writeXML(w, root, AKNNamespace); err != nil {
		w.Close()
		return fmt.Errorf("writing %s: %w", name, err)
	}
	x.sum.Files++
	return w.Close()
}

// refs gathers a document's references (TLC elements), each once, in the order first
// named.
type refs struct {
	seen map[string]bool
	list []*xnode
}

func (r *refs) add(kind, eID, href, showAs string) string {
	if r.seen == nil {
		r.seen = map[string]bool{}
	}
	if !r.seen[eID] {
		r.seen[eID] = true
		r.list = append(r.list, el(kind, "eId", eID, "href", href, "showAs", showAs))
	}
	return "#" + eID
}

func (x *aknExport) body(r *refs, id string, lang secretariat.Lang) string {
	name := id
	if b, ok := x.bodies[id]; ok {
		name = b.Name.In(lang)
	}
	return r.add("TLCOrganization", "body-"+id, aknBodyHref+id, name)
}

func (x *aknExport) state(r *refs, id string, lang secretariat.Lang) string {
	return r.add("TLCOrganization", "state-"+id, aknStateHref+id, x.stateName(id, lang))
}

func (x *aknExport) stateName(id string, lang secretariat.Lang) string {
	if s, ok := x.states[id]; ok {
		return s.Name.In(lang)
	}
	return id
}

// concept names one of the record's values as a TLCConcept whose eId is the value's
// enumeration and the value: stance_joins, result_adopted, kind_plan, step_signature.
func concept(r *refs, enum, value, showAs string) string {
	return r.add("TLCConcept", enum+"_"+value, aknConceptHref+enum+"/"+value, showAs)
}

// aknWords are the concepts a decision's workflow names.
var aknWords = map[string]secretariat.Text{
	"signature":        secretariat.T("подписание", "signature"),
	"entry_into_force": secretariat.T("вступление в силу", "entry into force"),
}

// identification writes the FRBR metadata of one expression of a work.
func (x *aknExport) identification(r *refs, work, alias, date, subtype string, authors []string, lang secretariat.Lang, authoritative bool, extra ...*xnode) *xnode {
	expr := work + "/" + aknLang[lang] + "@"
	w := el("FRBRWork").add(
		el("FRBRthis", "value", work+"/!main"),
		el("FRBRuri", "value", work),
		el("FRBRalias", "value", alias, "name", aknAliasName))
	w.add(extra...)
	w.add(el("FRBRdate", "date", date, "name", "adoption"))
	for _, a := range authors {
		w.add(el("FRBRauthor", "href", a, "as", r.add("TLCRole", "author", "/akn/ontology/role/secretariat/author", "author")))
	}
	w.add(el("FRBRcountry", "value", x.country))
	if subtype != "" {
		w.add(el("FRBRsubtype", "value", subtype))
	}
	editor := r.add("TLCOrganization", "secretariat", "/akn/ontology/organization/secretariat/secretariat", x.secretariatName(lang))
	editorRole := r.add("TLCRole", "editor", "/akn/ontology/role/secretariat/editor", "editor")
	e := el("FRBRExpression").add(
		el("FRBRthis", "value", expr+"/!main"),
		el("FRBRuri", "value", expr),
		el("FRBRdate", "date", date, "name", "adoption"),
		el("FRBRauthor", "href", editor, "as", editorRole),
		el("FRBRauthoritative", "value", strconv.FormatBool(authoritative)),
		el("FRBRlanguage", "language", aknLang[lang]))
	m := el("FRBRManifestation").add(
		el("FRBRthis", "value", expr+"/!main.xml"),
		el("FRBRuri", "value", expr+".akn"),
		el("FRBRdate", "date", x.stamp, "name", "generation"),
		el("FRBRauthor", "href", editor, "as", editorRole))
	return el("identification", "source", editor).add(w, e, m)
}

func (x *aknExport) secretariatName(lang secretariat.Lang) string {
	if n := x.org.Name.In(lang); n != "" {
		return map[secretariat.Lang]string{secretariat.RU: "Секретариат: ", secretariat.EN: "Secretariat: "}[lang] + n
	}
	return "Secretariat"
}

// paragraphs splits a text into its paragraphs (at blank lines, or at line ends).
func paragraphs(text string) []string {
	var out []string
	for _, p := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// langsOf returns the languages of a document: Russian, and English when has says so.
func langsOf(english bool) []secretariat.Lang {
	if english {
		return []secretariat.Lang{secretariat.RU, secretariat.EN}
	}
	return []secretariat.Lang{secretariat.RU}
}

// decision writes a decision's documents.
func (x *aknExport) decision(d secretariat.Decision) error {
	en, hasEN := secretariat.TranslationIn(d.Translations, secretariat.EN)
	for _, lang := range langsOf(hasEN || d.Title.EN != "") {
		var r refs
		docName := "doc"
		if d.Kind == secretariat.KindStatement || d.Kind == secretariat.KindDeclaration {
			docName = "statement"
		}
		work := fmt.Sprintf("/akn/%s/%s/%s/%s/%s", x.country, docName, d.Kind, d.Date, d.ID)
		author := x.body(&r, d.Body, lang)
		id := x.identification(&r, work, d.ID, d.Date.String(), "", []string{author}, lang, lang == secretariat.RU,
			el("FRBRalias", "value", d.Item, "name", aknItemAlias))
		if lang == secretariat.EN && hasEN {
			// The translation's status: FRBRalias comes after FRBRuri in an expression.
			expr := id.child("FRBRExpression")
			expr.kids = slices.Insert(expr.kids, 2, el("FRBRalias", "value", string(en.Status), "name", "secretariat-translation"))
		}
		id.child("FRBRWork").add(el("FRBRnumber", "value", strconv.Itoa(d.Number)), el("FRBRname", "value", string(d.Kind)))
		// FRBRnumber and FRBRname come after FRBRcountry and FRBRsubtype in the schema.
		fixWorkOrder(id.child("FRBRWork"))
		meta := el("meta").add(id)
		var steps []*xnode
		for _, s := range d.Signatures {
			steps = append(steps, el("step", "date", s.Date.String(), "by", x.state(&r, s.State, lang), "refersTo", concept(&r, "step", "signature", aknWords["signature"].In(lang))))
		}
		for _, s := range d.InForce {
			steps = append(steps, el("step", "date", s.Date.String(), "by", x.state(&r, s.State, lang), "refersTo", concept(&r, "step", "entry_into_force", aknWords["entry_into_force"].In(lang))))
		}
		var notBound *xnode
		if len(d.NotBound) > 0 {
			notBound = el("p", "class", "not_bound")
			notBound.addText(map[secretariat.Lang]string{secretariat.RU: "Не связывает: ", secretariat.EN: "Not binding on: "}[lang])
			for i, s := range d.NotBound {
				if i > 0 {
					notBound.addText(", ")
				}
				notBound.add(textEl("organization", x.stateName(s, lang), "refersTo", x.state(&r, s, lang)))
			}
		}
		if len(steps) > 0 {
			meta.add(el("workflow", "source", "#secretariat").add(steps...))
		}
		meta.add(el("references", "source", "#secretariat").add(r.list...))
		var ratification *xnode
		if d.RequiresRatification {
			ratification = el("ratification", "xmlns", aknProprietaryNS, "record", d.ID, "required", "true")
		}
		meta.add(proprietary(map[string]secretariat.Access{d.ID: d.Access}, ratification))
		title := d.Title.In(lang)
		preface := el("preface").add(
			el("longTitle").add(el("p").add(textEl("docTitle", title))),
			el("p").add(textEl("docNumber", strconv.Itoa(d.Number)), &xnode{text: " "}, textEl("docDate", longDate(d.Date, lang), "date", d.Date.String())),
			notBound)
		body := el("mainBody")
		text := d.Text
		if lang == secretariat.EN {
			text = en.Text
		}
		for _, p := range paragraphs(text) {
			body.add(textEl("p", p))
		}
		if len(body.kids) == 0 {
			body.add(textEl("p", map[secretariat.Lang]string{secretariat.RU: "Текст решения в записи отсутствует.", secretariat.EN: "The record does not hold the decision's text."}[lang], "class", "no_text"))
		}
		doc := el(docName, "name", string(d.Kind)).add(meta, preface, body)
		if err := x.write("decision-"+d.ID+"."+aknLang[lang]+".xml", el("akomaNtoso").add(doc)); err != nil {
			return err
		}
	}
	x.sum.Decisions++
	return nil
}

// fixWorkOrder puts a FRBRWork's children in the schema's order.
func fixWorkOrder(w *xnode) {
	order := []string{"FRBRthis", "FRBRuri", "FRBRalias", "FRBRdate", "FRBRauthor", "componentInfo", "preservation",
		"FRBRcountry", "FRBRsubtype", "FRBRnumber", "FRBRname", "FRBRportion", "FRBRprescriptive", "FRBRauthoritative"}
	slices.SortStableFunc(w.kids, func(a, b *xnode) int { return slices.Index(order, a.name) - slices.Index(order, b.name) })
}

// longDate writes a date for people: "28 November 2019", "28 ноября 2019 года".
func longDate(d secretariat.Date, lang secretariat.Lang) string {
	if lang == secretariat.RU {
		months := []string{"января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря"}
		return fmt.Sprintf("%d %s %d года", d.Time().Day(), months[d.Time().Month()-1], d.Year())
	}
	return d.Time().Format("2 January 2006")
}

// debate writes a session's debate records.
func (x *aknExport) debate(s secretariat.Session) error {
	items, _, err := store.FindAll[secretariat.AgendaItem](x.ctx, x.st, x.v, store.Where("session", s.ID))
	if err != nil {
		return err
	}
	slices.SortStableFunc(items, func(a, b secretariat.AgendaItem) int { return a.Number - b.Number })
	positions := map[string][]secretariat.Position{}
	for _, it := range items {
		ps, _, err := store.FindAll[secretariat.Position](x.ctx, x.st, x.v, store.Where("item", it.ID))
		if err != nil {
			return err
		}
		positions[it.ID] = ps
	}
	for _, lang := range langsOf(true) {
		var r refs
		work := fmt.Sprintf("/akn/%s/debaterecord/%s/%s/%s", x.country, s.Body, s.Date, s.ID)
		// The session's body, then the bodies of a joint meeting, as the record lists them.
		authors := []string{x.body(&r, s.Body, lang)}
		for _, b := range s.Bodies {
			authors = append(authors, x.body(&r, b, lang))
		}
		meta := el("meta").add(x.identification(&r, work, s.ID, s.Date.String(), string(s.Kind), authors, lang, lang == secretariat.RU))
		var votings []*xnode
		debateBody := el("debateBody")
		for n, it := range items {
			sect := fmt.Sprintf("dbsect_%d", n+1)
			section := el("debateSection", "eId", sect, "GUID", it.ID, "name", "item", "class", string(it.Kind)).add(
				textEl("num", strconv.Itoa(it.Number)),
				textEl("heading", it.Title.In(lang)))
			if it.DecisionKind != "" {
				section.add(el("p", "class", "decision_kind").add(textEl("concept", secretariat.Label(it.DecisionKind, lang), "refersTo", concept(&r, "kind", string(it.DecisionKind), secretariat.Label(it.DecisionKind, lang)))))
			}
			for _, p := range positions[it.ID] {
				line := el("p", "class", "position").add(textEl("vote", x.stateName(p.State, lang), "by", x.state(&r, p.State, lang), "choice", concept(&r, "stance", string(p.Stance), secretariat.Label(p.Stance, lang))))
				if res := p.Reservation.In(lang); res != "" {
					line.addText(": ").add(textEl("span", res, "class", "reservation"))
				}
				section.add(line)
			}
			if o := it.Outcome; o != nil {
				outcome := concept(&r, "result", string(o.Result), secretariat.Label(o.Result, lang))
				line := el("p", "class", "outcome").add(textEl("outcome", secretariat.Label(o.Result, lang), "refersTo", outcome)).addText(" " + o.Explain(lang))
				if note := o.Note.In(lang); note != "" {
					line.addText(" ").add(textEl("span", note, "class", "note"))
				}
				section.add(line)
				voting := el("voting", "eId", fmt.Sprintf("vot_%d", n+1), "href", "#"+sect, "outcome", outcome)
				t := o.Tally
				for i, c := range []struct {
					stance secretariat.Stance
					n      int
				}{{secretariat.Joins, t.Joins}, {secretariat.JoinsWithReservation, t.Reservations}, {secretariat.Abstains, t.Abstains},
					{secretariat.NonInterest, t.NonInterest}, {secretariat.Objects, t.Objects}, {secretariat.Absent, t.Absent}} {
					if c.n > 0 {
						voting.add(el("count", "eId", fmt.Sprintf("vot_%d__cnt_%d", n+1, i+1), "value", strconv.Itoa(c.n), "refersTo", concept(&r, "stance", string(c.stance), secretariat.Label(c.stance, lang))))
					}
				}
				if len(voting.kids) > 0 {
					votings = append(votings, voting)
				}
			}
			debateBody.add(section)
		}
		if len(items) == 0 {
			note := s.Note.In(lang)
			if note == "" {
				note = map[secretariat.Lang]string{secretariat.RU: "Вопросы этого заседания в записи отсутствуют.", secretariat.EN: "The record holds no item of this session."}[lang]
			}
			p := textEl("p", note)
			if s.Note.In(lang) == "" {
				p = textEl("p", note, "class", "generated")
			}
			debateBody.add(el("debateSection", "eId", "dbsect_1", "name", "note").add(p))
		}
		title, titleClass := s.Title.In(lang), ""
		if title == "" {
			titleClass = "generated"
			b := x.bodies[s.Body]
			title = b.Name.In(lang) + ": " + map[secretariat.Lang]map[secretariat.SessionKind]string{
				secretariat.EN: {secretariat.Regular: "regular session", secretariat.Extraordinary: "extraordinary session"},
				secretariat.RU: {secretariat.Regular: "очередная сессия", secretariat.Extraordinary: "внеочередная сессия"},
			}[lang][s.Kind]
		}
		preface := el("preface").add(el("p", "class", titleClass).add(textEl("docTitle", title)), el("p").add(textEl("docDate", longDate(s.Date, lang), "date", s.Date.String())))
		if place := s.Place.In(lang); place != "" {
			preface.add(textEl("p", place, "class", "place"))
		}
		if s.Chair != "" {
			preface.add(el("p", "class", "chair").add(textEl("organization", x.stateName(s.Chair, lang), "refersTo", x.state(&r, s.Chair, lang))))
		}
		if note := s.Note.In(lang); note != "" && len(items) > 0 {
			preface.add(textEl("p", note, "class", "note"))
		}
		if len(votings) > 0 {
			meta.add(el("analysis", "source", "#secretariat").add(el("parliamentary").add(votings...)))
		}
		meta.add(el("references", "source", "#secretariat").add(r.list...))
		access := map[string]secretariat.Access{}
		for _, it := range items {
			access[it.ID] = it.Access
		}
		meta.add(proprietary(access, nil))
		doc := el("debate", "name", "session").add(meta, preface, debateBody)
		if err := x.write("debate-"+s.ID+"."+aknLang[lang]+".xml", el("akomaNtoso").add(doc)); err != nil {
			return err
		}
	}
	x.sum.Debates++
	return nil
}

// proprietary writes what the record holds that Akoma Ntoso has no element for, in
// this program's namespace within meta/proprietary (Akoma Ntoso's place for a
// publisher's own metadata), so that an import keeps it: the classifications of the
// records a document holds that are not public (a restricted item read back stays
// restricted; the public summary is not carried), and that a decision needs
// ratification. Nil when there is nothing to say.
func proprietary(access map[string]secretariat.Access, more ...*xnode) *xnode {
	p := el("proprietary", "source", "#secretariat").add(more...)
	for _, id := range sortedKeys(access) {
		a := access[id]
		if a.Level() == secretariat.Public {
			continue
		}
		p.add(el("access", "xmlns", aknProprietaryNS, "record", id, "classification", string(a.Level()), "parties", strings.Join(a.Parties, " ")))
	}
	if len(p.kids) == 0 {
		return nil
	}
	return p
}
