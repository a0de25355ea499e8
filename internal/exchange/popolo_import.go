package exchange

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"sort"
	"strconv"
	"strings"

	"secretariat"
	"secretariat/internal/canon"
	"secretariat/internal/safetext"
	"secretariat/internal/store"
)

// The Popolo import reads a document of the export's shape (an object of arrays, one
// per class: organizations, memberships, events, motions, vote_events…), or one Popolo
// object of a class given or inferred from its fields. Every object is held to the
// schema of its class first. It takes what the record has: organizations (the
// organization, its bodies, member states), the memberships of states in bodies over
// time, events (sessions), motions (agenda items) and vote events with the votes of
// states (positions, and the outcome by the body's rule). Persons, posts, areas,
// speeches, contact details, and votes by anyone but a state are not taken, and the
// report says so, by path.

// MaxPopoloBytes bounds a Popolo document (the UN archive's export is about 90 MB).
const MaxPopoloBytes = 512 << 20

// popoloClasses are the collections of a Popolo document, by the class of their objects.
var popoloClasses = map[string]string{
	"organizations": "organization", "memberships": "membership", "events": "event", "motions": "motion",
	"vote_events": "vote_event", "votes": "vote", "counts": "count", "persons": "person", "posts": "post",
	"areas": "area", "speeches": "speech", "group_results": "group_result", "contact_details": "contact_detail",
	"identifiers": "identifier", "links": "link", "other_names": "other_name",
}

// PopoloClasses lists the classes a single object may be given as (import --class).
func PopoloClasses() []string {
	var out []string
	for _, c := range popoloClasses {
		out = append(out, c)
	}
	sort.Strings(out)
	return out
}

// popoloObject is one object of the document, with its path and class.
type popoloObject struct {
	path, class string
	v           map[string]any
}

// ImportPopolo reads a Popolo document and loads what it carries of the record, in one
// batch: all of it, or, when the document breaks a schema or the record refuses it,
// nothing. class names the class of a document that is one object ("" to infer it).
func ImportPopolo(ctx context.Context, st *store.Store, r io.Reader, name, class string) (LoadReport, error) {
	var rep LoadReport
	guard := newJSONGuard(ctx, r, MaxPopoloBytes, MaxBundleElementBytes, "the Popolo document")
	data, err := io.ReadAll(guard)
	if err != nil {
		return rep, err
	}
	objects, errs := readPopolo(data, class)
	if len(errs) > 0 {
		for i := range errs {
			errs[i] = name + ": " + errs[i]
		}
		return rep, FileErrors(errs)
	}
	p := &popoloReader{file: name, rep: &rep, orgs: map[string]*popoloOrgIn{}, events: map[string]map[string]any{}, eventPaths: map[string]string{}}
	p.read(objects)
	if len(p.sittings) == 0 && len(p.orgs) == 0 {
		return rep, secretariat.Errorf(secretariat.EINVALID, "%s holds nothing the record takes (%s): nothing was loaded", name, strings.Join(firstN(rep.NotTaken, 3), "; "))
	}
	l := &sittingLoader{ctx: ctx, rep: &rep, decisions: map[string]*decisionIn{}}
	for i := range p.sittings {
		l.sittings = append(l.sittings, &p.sittings[i])
	}
	slices.SortStableFunc(l.sittings, func(a, b *sitting) int {
		if c := a.session.Date.Compare(b.session.Date); c != 0 {
			return c
		}
		return strings.Compare(a.session.ID, b.session.ID)
	})
	l.before = p.writeOrganizations(ctx, &l.known)
	err = st.Batch(ctx, func(b *store.Store) error {
		l.st = b
		return l.load()
	})
	if err != nil {
		return LoadReport{NotTaken: rep.NotTaken}, err
	}
	return rep, nil
}

// readPopolo parses the document, refuses what no importer takes (duplicate names,
// text with control characters…), and holds every object to its class's schema.
func readPopolo(data []byte, class string) ([]popoloObject, []string) {
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, []string{"the document is empty"}
	}
	// canon refuses what encoding/json would silently change: a name given twice in an
	// object (the last would win), integers a double would round, bytes that are not
	// UTF-8.
	if _, err := canon.Canonicalize(data); err != nil {
		return nil, []string{fmt.Sprintf("byte %d (line %d): not a JSON document this importer takes: %v", jsonErrorOffset(data, err), lineAt(data, jsonErrorOffset(data, err)), err)}
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var doc any
	if err := dec.Decode(&doc); err != nil {
		return nil, []string{"not JSON: " + err.Error()}
	}
	var errs []string
	walkStrings(doc, "", func(path, s string) {
		if p := safetext.Problem(s); p != "" {
			errs = append(errs, fmt.Sprintf("%s: %s", orRoot(path), p))
		}
	})
	if len(errs) > 0 {
		return nil, errs
	}
	top, ok := doc.(map[string]any)
	if !ok {
		return nil, []string{"the document is " + jsonType(doc) + ", not a Popolo object or an object of Popolo collections"}
	}
	var objects []popoloObject
	collection := len(top) > 0
	for k := range top {
		if _, ok := popoloClasses[k]; !ok {
			collection = false
		}
	}
	if collection && class == "" {
		for _, k := range sortedKeys(top) {
			list, ok := top[k].([]any)
			if !ok {
				errs = append(errs, fmt.Sprintf("/%s: is %s, not an array of %s objects", k, jsonType(top[k]), popoloClasses[k]))
				continue
			}
			for i, v := range list {
				path := fmt.Sprintf("/%s/%d", k, i)
				o, ok := v.(map[string]any)
				if !ok {
					errs = append(errs, fmt.Sprintf("%s: is %s, not a %s object", path, jsonType(v), popoloClasses[k]))
					continue
				}
				objects = append(objects, popoloObject{path: path, class: popoloClasses[k], v: o})
			}
		}
	} else {
		if class == "" {
			class = inferPopoloClass(top)
		}
		if _, ok := popoloSchemas[class]; !ok {
			return nil, []string{fmt.Sprintf("the class of the object cannot be told from its fields: give it (one of %s)", strings.Join(PopoloClasses(), ", "))}
		}
		objects = append(objects, popoloObject{path: "", class: class, v: top})
	}
	for _, o := range objects {
		for _, p := range checkPopolo(o.class, o.v, o.path) {
			errs = append(errs, orRoot(p[:strings.Index(p, ":")])+p[strings.Index(p, ":"):]+" (the Popolo schema of "+o.class+")")
		}
	}
	return objects, errs
}

func orRoot(path string) string {
	if path == "" {
		return "/"
	}
	return path
}

// jsonErrorOffset finds where canon refused the document: it names no offset, so the
// standard decoder is asked, and the start otherwise.
func jsonErrorOffset(data []byte, _ error) int64 {
	var v any
	if err := json.Unmarshal(data, &v); err != nil {
		if se, ok := err.(*json.SyntaxError); ok {
			return se.Offset
		}
	}
	return 0
}

// walkStrings calls fn with every string of a decoded document, names included.
func walkStrings(v any, path string, fn func(path, s string)) {
	switch x := v.(type) {
	case string:
		fn(path, x)
	case map[string]any:
		for k, e := range x {
			fn(path+"/"+k, k)
			walkStrings(e, path+"/"+k, fn)
		}
	case []any:
		for i, e := range x {
			walkStrings(e, fmt.Sprintf("%s/%d", path, i), fn)
		}
	}
}

// inferPopoloClass tells a lone object's class by the fields only that class has.
func inferPopoloClass(o map[string]any) string {
	has := func(names ...string) bool {
		for _, n := range names {
			if _, ok := o[n]; ok {
				return true
			}
		}
		return false
	}
	switch {
	case has("voter_id", "voter", "pair_id"):
		return "vote"
	case has("counts", "votes", "group_results", "motion_id", "motion"):
		return "vote_event"
	case has("attribution_text", "audience_id", "audio", "video"):
		return "speech"
	case has("vote_events", "requirement", "creator_id"):
		return "motion"
	case has("family_name", "given_name", "birth_date", "gender", "email", "sort_name", "biography"):
		return "person"
	case has("person_id", "member", "post_id", "on_behalf_of_id", "person", "post"):
		return "membership"
	case has("founding_date", "dissolution_date", "motions"):
		return "organization"
	case has("attendees", "location") || (has("start_date") && has("name") && !has("classification")):
		return "event"
	case has("option") && has("value"):
		return "count"
	case has("geometry") || (has("identifier") && has("classification")):
		return "area"
	case has("label") && has("role"):
		return "post"
	case has("name") && (has("classification") || has("identifiers") || has("other_names") || has("parent_id")):
		return "organization"
	}
	return ""
}

// popoloOrgIn is an organization as the document gives it, and what it is to the record.
type popoloOrgIn struct {
	path, id, name, other, code, classification string
	role                                        string // organization, state or body
	kind                                        secretariat.BodyKind
	parent                                      string
	memberships                                 []secretariat.MembershipPeriod
	voter, member, container                    bool
	// requirement is what its motions say each kind of item requires ("consensus"),
	// where it names one of the record's methods: the rule a body the import adds gets.
	requirement map[secretariat.ItemKind]secretariat.Method
}

// popoloReader turns the document's objects into organizations and sittings.
type popoloReader struct {
	file       string
	rep        *LoadReport
	orgs       map[string]*popoloOrgIn // by the document's ID
	order      []string
	events     map[string]map[string]any
	eventPaths map[string]string
	sittings   []sitting
	bySess     map[string]int // session ID → its place in sittings
}

func (p *popoloReader) note(path, format string, args ...any) {
	p.rep.NotTaken = append(p.rep.NotTaken, fmt.Sprintf("%s: %s: %s", p.file, orRoot(path), fmt.Sprintf(format, args...)))
}

func str(o map[string]any, name string) string {
	s, _ := o[name].(string)
	return strings.TrimSpace(s)
}

// recordID makes a record ID of a document's ID: the export's prefixed IDs lose their
// prefix, others are kept when they are valid, or slugged.
func recordID(id string) string {
	for _, prefix := range []string{"organization:", "body:", "state:", "session:", "item:", "vote:"} {
		if rest, ok := strings.CutPrefix(id, prefix); ok && secretariat.ValidID(rest) {
			return rest
		}
	}
	if secretariat.ValidID(id) {
		return id
	}
	return secretariat.Slug(id)
}

// read sorts the objects into what the record takes.
func (p *popoloReader) read(objects []popoloObject) {
	p.bySess = map[string]int{}
	var memberships, motions, voteEvents []popoloObject
	for _, o := range objects {
		switch o.class {
		case "organization":
			p.organization(o)
		case "membership":
			memberships = append(memberships, o)
		case "event":
			id := str(o.v, "id")
			if id == "" {
				id = fmt.Sprintf("event-%d", len(p.events)+1)
			}
			p.events[id], p.eventPaths[id] = o.v, o.path
		case "motion":
			motions = append(motions, o)
		case "vote_event":
			voteEvents = append(voteEvents, o)
		case "person":
			p.note(o.path, "a person: not taken (the record keeps no data about people)")
		default:
			p.note(o.path, "an object of the Popolo class %s: not taken (the record keeps organizations, memberships, sessions, items and the votes of states)", o.class)
		}
	}
	for _, o := range objects {
		if o.class != "organization" {
			continue
		}
		list, _ := o.v["memberships"].([]any)
		for i, x := range list {
			if m, ok := x.(map[string]any); ok {
				if _, ok := m["organization_id"]; !ok {
					m["organization_id"] = str(o.v, "id")
				}
				memberships = append(memberships, popoloObject{path: fmt.Sprintf("%s/memberships/%d", o.path, i), class: "membership", v: m})
			}
		}
	}
	for _, o := range memberships {
		p.membership(o)
	}
	motionEvents := map[string][]popoloObject{}
	for _, o := range voteEvents {
		if m := str(o.v, "motion_id"); m != "" {
			motionEvents[m] = append(motionEvents[m], o)
		}
	}
	for _, o := range motions {
		p.motion(o, motionEvents[str(o.v, "id")])
		delete(motionEvents, str(o.v, "id"))
	}
	defer func() {
		// An event no motion is about is a session without items.
		for id, ev := range p.events {
			if _, used := p.bySess[recordID(id)]; used {
				continue
			}
			path := p.eventPaths[id]
			body := p.bodyFor(str(ev, "organization_id"), path)
			date, err := secretariat.ParseDate(str(ev, "start_date"))
			if body == nil || err != nil {
				p.note(path, "an event of no organization, or not on a day: not taken (a session is a body's, on a day)")
				continue
			}
			p.sitting(id, ev, body, date)
		}
	}()
	for _, o := range voteEvents {
		m := str(o.v, "motion_id")
		if m == "" || motionEvents[m] != nil {
			// A vote event of no motion in the document is its own item.
			motion, _ := o.v["motion"].(map[string]any)
			if motion == nil {
				motion = map[string]any{}
			}
			merged := map[string]any{}
			for k, v := range motion {
				merged[k] = v
			}
			for _, k := range []string{"organization_id", "legislative_session_id", "identifier", "result"} {
				if _, ok := merged[k]; !ok && o.v[k] != nil {
					merged[k] = o.v[k]
				}
			}
			if _, ok := merged["date"]; !ok {
				merged["date"] = o.v["start_date"]
			}
			if _, ok := merged["id"]; !ok {
				merged["id"] = o.v["id"]
			}
			p.motion(popoloObject{path: o.path, class: "motion", v: merged}, []popoloObject{o})
			delete(motionEvents, m)
		}
	}
}

// organization reads an organization: the organization itself, a member state, or a
// body, by its classification.
func (p *popoloReader) organization(o popoloObject) {
	id := str(o.v, "id")
	in := &popoloOrgIn{path: o.path, id: recordID(id), name: str(o.v, "name"), classification: str(o.v, "classification"), parent: str(o.v, "parent_id")}
	if in.id == "" {
		in.id = secretariat.Slug(in.name)
	}
	if in.id == "" {
		p.note(o.path, "an organization with neither an ID nor a name: not taken")
		return
	}
	if others, ok := o.v["other_names"].([]any); ok {
		for _, x := range others {
			if n, ok := x.(map[string]any); ok && strings.Contains(strings.ToLower(str(n, "note")), "russian") {
				in.other = str(n, "name")
			}
		}
	}
	if ids, ok := o.v["identifiers"].([]any); ok {
		for _, x := range ids {
			if n, ok := x.(map[string]any); ok && strings.HasPrefix(str(n, "scheme"), "ISO 3166-1") {
				in.code = strings.ToUpper(str(n, "identifier"))
			}
		}
	}
	switch c := in.classification; {
	case c == popoloOrganization:
		in.role = "organization"
	case c == popoloState:
		in.role = "state"
	case strings.HasPrefix(c, popoloBodyPrefix):
		in.role, in.kind = "body", secretariat.BodyKind(strings.TrimPrefix(c, popoloBodyPrefix))
	}
	if id == "" {
		id = in.id
	}
	if _, dup := p.orgs[id]; dup {
		p.note(o.path, "organization %q again: not taken (the first stands)", id)
		return
	}
	p.orgs[id] = in
	p.order = append(p.order, id)
	for _, k := range []string{"contact_details", "links", "posts", "area", "area_id", "image", "founding_date", "dissolution_date", "abstract", "description",
		"motions", "vote_events", "votes", "children", "sources", "created_at", "updated_at"} {
		if _, ok := o.v[k]; ok {
			p.note(o.path+"/"+k, "not taken (the record has no field for it)")
		}
	}
}

// membership reads a state's membership of the organization or of a body.
func (p *popoloReader) membership(o popoloObject) {
	if str(o.v, "person_id") != "" || o.v["person"] != nil {
		p.note(o.path, "the membership of a person: not taken (the record keeps no data about people)")
		return
	}
	member, _ := o.v["member"].(map[string]any)
	memberID := str(member, "id")
	state := p.orgs[memberID]
	if state == nil {
		p.note(o.path, "the membership of %q, which is not an organization of the document: not taken", memberID)
		return
	}
	in := p.orgs[str(o.v, "organization_id")]
	if in == nil {
		p.note(o.path, "a membership of %q, which is not an organization of the document: not taken", str(o.v, "organization_id"))
		return
	}
	state.member, in.container = true, true
	from, err := secretariat.ParseDate(fullDate(str(o.v, "start_date")))
	if err != nil {
		p.note(o.path+"/start_date", "%q is not a date the record can hold (a membership starts on a day): the membership is not taken", str(o.v, "start_date"))
		return
	}
	period := secretariat.MembershipPeriod{Status: secretariat.StandingMember, From: from}
	if until := str(o.v, "end_date"); until != "" {
		d, err := secretariat.ParseDate(fullDate(until))
		if err != nil {
			p.note(o.path+"/end_date", "%q is not a date: the membership is not taken", until)
			return
		}
		period.Until = d
	}
	switch role := str(o.v, "role"); role {
	case "", "member":
	case "suspended":
		period.Status = secretariat.StandingSuspended
	default:
		p.note(o.path+"/role", "%q: taken as a membership (the record's memberships are member or suspended)", role)
	}
	if in.role != "organization" {
		period.Body = in.id
	}
	state.memberships = append(state.memberships, period)
}

// fullDate reads a Popolo date (YYYY, YYYY-MM or YYYY-MM-DD) as its first day.
func fullDate(s string) string {
	switch len(s) {
	case 4:
		return s + "-01-01"
	case 7:
		return s + "-01"
	}
	return firstN10(s)
}

// motion reads an item, with the vote events on it.
func (p *popoloReader) motion(o popoloObject, events []popoloObject) {
	bodyID := str(o.v, "organization_id")
	sessID := str(o.v, "legislative_session_id")
	ev := p.events[sessID]
	if bodyID == "" {
		bodyID = str(ev, "organization_id")
	}
	body := p.bodyFor(bodyID, o.path)
	if body == nil {
		p.note(o.path, "a motion of no organization: not taken (an item belongs to a body's session)")
		return
	}
	dateText := str(ev, "start_date")
	if dateText == "" {
		dateText = str(o.v, "date")
	}
	date, err := secretariat.ParseDate(fullDate(dateText))
	if err != nil || len(dateText) < 10 {
		p.note(o.path, "a motion with no day (%q): not taken (an item belongs to a session on a day)", dateText)
		return
	}
	s := p.sitting(sessID, ev, body, date)
	it := sittingItem{id: recordID(str(o.v, "id")), title: str(o.v, "text"), kind: secretariat.Substantive, at: orRoot(o.path), number: len(s.items) + 1}
	if n, err := strconv.Atoi(str(o.v, "identifier")); err == nil && n > 0 {
		it.number = n
	}
	if it.id == "" {
		it.id = fmt.Sprintf("%s-%d", s.session.ID, it.number)
	}
	if it.title == "" {
		it.title = fmt.Sprintf("Item %d", it.number)
	}
	switch c := str(o.v, "classification"); c {
	case "", string(secretariat.Substantive):
	case string(secretariat.Procedural):
		it.kind = secretariat.Procedural
	default:
		p.note(o.path+"/classification", "%q: not taken (an item is substantive or procedural; taken as substantive)", c)
	}
	if m := secretariat.Method(str(o.v, "requirement")); slices.Contains([]secretariat.Method{secretariat.Consensus, secretariat.ConsensusLimited,
		secretariat.Unanimity, secretariat.SimpleMajority}, m) {
		if body.requirement == nil {
			body.requirement = map[secretariat.ItemKind]secretariat.Method{}
		}
		if _, ok := body.requirement[it.kind]; !ok {
			body.requirement[it.kind] = m
		}
	}
	if a := str(o.v, "access"); a != "" {
		it.access.Classification = secretariat.Classification(a)
		if parties, ok := o.v["access_parties"].([]any); ok {
			for _, x := range parties {
				if s, ok := x.(string); ok {
					it.access.Parties = append(it.access.Parties, s)
				}
			}
		}
	}
	result := str(o.v, "result")
	for _, e := range events {
		p.votes(e, &it, body.id)
		if r := str(e.v, "result"); r != "" {
			result = r
		}
	}
	switch result {
	case "":
	case "pass", "passed":
		it.outcome = secretariat.Adopted
	case "fail", "failed":
		it.outcome = secretariat.NotAdopted
	default:
		it.outcome = secretariat.Result(result)
		if !slices.Contains([]secretariat.Result{secretariat.Adopted, secretariat.AdoptedLimited, secretariat.NotAdopted, secretariat.Deferred, secretariat.Withdrawn}, it.outcome) {
			p.note(o.path+"/result", "%q: not a result the record knows; the item is decided by the body's rule", result)
			it.outcome = secretariat.Adopted
		}
	}
	if len(it.votes) == 0 && it.outcome != "" && it.outcome != secretariat.Deferred && it.outcome != secretariat.Withdrawn {
		p.note(o.path, "the result %q: not taken (the record computes outcomes from the states' positions, and the document gives none; the item is left undecided)", result)
		it.outcome = ""
	}
	s.items = append(s.items, it)
}

// bodyFor returns the organization a motion or event belongs to: one the document
// gives, or, named by its ID alone, a body of that ID (nil for none).
func (p *popoloReader) bodyFor(id, path string) *popoloOrgIn {
	if id == "" {
		return nil
	}
	if in := p.orgs[id]; in != nil {
		return in
	}
	in := &popoloOrgIn{path: path, id: recordID(id), name: id, role: "body", kind: secretariat.BodyExternal}
	if in.id == "" {
		return nil
	}
	p.orgs[id] = in
	p.order = append(p.order, id)
	p.note(path, "the organization %q is not in the document: it is taken as a body of that ID", id)
	return in
}

// sitting returns the session a motion or event belongs to, made on first use.
func (p *popoloReader) sitting(eventID string, ev map[string]any, body *popoloOrgIn, date secretariat.Date) *sitting {
	sessionID := recordID(eventID)
	if sessionID == "" {
		sessionID = body.id + "-" + date.String()
	}
	if i, ok := p.bySess[sessionID]; ok {
		return &p.sittings[i]
	}
	s := sitting{file: p.file, work: sessionID, lang: secretariat.EN,
		session: secretariat.Session{ID: sessionID, Body: body.id, Date: date, Kind: secretariat.Regular},
		body:    orgRef{id: body.id, name: body.name}}
	if name := str(ev, "name"); name != "" {
		s.session.Title = secretariat.Text{EN: name, Authentic: secretariat.EN}
	}
	if place := str(ev, "location"); place != "" {
		s.session.Place = secretariat.Text{EN: place, Authentic: secretariat.EN}
	}
	if str(ev, "classification") == "session/extraordinary" {
		s.session.Kind = secretariat.Extraordinary
	}
	p.bySess[sessionID] = len(p.sittings)
	p.sittings = append(p.sittings, s)
	return &p.sittings[len(p.sittings)-1]
}

// votes reads a vote event's votes of states.
func (p *popoloReader) votes(e popoloObject, it *sittingItem, body string) {
	list, _ := e.v["votes"].([]any)
	persons := 0
	for i, x := range list {
		v, _ := x.(map[string]any)
		path := fmt.Sprintf("%s/votes/%d", e.path, i)
		voter := p.orgs[str(v, "voter_id")]
		if voter == nil {
			persons++
			continue
		}
		stance, ok := popoloStance(str(v, "option"))
		if !ok {
			p.note(path+"/option", "%q: not taken (not a stance the record knows: yes, no, abstain, absent, non-interest, yes-with-reservation)", str(v, "option"))
			continue
		}
		vote := sittingVote{state: orgRef{id: voter.id, name: voter.name}, stance: stance, at: path}
		if r := str(v, "reservation"); r != "" {
			vote.reservation = secretariat.Text{EN: r, Authentic: secretariat.EN}
		}
		if stance == secretariat.JoinsWithReservation && vote.reservation.IsZero() {
			p.note(path, "a vote with a reservation whose text the document does not give: not taken")
			continue
		}
		voter.voter = true
		it.votes = append(it.votes, vote)
	}
	if persons > 0 {
		p.note(e.path+"/votes", "%d votes by voters that are not organizations of the document (persons, or states it does not name): not taken (the record keeps the positions of member states, never a person's)", persons)
	}
	if counts, ok := e.v["counts"].([]any); ok && len(counts) > 0 && len(it.votes) == 0 {
		p.note(e.path+"/counts", "not taken (the record counts the states' positions, and the document gives none)")
	}
	if _, ok := e.v["group_results"]; ok {
		p.note(e.path+"/group_results", "not taken (the record has no groups of voters)")
	}
}

// writeOrganizations writes, before the sittings, the organization (when the record has
// none), the bodies and the member states the document names that the record lacks, and
// the new states' memberships; the record's own organizations stand as they are.
func (p *popoloReader) writeOrganizations(ctx context.Context, known *batchKnown) func(b *store.Store) error {
	return func(b *store.Store) error {
		known.bodies, known.states = map[string]bool{}, map[string]bool{}
		text := func(in *popoloOrgIn) secretariat.Text {
			t := secretariat.Text{EN: in.name, RU: in.other, Authentic: secretariat.EN}
			if t.EN == "" {
				t.EN = in.id
			}
			return t
		}
		// An organization that is not classified is a state when it votes or is a member,
		// a body otherwise.
		for _, id := range p.order {
			in := p.orgs[id]
			if in.role == "" {
				in.role, in.kind = "body", secretariat.BodyExternal
				if in.voter || in.member {
					in.role = "state"
				}
			}
		}
		for _, id := range p.order {
			in := p.orgs[id]
			if in.role != "organization" {
				continue
			}
			orgs, _, err := store.FindAll[secretariat.Organization](ctx, b, secretariat.Secretariat, store.Filter{Limit: 1})
			if err != nil {
				return err
			}
			if len(orgs) > 0 {
				if orgs[0].ID != in.id {
					p.note(in.path, "the organization %q: not taken (the record is %s's)", in.id, orgs[0].ID)
				}
				continue
			}
			if _, err := b.FoundOrganization(ctx, secretariat.Organization{ID: in.id, Name: text(in)}); err != nil {
				return fmt.Errorf("%s: %s: %w", p.file, orRoot(in.path), err)
			}
		}
		// Bodies, each after its parent.
		done := map[string]bool{}
		for pass := 0; pass < len(p.order)+1; pass++ {
			for _, id := range p.order {
				in := p.orgs[id]
				if in.role != "body" || done[id] {
					continue
				}
				parent := ""
				if pin := p.orgs[in.parent]; pin != nil && pin.role == "body" {
					if !done[in.parent] {
						continue
					}
					parent = pin.id
				}
				done[id] = true
				if _, err := store.FindByID[secretariat.Body](ctx, b, secretariat.Secretariat, in.id); err == nil {
					continue
				}
				kind := in.kind
				if !slices.Contains([]secretariat.BodyKind{secretariat.BodySupreme, secretariat.BodyCouncil, secretariat.BodyCommittee, secretariat.BodyPermanent,
					secretariat.BodySecretariat, secretariat.BodyStaff, secretariat.BodyAssembly, secretariat.BodyWorkingGroup, secretariat.BodyJoint, secretariat.BodyExternal}, kind) {
					kind = secretariat.BodyExternal
				}
				own := in.container || p.orgs[in.parent] == nil
				rule := secretariat.DecisionRule{From: secretariat.MustDate("1900-01-01"),
					Substantive: secretariat.Procedure{Method: secretariat.SimpleMajority}, Procedural: secretariat.Procedure{Method: secretariat.SimpleMajority},
					Basis: secretariat.Text{EN: "Added by a Popolo import, which carries no rule of decision: the requirement its motions state, or a simple majority of the states present and voting.", Authentic: secretariat.EN}}
				if m, ok := in.requirement[secretariat.Substantive]; ok {
					rule.Substantive.Method = m
				}
				if m, ok := in.requirement[secretariat.Procedural]; ok {
					rule.Procedural.Method = m
				}
				if _, err := b.RegisterBody(ctx, secretariat.Body{ID: in.id, Name: text(in), Kind: kind, Parent: parent, OwnMembers: own,
					Rules: []secretariat.DecisionRule{rule}}); err != nil {
					return fmt.Errorf("%s: %s: %w", p.file, orRoot(in.path), err)
				}
				p.rep.BodiesAdded++
				known.bodies[in.id] = own
				p.note(in.path, "body %s: Popolo carries no rule of decision: it decides substantive items by %s and procedural ones by %s (as its motions require, or a simple majority), from 1900, until its rule is set",
					in.id, rule.Substantive.Method, rule.Procedural.Method)
			}
		}
		for _, id := range p.order {
			in := p.orgs[id]
			if in.role != "state" {
				continue
			}
			if _, err := store.FindByID[secretariat.MemberState](ctx, b, secretariat.Secretariat, in.id); err == nil {
				if len(in.memberships) > 0 {
					p.note(in.path, "the memberships of %s: not taken (the state is in the record, and its memberships are the record's)", in.id)
				}
				continue
			}
			if _, err := b.AdmitState(ctx, secretariat.MemberState{ID: in.id, Code: in.code, Name: text(in), Memberships: in.memberships}); err != nil {
				return fmt.Errorf("%s: %s: %w", p.file, orRoot(in.path), err)
			}
			p.rep.StatesAdded++
			known.states[in.id] = true
		}
		return nil
	}
}
