package exchange

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"secretariat"
	"secretariat/internal/store"
)

// Sittings: what the Akoma Ntoso and Popolo imports read of a body's sessions (the items
// voted on, the states' votes, the outcomes stated, the decisions' texts), loaded into
// the record through the verbs, in one batch.

// LoadReport says what an import took, and what it did not.
type LoadReport struct {
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

// orgRef is an organization a document names: a body, or a state that votes.
type orgRef struct {
	id, name string
	ours     bool // named by this program's ontology address
}

// sittingVote is one state's vote on an item.
type sittingVote struct {
	state       orgRef
	stance      secretariat.Stance
	reservation secretariat.Text
	at          string // where the document has it: "line 12", "/vote_events/3/votes/0"
}

// sittingItem is an item a sitting votes on, or has on its agenda.
type sittingItem struct {
	id, title    string
	number       int
	kind         secretariat.ItemKind
	decisionKind secretariat.DecisionKind
	votes        []sittingVote
	outcome      secretariat.Result // as the document states it, or ""
	outcomeNote  secretariat.Text   // the stated reason of a deferral or withdrawal
	access       secretariat.Access
	at           string // where the document has it
}

// sitting is a body's session as one document gives it: one expression (language) of
// an Akoma Ntoso debate, or a Popolo event with its motions.
type sitting struct {
	file, work string
	lang       secretariat.Lang
	session    secretariat.Session
	body       orgRef
	bodies     []orgRef
	chair      orgRef
	items      []sittingItem
}

// stateStep is what a state did to a decision on a date: signed it, or brought it into
// force.
type stateStep struct {
	state orgRef
	date  secretariat.Date
}

// sittingLoader writes what the documents carry, as verbs, in one batch.
type sittingLoader struct {
	ctx       context.Context
	st        *store.Store
	rep       *LoadReport
	sittings  []*sitting // one per session, its expressions merged
	decisions map[string]*decisionIn
	// before writes what must be in the record before the sittings: the organizations
	// and memberships of a Popolo document.
	before func(b *store.Store) error
	// known is what before wrote.
	known batchKnown
}

// decisionIn is a decision as its expressions give it.
type decisionIn struct {
	file, id            string
	in                  store.DecisionInput
	signatures, inForce []stateStep
	used                bool
}

// merge joins the expressions of each work: the Russian and English texts of one
// session, or of one decision.
func (l *sittingLoader) merge(sittings []sitting, decisions []aknDecision) error {
	byWork := map[string]*sitting{}
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
	slices.SortStableFunc(l.sittings, func(a, b *sitting) int {
		if c := a.session.Date.Compare(b.session.Date); c != 0 {
			return c
		}
		return strings.Compare(a.session.ID, b.session.ID)
	})
	l.decisions = map[string]*decisionIn{}
	for _, d := range decisions {
		in := l.decisions[d.item]
		if in == nil {
			in = &decisionIn{file: d.file, id: d.id, in: store.DecisionInput{Kind: d.kind, Access: d.access, RequiresRatification: d.ratification}}
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
func (l *sittingLoader) load() error {
	ctx := l.ctx
	if l.before != nil {
		if err := l.before(l.st); err != nil {
			return err
		}
	}
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
				return fmt.Errorf("%s: %s: item %s: %w", s.file, it.at, it.id, err)
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
func (l *sittingLoader) item(s *sitting, ses secretariat.Session, it sittingItem) error {
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
			return fmt.Errorf("%s: the vote of %s: %w", v.at, v.state.id, err)
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
		l.rep.NotTaken = append(l.rep.NotTaken, fmt.Sprintf("%s: %s: item %s: the document says %s, but the rule the record holds for %s gives %s from the same positions: the record's outcome stands",
			s.file, it.at, it.id, it.outcome, ses.Body, got.Item.Outcome.Result))
	}
	if got.Decision == nil {
		return nil
	}
	l.rep.Decisions++
	if dec == nil {
		return nil
	}
	dec.used = true
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
func (l *sittingLoader) prepare() error {
	var rcs []ParsedRollCall
	for _, s := range l.sittings {
		bodyName := s.body.name
		if bodyName == "" {
			bodyName = s.body.id
		}
		rc := ParsedRollCall{Body: bodyName, BodyID: s.body.id, Date: s.session.Date}
		add := func(o orgRef) {
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
		for _, st := range append(append([]stateStep(nil), d.signatures...), d.inForce...) {
			rcs = append(rcs, ParsedRollCall{Rows: []RollCallRow{{StateID: st.state.id, StateName: st.state.name}}, Date: st.date})
		}
	}
	bodies, states, err := prepareImport(l.ctx, l.st, rcs, &l.known)
	l.rep.BodiesAdded += bodies
	l.rep.StatesAdded += states
	return err
}

// message is what an error says to people: a secretariat error's message, or the
// error's own text (a file's line and reason).
func message(err error) string {
	var se *secretariat.Error
	if errors.As(err, &se) {
		return secretariat.ErrorMessage(err)
	}
	return err.Error()
}
