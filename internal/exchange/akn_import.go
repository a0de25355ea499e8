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

// The Akoma Ntoso import reads debates and decisions: what the export writes, and what
// other parliaments' documents carry of what the record has. A debate becomes a session
// of its body on its date; each item the debate votes on becomes an agenda item, each
// vote of a state a position, and an item whose outcome the document states is decided
// by the body's rule in the record (an outcome is never typed in: where the rule gives
// another outcome than the document, the import says so). A decision's documents give
// the decision its text, translation, signatures and entry into force. What a document
// carries that the record does not take (votes by persons, counts without the votes
// that make them, acts, bills, judgments…) is reported, line by line.

// AKNFile is one document to import: its name, for messages, and its content.
type AKNFile struct {
	Name string
	Open func() (io.ReadCloser, error)
}

// aknDecision is one expression of a decision's document.
type aknDecision struct {
	file, work, id, item string
	lang                 secretariat.Lang
	kind                 secretariat.DecisionKind
	title, text          string
	translation          secretariat.TranslationStatus
	signatures, inForce  []stateStep
	access               *secretariat.Access
	ratification         bool
	line                 int
}

// aknDoc reads one parsed document, noting what it does not take.
type aknDoc struct {
	file     string
	root     *xnode
	refs     map[string]*xnode // eId → TLC element
	byEID    map[string][]*xnode
	parent   map[*xnode]*xnode
	notTaken *[]string
	errs     *[]string
}

func (d *aknDoc) note(line int, format string, args ...any) {
	*d.notTaken = append(*d.notTaken, fmt.Sprintf("%s: line %d: %s", d.file, line, fmt.Sprintf(format, args...)))
}

func (d *aknDoc) fail(line int, format string, args ...any) {
	*d.errs = append(*d.errs, fmt.Sprintf("%s: line %d: %s", d.file, line, fmt.Sprintf(format, args...)))
}

// ImportAKN reads Akoma Ntoso documents and loads what they carry of sessions and
// decisions into the record, in one batch: all of it, or, when a document cannot be
// read or the record refuses what it says, nothing. Every error names its file and
// line.
func ImportAKN(ctx context.Context, st *store.Store, files []AKNFile) (LoadReport, error) {
	var rep LoadReport
	var errs []string
	var sittings []sitting
	var decisions []aknDecision
	for _, f := range files {
		if err := ctx.Err(); err != nil {
			return rep, err
		}
		d, err := readAKNFile(ctx, f)
		if err != nil {
			errs = append(errs, f.Name+": "+message(err))
			continue
		}
		doc := &aknDoc{file: f.Name, root: d, notTaken: &rep.NotTaken, errs: &errs}
		s, dec := doc.read()
		sittings, decisions = append(sittings, s...), append(decisions, dec...)
	}
	if len(errs) > 0 {
		return rep, FileErrors(errs)
	}
	if len(sittings) == 0 && len(decisions) == 0 {
		return rep, secretariat.Errorf(secretariat.EINVALID, "no debate and no decision in %d documents: nothing was loaded (%s)", len(files), strings.Join(firstN(rep.NotTaken, 3), "; "))
	}
	l := &sittingLoader{ctx: ctx, rep: &rep}
	if err := l.merge(sittings, decisions); err != nil {
		return rep, err
	}
	err := st.Batch(ctx, func(b *store.Store) error {
		l.st = b
		return l.load()
	})
	if err != nil {
		return LoadReport{NotTaken: rep.NotTaken}, err
	}
	return rep, nil
}

func firstN(s []string, n int) []string { return s[:min(n, len(s))] }

func readAKNFile(ctx context.Context, f AKNFile) (*xnode, error) {
	r, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	return readXML(ctx, r)
}

// read reads the document's debates and decisions.
func (d *aknDoc) read() ([]sitting, []aknDecision) {
	root := d.root
	if root.name != "akomaNtoso" || (root.ns != AKNNamespace && root.ns != aknNamespaceWD17) {
		d.fail(root.line, "not an Akoma Ntoso 3.0 document: the root is <%s> in the namespace %q, not <akomaNtoso> in %s", root.name, root.ns, AKNNamespace)
		return nil, nil
	}
	d.refs, d.byEID, d.parent = map[string]*xnode{}, map[string][]*xnode{}, map[*xnode]*xnode{}
	root.walk(func(n *xnode) bool {
		for _, k := range n.elems() {
			d.parent[k] = n
		}
		if id := n.attr("eId"); id != "" {
			d.byEID[id] = append(d.byEID[id], n)
			if strings.HasPrefix(n.name, "TLC") {
				d.refs[id] = n
			}
		}
		return true
	})
	var sittings []sitting
	var decisions []aknDecision
	for _, doc := range root.elems() {
		switch doc.name {
		case "debate":
			if s, ok := d.debate(doc); ok {
				sittings = append(sittings, s)
			}
		case "doc", "statement":
			if dec, ok := d.decision(doc); ok {
				decisions = append(decisions, dec)
			}
		case "documentCollection":
			d.note(doc.line, "a documentCollection: not taken (the record keeps sessions, from debates, and decisions, from doc and statement documents; a collection's parts are not read)")
		default:
			d.note(doc.line, "a document of type <%s>: not taken (the record keeps sessions, from debates, and decisions, from doc and statement documents: acts, bills, judgments and the like have no place in it)", doc.name)
		}
	}
	return sittings, decisions
}

// ref resolves a reference ("#eId") to its TLC element.
func (d *aknDoc) ref(r string) *xnode { return d.refs[strings.TrimPrefix(r, "#")] }

// org reads the organization a reference names: one of this program's bodies or states
// by its address, or another by the slug of its name.
func (d *aknDoc) org(r string) (orgRef, string) {
	n := d.ref(r)
	switch {
	case n == nil:
		return orgRef{}, fmt.Sprintf("%q names nothing in the document's references", r)
	case n.name == "TLCPerson":
		return orgRef{}, "person"
	case n.name != "TLCOrganization":
		return orgRef{}, fmt.Sprintf("%q is a %s, not an organization", r, n.name)
	}
	href, name := n.attr("href"), strings.TrimSpace(n.attr("showAs"))
	for _, prefix := range []string{aknStateHref, aknBodyHref} {
		if id, ok := strings.CutPrefix(href, prefix); ok && secretariat.ValidID(id) {
			return orgRef{id: id, name: name, ours: true}, ""
		}
	}
	id := secretariat.Slug(name)
	if id == "" {
		id = secretariat.Slug(strings.TrimPrefix(r, "#"))
	}
	if id == "" {
		return orgRef{}, fmt.Sprintf("the organization %q has no name to make an ID from", r)
	}
	return orgRef{id: id, name: name}, ""
}

// identification reads a document's work, alias, date, language and authors.
type aknIdent struct {
	work, alias, itemAlias, translation string
	date                                secretariat.Date
	lang                                secretariat.Lang
	authors                             []string
	subtype                             string
	line                                int
}

func (d *aknDoc) identification(doc *xnode) (aknIdent, bool) {
	meta := doc.child("meta")
	id := meta.child("identification")
	w := id.child("FRBRWork")
	var out aknIdent
	if w == nil {
		d.fail(doc.line, "<%s> has no meta/identification/FRBRWork: an Akoma Ntoso document names its work", doc.name)
		return out, false
	}
	out.line = w.line
	out.work = w.child("FRBRthis").attr("value")
	if u := w.child("FRBRuri").attr("value"); u != "" {
		out.work = u
	}
	for _, a := range w.children("FRBRalias") {
		switch a.attr("name") {
		case aknAliasName:
			out.alias = a.attr("value")
		case aknItemAlias:
			out.itemAlias = a.attr("value")
		}
	}
	for _, a := range id.path("FRBRExpression").children("FRBRalias") {
		if a.attr("name") == "secretariat-translation" {
			out.translation = a.attr("value")
		}
	}
	date, err := secretariat.ParseDate(firstN10(w.child("FRBRdate").attr("date")))
	if err != nil {
		d.fail(w.line, "the work's FRBRdate %q is not a date", w.child("FRBRdate").attr("date"))
		return out, false
	}
	out.date = date
	for _, a := range w.children("FRBRauthor") {
		out.authors = append(out.authors, a.attr("href"))
	}
	out.subtype = w.child("FRBRsubtype").attr("value")
	switch l := id.path("FRBRExpression", "FRBRlanguage").attr("language"); l {
	case "rus", "ru":
		out.lang = secretariat.RU
	case "eng", "en", "":
		out.lang = secretariat.EN
	default:
		out.lang = secretariat.EN
		d.note(id.lineOf(), "the expression is in %q: its texts are kept as the record's English ones (the record holds Russian and English)", l)
	}
	return out, true
}

// firstN10 keeps a date-time's date.
func firstN10(s string) string {
	if len(s) > 10 {
		return s[:10]
	}
	return s
}

// debate reads a debate: its session, the items it votes on, the votes of states.
func (d *aknDoc) debate(doc *xnode) (sitting, bool) {
	id, ok := d.identification(doc)
	if !ok {
		return sitting{}, false
	}
	s := sitting{file: d.file, work: id.work, lang: id.lang}
	if len(id.authors) == 0 {
		d.fail(id.line, "the debate names no author: the body whose session it records")
		return s, false
	}
	for i, a := range id.authors {
		o, problem := d.org(a)
		if problem != "" {
			if problem == "person" {
				problem = fmt.Sprintf("%q is a person", a)
			}
			if i == 0 {
				o = orgRef{id: secretariat.Slug(strings.TrimPrefix(a, "#")), name: strings.TrimPrefix(a, "#")}
				if o.id == "" || problem == "person" {
					d.fail(id.line, "the debate's author %s: the body whose session it records is an organization", problem)
					return s, false
				}
				d.note(id.line, "the debate's author %s: the session is recorded for a body %q", problem, o.id)
				s.body = o
				continue
			}
			d.note(id.line, "author %s: not taken", problem)
			continue
		}
		if i == 0 {
			s.body = o
		} else {
			s.bodies = append(s.bodies, o)
		}
	}
	s.session = secretariat.Session{ID: id.alias, Body: s.body.id, Date: id.date, Kind: secretariat.Regular}
	if !secretariat.ValidID(s.session.ID) {
		s.session.ID = s.body.id + "-" + id.date.String()
	}
	switch id.subtype {
	case "regular", "":
	case "extraordinary":
		s.session.Kind = secretariat.Extraordinary
	default:
		d.note(id.line, "the debate's subtype %q: not taken (the record's sessions are regular or extraordinary; kept as regular)", id.subtype)
	}
	text := func(t string) secretariat.Text {
		if id.lang == secretariat.RU {
			return secretariat.Text{RU: t, Authentic: secretariat.RU}
		}
		return secretariat.Text{EN: t, Authentic: secretariat.EN}
	}
	if pre := doc.child("preface"); pre != nil {
		for _, p := range pre.children("p") {
			switch p.attr("class") {
			case "place":
				s.session.Place = text(p.allText())
			case "note":
				s.session.Note = text(p.allText())
			case "chair":
				if o := p.child("organization"); o != nil {
					if org, problem := d.org(o.attr("refersTo")); problem == "" {
						s.chair = org
					}
				}
			case "generated":
			default:
				if t := p.child("docTitle"); t != nil && s.session.Title.IsZero() {
					s.session.Title = text(t.allText())
				}
			}
		}
	}
	for _, sec := range doc.child("debateBody").children("debateSection") {
		if sec.attr("name") == "note" {
			for _, p := range sec.children("p") {
				if p.attr("class") != "generated" {
					s.session.Note = text(p.allText())
				}
			}
		}
	}
	d.readItems(doc, &s, text)
	return s, true
}

// access reads the classifications the export keeps in meta/proprietary.
func (d *aknDoc) access(doc *xnode) map[string]secretariat.Access {
	out := map[string]secretariat.Access{}
	for _, p := range doc.path("meta").children("proprietary") {
		for _, a := range p.children("access") {
			if a.ns != aknProprietaryNS {
				continue
			}
			acc := secretariat.Access{Classification: secretariat.Classification(a.attr("classification"))}
			if parties := strings.Fields(a.attr("parties")); len(parties) > 0 {
				acc.Parties = parties
			}
			out[a.attr("record")] = acc
		}
	}
	return out
}

// readItems reads the debate's items: this program's (debate sections named item), or,
// in another parliament's debate, the sections its votings are about.
func (d *aknDoc) readItems(doc *xnode, s *sitting, text func(string) secretariat.Text) {
	body := doc.child("debateBody")
	votings := doc.path("meta", "analysis", "parliamentary")
	access := d.access(doc)
	outcomes := map[string]*xnode{} // section eId → its voting
	for _, v := range votings.elems() {
		if v.name != "voting" {
			d.note(v.line, "a %s: not taken (the record keeps the positions of states, and computes outcomes from them)", v.name)
			continue
		}
		// Where the vote is about, else where it was taken, else where its counts are.
		target := d.section(v.attr("refersTo"))
		if target == nil {
			target = d.section(v.attr("href"))
		}
		for _, c := range v.children("count") {
			if target == nil {
				target = d.section(c.attr("href"))
			}
		}
		if target == nil {
			d.note(v.line, "a voting (%s) on no debate section the document has: not taken", v.attr("eId"))
			continue
		}
		outcomes[target.attr("eId")] = v
	}
	var sections []*xnode
	body.walk(func(n *xnode) bool {
		if n.name == "debateSection" && (n.attr("name") == "item" || outcomes[n.attr("eId")] != nil) {
			sections = append(sections, n)
			return false
		}
		return true
	})
	persons := 0
	firstPerson := 0
	for i, sec := range sections {
		it := sittingItem{id: sec.attr("GUID"), number: i + 1, title: sec.child("heading").allText(), kind: secretariat.Substantive, at: fmt.Sprintf("line %d", sec.line)}
		if n, err := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(sec.child("num").allText()), ".")); err == nil && n > 0 {
			it.number = n
		}
		if !secretariat.ValidID(it.id) {
			it.id = fmt.Sprintf("%s-%d", s.session.ID, it.number)
		}
		if it.title == "" {
			it.title = fmt.Sprintf("%s %d", map[secretariat.Lang]string{secretariat.RU: "Вопрос", secretariat.EN: "Item"}[s.lang], it.number)
			d.note(sec.line, "debate section %s has no heading: the item is titled %q", sec.attr("eId"), it.title)
		}
		if sec.attr("class") == string(secretariat.Procedural) {
			it.kind = secretariat.Procedural
		}
		if a, ok := access[it.id]; ok {
			it.access = a
		}
		for _, p := range sec.children("p") {
			if p.attr("class") == "decision_kind" {
				it.decisionKind = secretariat.DecisionKind(conceptValue(d.ref(p.child("concept").attr("refersTo")), "kind"))
			}
		}
		sec.walk(func(n *xnode) bool {
			if n.name != "vote" {
				return true
			}
			org, problem := d.org(n.attr("by"))
			switch {
			case problem == "person":
				if persons++; persons == 1 {
					firstPerson = n.line
				}
				return true
			case problem != "":
				d.note(n.line, "a vote by %s: not taken", problem)
				return true
			}
			choice := n.attr("choice")
			stance, err := secretariat.ParseStance(conceptValue(d.ref(choice), "stance"))
			if choice == "" || err != nil {
				d.note(n.line, "the vote of %s, %q: not taken (not a stance the record knows: joins, joins_with_reservation, abstains, non_interest, objects, absent)", org.name, choice)
				return true
			}
			v := sittingVote{state: org, stance: stance, at: fmt.Sprintf("line %d", n.line)}
			for _, span := range sec.children("p") {
				if slices.Contains(span.kids, n) {
					if r := span.child("span"); r != nil && r.attr("class") == "reservation" {
						v.reservation = text(r.allText())
					}
				}
			}
			it.votes = append(it.votes, v)
			return true
		})
		for _, p := range sec.children("p") {
			if p.attr("class") != "outcome" {
				continue
			}
			if res := secretariat.Result(conceptValue(d.ref(p.child("outcome").attr("refersTo")), "result")); res == secretariat.Deferred || res == secretariat.Withdrawn {
				it.outcome = res
			}
			if n := p.child("span"); n != nil && n.attr("class") == "note" {
				it.outcomeNote = text(n.allText())
			}
		}
		if v := outcomes[sec.attr("eId")]; v != nil {
			r := conceptValue(d.ref(v.attr("outcome")), "result")
			switch res := secretariat.Result(r); {
			case slices.Contains([]secretariat.Result{secretariat.Adopted, secretariat.AdoptedLimited, secretariat.NotAdopted, secretariat.Deferred, secretariat.Withdrawn}, res):
				it.outcome = res
			case len(it.votes) == 0:
				var counts []string
				for _, c := range v.children("count") {
					counts = append(counts, fmt.Sprintf("%s %s", strings.TrimPrefix(c.attr("refersTo"), "#"), c.attr("value")))
				}
				d.note(v.line, "the voting on %q, outcome %q, counts %s: not taken (the record computes outcomes and tallies from the states' positions, and the document gives none; the item is left undecided)",
					it.title, strings.TrimPrefix(v.attr("outcome"), "#"), strings.Join(counts, ", "))
			default:
				d.note(v.line, "the outcome %q of %q: not a result the record knows; the item is decided by the body's rule from the positions", v.attr("outcome"), it.title)
				it.outcome = secretariat.Adopted // decided, by the rule
			}
		}
		s.items = append(s.items, it)
	}
	if persons > 0 {
		d.note(firstPerson, "%d votes by persons: not taken (the record keeps the positions of member states, never a person's)", persons)
	}
	if len(sections) == 0 && !s.body.ours {
		d.note(body.lineOf(), "the debate votes on no debate section: its session is taken, with no item")
	}
	others := 0
	body.walk(func(n *xnode) bool {
		if n.name == "speech" || n.name == "question" || n.name == "answer" {
			others++
		}
		return true
	})
	if others > 0 {
		d.note(body.lineOf(), "%d speeches, questions and answers: not taken (the record keeps items, positions and outcomes, not what was said)", others)
	}
}

// section finds the debate section a reference points into: the element with that eId
// if it is one, or the nearest section around it that has a heading (or the nearest).
func (d *aknDoc) section(r string) *xnode {
	targets := d.byEID[strings.TrimPrefix(r, "#")]
	if len(targets) == 0 {
		return nil
	}
	var nearest *xnode
	for n := targets[0]; n != nil; n = d.parent[n] {
		if n.name != "debateSection" {
			continue
		}
		if nearest == nil {
			nearest = n
		}
		if n.child("heading") != nil {
			return n
		}
	}
	return nearest
}

// conceptValue is the record's value a concept names: this program's concepts by their
// address (…/stance/joins), others by their eId or what they show ("ayes" → yes).
func conceptValue(n *xnode, enum string) string {
	if n == nil {
		return ""
	}
	if v, ok := strings.CutPrefix(n.attr("href"), aknConceptHref+enum+"/"); ok {
		return v
	}
	word := strings.ToLower(n.attr("eId"))
	switch word {
	case "ayes", "aye", "for", "afavor", "yes":
		return "yes"
	case "noes", "nay", "against", "encontra", "no":
		return "no"
	case "abstentions", "abstain", "seabstiene":
		return "abstain"
	}
	return word
}

// decision reads a decision's document.
func (d *aknDoc) decision(doc *xnode) (aknDecision, bool) {
	id, ok := d.identification(doc)
	if !ok {
		return aknDecision{}, false
	}
	dec := aknDecision{file: d.file, work: id.work, id: id.alias, item: id.itemAlias, lang: id.lang, line: doc.line,
		kind: secretariat.DecisionKind(doc.attr("name")), translation: secretariat.TranslationStatus(id.translation)}
	if a, ok := d.access(doc)[id.alias]; ok {
		dec.access = &a
	}
	for _, p := range doc.path("meta").children("proprietary") {
		for _, r := range p.children("ratification") {
			if r.ns == aknProprietaryNS && r.attr("record") == id.alias && r.attr("required") == "true" {
				dec.ratification = true
			}
		}
	}
	if dec.item == "" {
		d.note(doc.line, "a <%s> that names no agenda item of this program's (FRBRalias %s): not taken (the record's decisions come from the items it decides)", doc.name, aknItemAlias)
		return dec, false
	}
	if t := doc.path("preface", "longTitle"); t != nil {
		dec.title = t.allText()
	}
	var paras []string
	for _, p := range doc.child("mainBody").children("p") {
		if p.attr("class") != "no_text" {
			paras = append(paras, p.allText())
		}
	}
	dec.text = strings.Join(paras, "\n")
	for _, step := range doc.path("meta", "workflow").children("step") {
		org, problem := d.org(step.attr("by"))
		date, err := secretariat.ParseDate(firstN10(step.attr("date")))
		if problem != "" || err != nil {
			d.note(step.line, "a workflow step by %q on %q: not taken", step.attr("by"), step.attr("date"))
			continue
		}
		switch conceptValue(d.ref(step.attr("refersTo")), "step") {
		case "signature":
			dec.signatures = append(dec.signatures, stateStep{org, date})
		case "entry_into_force":
			dec.inForce = append(dec.inForce, stateStep{org, date})
		default:
			d.note(step.line, "a workflow step %q: not taken", step.attr("refersTo"))
		}
	}
	return dec, true
}

// aknProprietaryNS is the namespace of the classifications the export keeps in a
// document's meta/proprietary, which Akoma Ntoso leaves to each publisher.
const aknProprietaryNS = "urn:x-secretariat:akn:1"
