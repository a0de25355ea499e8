package exchange

import (
	"context"
	"errors"
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

// AKNReport says what an import took, and what it did not.
type AKNReport struct {
	Sessions    int `json:"sessions"`
	Items       int `json:"items"`
	Positions   int `json:"positions"`
	Decisions   int `json:"decisions"`
	BodiesAdded int `json:"bodies_added"`
	StatesAdded int `json:"states_added"`
	// NotTaken lists what the documents carry that the record does not take, each with
	// its file and line, and why.
	NotTaken []string `json:"not_taken,omitempty"`
}

// FileErrors are the errors of an import's files: every one, each with its file and
// line. Nothing was loaded.
type FileErrors []string

// Error implements the error interface.
func (e FileErrors) Error() string {
	if len(e) == 1 {
		return e[0] + "; nothing was loaded"
	}
	return fmt.Sprintf("%d errors (the first: %s); nothing was loaded", len(e), e[0])
}

// aknOrg is an organization a document names: a body, or a state that votes.
type aknOrg struct {
	id, name string
	ours     bool // named by this program's ontology address
}

type aknVote struct {
	state       aknOrg
	stance      secretariat.Stance
	reservation secretariat.Text
	line        int
}

type aknItem struct {
	id, title    string
	number       int
	kind         secretariat.ItemKind
	decisionKind secretariat.DecisionKind
	votes        []aknVote
	outcome      secretariat.Result // as the document states it, or ""
	outcomeNote  secretariat.Text   // the stated reason of a deferral or withdrawal
	access       secretariat.Access
	line         int
}

// aknSitting is one expression of a debate.
type aknSitting struct {
	file, work string
	lang       secretariat.Lang
	session    secretariat.Session
	body       aknOrg
	bodies     []aknOrg
	chair      aknOrg
	items      []aknItem
}

// aknDecision is one expression of a decision's document.
type aknDecision struct {
	file, work, id, item string
	lang                 secretariat.Lang
	kind                 secretariat.DecisionKind
	title, text          string
	translation          secretariat.TranslationStatus
	signatures, inForce  []aknStep
	access               *secretariat.Access
	ratification         bool
	line                 int
}

type aknStep struct {
	state aknOrg
	date  secretariat.Date
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
func ImportAKN(ctx context.Context, st *store.Store, files []AKNFile) (AKNReport, error) {
	var rep AKNReport
	var errs []string
	var sittings []aknSitting
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
	l := &aknLoader{ctx: ctx, rep: &rep}
	if err := l.merge(sittings, decisions); err != nil {
		return rep, err
	}
	err := st.Batch(ctx, func(b *store.Store) error {
		l.st = b
		return l.load()
	})
	if err != nil {
		return AKNReport{NotTaken: rep.NotTaken}, err
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
func (d *aknDoc) read() ([]aknSitting, []aknDecision) {
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
	var sittings []aknSitting
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
func (d *aknDoc) org(r string) (aknOrg, string) {
	n := d.ref(r)
	switch {
	case n == nil:
		return aknOrg{}, fmt.Sprintf("%q names nothing in the document's references", r)
	case n.name == "TLCPerson":
		return aknOrg{}, "person"
	case n.name != "TLCOrganization":
		return aknOrg{}, fmt.Sprintf("%q is a %s, not an organization", r, n.name)
	}
	href, name := n.attr("href"), strings.TrimSpace(n.attr("showAs"))
	for _, prefix := range []string{aknStateHref, aknBodyHref} {
		if id, ok := strings.CutPrefix(href, prefix); ok && secretariat.ValidID(id) {
			return aknOrg{id: id, name: name, ours: true}, ""
		}
	}
	id := secretariat.Slug(name)
	if id == "" {
		id = secretariat.Slug(strings.TrimPrefix(r, "#"))
	}
	if id == "" {
		return aknOrg{}, fmt.Sprintf("the organization %q has no name to make an ID from", r)
	}
	return aknOrg{id: id, name: name}, ""
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
func (d *aknDoc) debate(doc *xnode) (aknSitting, bool) {
	id, ok := d.identification(doc)
	if !ok {
		return aknSitting{}, false
	}
	s := aknSitting{file: d.file, work: id.work, lang: id.lang}
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
				o = aknOrg{id: secretariat.Slug(strings.TrimPrefix(a, "#")), name: strings.TrimPrefix(a, "#")}
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
func (d *aknDoc) readItems(doc *xnode, s *aknSitting, text func(string) secretariat.Text) {
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
		it := aknItem{id: sec.attr("GUID"), number: i + 1, title: sec.child("heading").allText(), kind: secretariat.Substantive, line: sec.line}
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
			v := aknVote{state: org, stance: stance, line: n.line}
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
			dec.signatures = append(dec.signatures, aknStep{org, date})
		case "entry_into_force":
			dec.inForce = append(dec.inForce, aknStep{org, date})
		default:
			d.note(step.line, "a workflow step %q: not taken", step.attr("refersTo"))
		}
	}
	return dec, true
}

// aknLoader writes what the documents carry, as verbs, in one batch.
type aknLoader struct {
	ctx       context.Context
	st        *store.Store
	rep       *AKNReport
	sittings  []*aknSitting // one per session, its expressions merged
	decisions map[string]*aknDecisionIn
}

// aknDecisionIn is a decision as its expressions give it.
type aknDecisionIn struct {
	file, id            string
	in                  store.DecisionInput
	signatures, inForce []aknStep
	used                bool
}

// merge joins the expressions of each work: the Russian and English texts of one
// session, or of one decision.
func (l *aknLoader) merge(sittings []aknSitting, decisions []aknDecision) error {
	byWork := map[string]*aknSitting{}
	for i := range sittings {
		s := &sittings[i]
		prev, ok := byWork[s.work]
		if !ok {
			byWork[s.work] = s
			l.sittings = append(l.sittings, s)
			continue
		}
		mergeText(&prev.session.Title, s.session.Title)
		mergeText(&prev.session.Place, s.session.Place)
		mergeText(&prev.session.Note, s.session.Note)
		for j := range prev.items {
			for _, other := range s.items {
				if other.id != prev.items[j].id {
					continue
				}
				prev.items[j].title = joinTitle(prev.items[j].title, prev.lang, other.title, s.lang)
				mergeText(&prev.items[j].outcomeNote, other.outcomeNote)
				for k, v := range prev.items[j].votes {
					for _, ov := range other.votes {
						if ov.state.id == v.state.id {
							mergeText(&prev.items[j].votes[k].reservation, ov.reservation)
						}
					}
				}
			}
		}
		if s.lang == secretariat.RU {
			prev.lang = secretariat.RU // titles are now "ru\x00en"
		}
	}
	// Sessions in the order they met, so that decisions are numbered as they were taken.
	slices.SortStableFunc(l.sittings, func(a, b *aknSitting) int {
		if c := a.session.Date.Compare(b.session.Date); c != 0 {
			return c
		}
		return strings.Compare(a.session.ID, b.session.ID)
	})
	l.decisions = map[string]*aknDecisionIn{}
	for _, d := range decisions {
		in := l.decisions[d.item]
		if in == nil {
			in = &aknDecisionIn{file: d.file, id: d.id, in: store.DecisionInput{Kind: d.kind, Access: d.access, RequiresRatification: d.ratification}}
			l.decisions[d.item] = in
		}
		if d.lang == secretariat.RU {
			in.in.Title.RU, in.in.Text = d.title, d.text
			in.signatures, in.inForce = d.signatures, d.inForce
		} else {
			in.in.Title.EN = d.title
			status := d.translation
			if status != secretariat.Official && status != secretariat.Working {
				status = secretariat.Official
			}
			if d.text != "" {
				in.in.Translations = append(in.in.Translations, secretariat.Translation{Lang: secretariat.EN, Text: d.text, Status: status})
			}
			if in.signatures == nil {
				in.signatures, in.inForce = d.signatures, d.inForce
			}
		}
		in.in.Title.Authentic = secretariat.RU
		if in.in.Title.RU == "" {
			in.in.Title.Authentic = secretariat.EN
		}
	}
	return nil
}

func mergeText(dst *secretariat.Text, src secretariat.Text) {
	if dst.RU == "" {
		dst.RU = src.RU
	}
	if dst.EN == "" {
		dst.EN = src.EN
	}
	if dst.Authentic == "" || (src.RU != "" && dst.Authentic == secretariat.EN) {
		dst.Authentic = src.Authentic
		if dst.RU != "" {
			dst.Authentic = secretariat.RU
		}
	}
}

// joinTitle keeps an item's title in both languages, as "ru\x00en", until it is made a
// Text.
func joinTitle(a string, la secretariat.Lang, b string, lb secretariat.Lang) string {
	ru, en := splitTitle(a, la)
	ru2, en2 := splitTitle(b, lb)
	if ru == "" {
		ru = ru2
	}
	if en == "" {
		en = en2
	}
	return ru + "\x00" + en
}

func splitTitle(t string, lang secretariat.Lang) (ru, en string) {
	if r, e, ok := strings.Cut(t, "\x00"); ok {
		return r, e
	}
	if lang == secretariat.RU {
		return t, ""
	}
	return "", t
}

func itemTitle(t string, lang secretariat.Lang) secretariat.Text {
	ru, en := splitTitle(t, lang)
	out := secretariat.Text{RU: ru, EN: en, Authentic: secretariat.RU}
	if ru == "" {
		out.Authentic = secretariat.EN
	}
	return out
}

// load writes the sessions, items, positions and decisions.
func (l *aknLoader) load() error {
	ctx := l.ctx
	if err := l.prepare(); err != nil {
		return err
	}
	for _, s := range l.sittings {
		if _, err := store.FindByID[secretariat.Session](ctx, l.st, secretariat.Secretariat, s.session.ID); err == nil {
			return secretariat.Errorf(secretariat.ECONFLICT, "%s: session %s is already in the record: importing it again is refused, and nothing was loaded", s.file, s.session.ID)
		}
		ses := s.session
		if s.chair.id != "" {
			ses.Chair = s.chair.id
		}
		for _, b := range s.bodies {
			ses.Bodies = append(ses.Bodies, b.id)
		}
		if _, err := l.st.ScheduleSession(ctx, ses); err != nil {
			return fmt.Errorf("%s: session %s: %w", s.file, ses.ID, err)
		}
		l.rep.Sessions++
		for _, it := range s.items {
			if err := l.item(s, ses, it); err != nil {
				return fmt.Errorf("%s: line %d: item %s: %w", s.file, it.line, it.id, err)
			}
		}
	}
	for item, d := range l.decisions {
		if !d.used {
			l.rep.NotTaken = append(l.rep.NotTaken, fmt.Sprintf("%s: decision %s of item %s: not taken (the item is not in the import's debates, or the record did not adopt it)", d.file, d.id, item))
		}
	}
	slices.Sort(l.rep.NotTaken)
	return nil
}

// item writes one item, its positions and its outcome.
func (l *aknLoader) item(s *aknSitting, ses secretariat.Session, it aknItem) error {
	ctx := l.ctx
	e, err := l.st.AddAgendaItem(ctx, secretariat.AgendaItem{ID: it.id, Session: ses.ID, Number: it.number, Title: itemTitle(it.title, s.lang),
		Kind: it.kind, DecisionKind: it.decisionKind, Access: it.access})
	if err != nil {
		return err
	}
	l.rep.Items++
	for _, v := range it.votes {
		in := store.PositionInput{Item: e.ID, State: v.state.id, Stance: v.stance, Reservation: v.reservation}
		if _, err := l.st.RecordPosition(ctx, in); err != nil {
			return fmt.Errorf("line %d: the vote of %s: %w", v.line, v.state.id, err)
		}
		l.rep.Positions++
	}
	switch it.outcome {
	case "":
		return nil
	case secretariat.Deferred:
		_, err := l.st.DeferItem(ctx, e.ID, ses.Date, it.outcomeNote)
		return err
	case secretariat.Withdrawn:
		_, err := l.st.WithdrawItem(ctx, e.ID, ses.Date, it.outcomeNote)
		return err
	}
	dec := l.decisions[it.id]
	var in store.DecisionInput
	if dec != nil {
		in = dec.in
	}
	e, err = l.st.DecideItem(ctx, e.ID, in)
	if err != nil {
		return err
	}
	got, err := store.DecidedIn(e)
	if err != nil {
		return err
	}
	if got.Item.Outcome.Result != it.outcome {
		l.rep.NotTaken = append(l.rep.NotTaken, fmt.Sprintf("%s: line %d: item %s: the document says %s, but the rule the record holds for %s gives %s from the same positions: the record's outcome stands",
			s.file, it.line, it.id, it.outcome, ses.Body, got.Item.Outcome.Result))
	}
	if got.Decision == nil || dec == nil {
		return nil
	}
	dec.used = true
	l.rep.Decisions++
	if dec.id != "" && dec.id != got.Decision.ID {
		l.rep.NotTaken = append(l.rep.NotTaken, fmt.Sprintf("%s: decision %s: the record numbers it %s (its body's decisions of the year in the order they were taken)", dec.file, dec.id, got.Decision.ID))
	}
	for _, sg := range dec.signatures {
		if _, err := l.st.SignDecision(ctx, got.Decision.ID, sg.state.id, sg.date); err != nil {
			return fmt.Errorf("%s: the signature of %s: %w", dec.file, sg.state.id, err)
		}
	}
	// A decision that needs no ratification entered into force with each signature.
	for _, f := range dec.inForce {
		if !dec.in.RequiresRatification {
			continue
		}
		if _, err := l.st.RecordEntryIntoForce(ctx, got.Decision.ID, f.state.id, f.date); err != nil {
			return fmt.Errorf("%s: the entry into force for %s: %w", dec.file, f.state.id, err)
		}
	}
	return nil
}

// prepare registers the bodies and states the debates name that the record lacks, as
// the roll-call import does: a body with its own members and a simple majority, a state
// a member of such a body from its first vote in it to its last.
func (l *aknLoader) prepare() error {
	var rcs []ParsedRollCall
	for _, s := range l.sittings {
		bodyName := s.body.name
		if bodyName == "" {
			bodyName = s.body.id
		}
		rc := ParsedRollCall{Body: bodyName, BodyID: s.body.id, Date: s.session.Date}
		add := func(o aknOrg) {
			rc.Rows = append(rc.Rows, RollCallRow{StateID: o.id, StateName: o.name})
		}
		for _, it := range s.items {
			for _, v := range it.votes {
				add(v.state)
			}
		}
		if s.chair.id != "" {
			add(s.chair)
		}
		rcs = append(rcs, rc)
		for _, b := range s.bodies {
			rcs = append(rcs, ParsedRollCall{Body: b.name, BodyID: b.id, Date: s.session.Date})
		}
	}
	for _, d := range l.decisions {
		for _, st := range append(append([]aknStep(nil), d.signatures...), d.inForce...) {
			rcs = append(rcs, ParsedRollCall{Rows: []RollCallRow{{StateID: st.state.id, StateName: st.state.name}}, Date: st.date})
		}
	}
	bodies, states, err := prepareImport(l.ctx, l.st, rcs)
	l.rep.BodiesAdded, l.rep.StatesAdded = bodies, states
	return err
}

// aknProprietaryNS is the namespace of the classifications the export keeps in a
// document's meta/proprietary, which Akoma Ntoso leaves to each publisher.
const aknProprietaryNS = "urn:x-secretariat:akn:1"

// message is what an error says to people: a secretariat error's message, or the
// error's own text (a file's line and reason).
func message(err error) string {
	var se *secretariat.Error
	if errors.As(err, &se) {
		return secretariat.ErrorMessage(err)
	}
	return err.Error()
}
