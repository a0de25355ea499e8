package store

import (
	"context"
	"fmt"
	"slices"

	"secretariat"
)

// ScheduleSession adds a session of a body.
func (s *Store) ScheduleSession(ctx context.Context, ses secretariat.Session) (Entry, error) {
	return s.run(ctx, "ScheduleSession", func(tx *Tx) error {
		if ses.Chair != "" {
			if err := tx.requireMember(ses.Chair, ses.Body, ses.Date, "chair"); err != nil {
				return err
			}
		}
		return tx.Insert(&ses)
	})
}

// NoteSession records what was learned of a session after it was scheduled, such as how
// many items the press reported, with the sources it rests on. The note replaces the
// session's note; the sources are added to its own.
func (s *Store) NoteSession(ctx context.Context, sessionID string, note secretariat.Text, sources []string) (Entry, error) {
	return s.run(ctx, "NoteSession", func(tx *Tx) error {
		var ses secretariat.Session
		if err := tx.Get("session", sessionID, &ses); err != nil {
			return err
		}
		ses.Note = note
		for _, src := range sources {
			if !slices.Contains(ses.Sources, src) {
				ses.Sources = append(ses.Sources, src)
			}
		}
		return tx.Put(&ses)
	})
}

// AddAgendaItem puts a question on a session's agenda. Number 0 takes the next free
// number; an empty ID becomes SESSION-NUMBER. The item takes its body and date from the
// session.
func (s *Store) AddAgendaItem(ctx context.Context, it secretariat.AgendaItem) (Entry, error) {
	return s.run(ctx, "AddAgendaItem", func(tx *Tx) error {
		var ses secretariat.Session
		if err := tx.Get("session", it.Session, &ses); err != nil {
			return err
		}
		it.Body, it.Date = ses.Body, ses.Date
		if it.Number == 0 {
			if err := tx.QueryRow(`SELECT coalesce(max(number), 0) + 1 FROM item WHERE session = ?`, it.Session).Scan(&it.Number); err != nil {
				return classify(err, "numbering the item")
			}
		}
		if it.ID == "" {
			it.ID = fmt.Sprintf("%s-%d", ses.ID, it.Number)
		}
		if it.Outcome != nil {
			return secretariat.Errorf(secretariat.EINVALID, "an outcome is computed by DecideItem, never given with a new item")
		}
		var taken int
		if err := tx.QueryRow(`SELECT count(*) FROM item WHERE session = ? AND number = ?`, it.Session, it.Number).Scan(&taken); err != nil {
			return classify(err, "numbering the item")
		}
		if taken > 0 {
			return secretariat.Errorf(secretariat.ECONFLICT, "session %s already has an item %d", it.Session, it.Number)
		}
		return tx.Insert(&it)
	})
}

// ProposeDraft adds a draft with its first version.
func (s *Store) ProposeDraft(ctx context.Context, d secretariat.Draft) (Entry, error) {
	if len(d.Versions) != 1 {
		return Entry{}, secretariat.Errorf(secretariat.EINVALID, "a new draft has exactly one version; add more with ReviseDraft")
	}
	d.Versions = slices.Clone(d.Versions)
	d.Versions[0].N = 1
	return s.create(ctx, "ProposeDraft", &d)
}

// ReviseDraft adds a version to a draft. Its number is the next one.
func (s *Store) ReviseDraft(ctx context.Context, draftID string, v secretariat.DraftVersion) (Entry, error) {
	return s.run(ctx, "ReviseDraft", func(tx *Tx) error {
		var d secretariat.Draft
		if err := tx.Get("draft", draftID, &d); err != nil {
			return err
		}
		v.N = len(d.Versions) + 1
		d.Versions = append(d.Versions, v)
		return tx.Put(&d)
	})
}

// PositionInput is what RecordPosition takes.
type PositionInput struct {
	Item        string
	State       string
	Stance      secretariat.Stance
	Reservation secretariat.Text
	secretariat.Provenance
}

// RecordPosition records one member state's stance on an item. It refuses a state that
// is not a member on the session date or is suspended, an item already decided, and a
// declaration of non-interest that the rule in force does not allow.
func (s *Store) RecordPosition(ctx context.Context, in PositionInput) (Entry, error) {
	return s.run(ctx, "RecordPosition", func(tx *Tx) error {
		var it secretariat.AgendaItem
		if err := tx.Get("item", in.Item, &it); err != nil {
			return err
		}
		if it.Decided() {
			return secretariat.Errorf(secretariat.ECONFLICT, "item %s is already decided (%s on %s): positions on it can no longer change",
				it.ID, it.Outcome.Result, it.Outcome.DecidedOn)
		}
		if err := tx.requireMember(in.State, it.Body, it.Date, "state"); err != nil {
			return err
		}
		rule, err := tx.ruleOn(it.Body, it.Date)
		if err != nil {
			return err
		}
		if err := rule.Allows(it.Kind, in.Stance); err != nil {
			return &secretariat.Error{Code: secretariat.EINVALID, Message: fmt.Sprintf("%s on %s: %s", it.Body, it.Date, secretariat.ErrorMessage(err)),
				Fields: map[string]string{"stance": secretariat.ErrorMessage(err)}}
		}
		p := &secretariat.Position{ID: secretariat.PositionID(it.ID, in.State), Item: it.ID, State: in.State,
			Stance: in.Stance, Reservation: in.Reservation, Access: it.Access, Provenance: in.Provenance}
		tx.Primary("position", p.ID)
		return tx.Put(p)
	})
}

// requireMember refuses a state that is not a member of the body, or is suspended, on
// date d: of the body's own members when it has them, else of the organization.
func (tx *Tx) requireMember(stateID, bodyID string, d secretariat.Date, field string) error {
	var st secretariat.MemberState
	if err := tx.Get("state", stateID, &st); err != nil {
		return err
	}
	b, err := tx.body(bodyID)
	if err != nil {
		return err
	}
	return memberError(&st, b, d, field)
}

// memberError says why a state may not act in a body on a date, or returns nil.
func memberError(st *secretariat.MemberState, b *secretariat.Body, d secretariat.Date, field string) error {
	of := "the organization"
	if b.OwnMembers {
		of = b.ID
	}
	switch st.StandingIn(b, d) {
	case secretariat.StandingMember:
		return nil
	case secretariat.StandingSuspended:
		return &secretariat.Error{Code: secretariat.EINVALID, Message: fmt.Sprintf("%s was suspended from %s on %s", st.ID, of, d),
			Fields: map[string]string{field: "suspended on " + d.String()}}
	default:
		return &secretariat.Error{Code: secretariat.EINVALID, Message: fmt.Sprintf("%s was not a member of %s on %s", st.ID, of, d),
			Fields: map[string]string{field: "not a member on " + d.String()}}
	}
}

// body reads a body; inside a batch, once per batch until a verb writes a body.
func (tx *Tx) body(id string) (*secretariat.Body, error) {
	if tx.batch != nil {
		if b, ok := tx.batch.bodies[id]; ok {
			return b, nil
		}
	}
	b := new(secretariat.Body)
	if err := tx.Get("body", id, b); err != nil {
		return nil, err
	}
	if tx.batch != nil {
		if tx.batch.bodies == nil {
			tx.batch.bodies = map[string]*secretariat.Body{}
		}
		tx.batch.bodies[id] = b
	}
	return b, nil
}

// ruleOn returns the rule of a body in force on a date.
func (tx *Tx) ruleOn(bodyID string, d secretariat.Date) (secretariat.DecisionRule, error) {
	b, err := tx.body(bodyID)
	if err != nil {
		return secretariat.DecisionRule{}, err
	}
	return b.RuleOn(d)
}

// states returns every member state. Inside a batch they are read once and kept until a
// verb of the batch writes a state.
func (tx *Tx) states() (map[string]*secretariat.MemberState, error) {
	if tx.batch != nil && tx.batch.states != nil {
		return tx.batch.states, nil
	}
	rows, err := tx.Query(`SELECT doc FROM state ORDER BY id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]*secretariat.MemberState{}
	for rows.Next() {
		var doc []byte
		if err := rows.Scan(&doc); err != nil {
			return nil, classify(err, "reading states")
		}
		st := new(secretariat.MemberState)
		if err := decodeDoc("state", "", doc, st); err != nil {
			return nil, err
		}
		out[st.ID] = st
	}
	if err := rows.Err(); err != nil {
		return nil, classify(err, "reading states")
	}
	if tx.batch != nil {
		tx.batch.states = out
	}
	return out, nil
}

// membersOn returns the states that are members of a body, and not suspended, on date d,
// in ID order.
func (tx *Tx) membersOn(bodyID string, d secretariat.Date) ([]string, error) {
	b, err := tx.body(bodyID)
	if err != nil {
		return nil, err
	}
	all, err := tx.states()
	if err != nil {
		return nil, err
	}
	var out []string
	for id, st := range all {
		if st.StandingIn(b, d) == secretariat.StandingMember {
			out = append(out, id)
		}
	}
	slices.Sort(out)
	return out, nil
}

// stancesOn returns the recorded stances on an item.
func (tx *Tx) stancesOn(itemID string) (map[string]secretariat.Stance, error) {
	rows, err := tx.Query(`SELECT state, stance FROM position WHERE item = ?`, itemID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]secretariat.Stance{}
	for rows.Next() {
		var st, stance string
		if err := rows.Scan(&st, &stance); err != nil {
			return nil, classify(err, "reading positions")
		}
		out[st] = secretariat.Stance(stance)
	}
	return out, classify(rows.Err(), "reading positions")
}

// DecisionInput is what an adopted item becomes. Empty fields take the item's (or its
// draft's) values.
type DecisionInput struct {
	Kind                 secretariat.DecisionKind
	Title                secretariat.Text
	Text                 string
	Translations         []secretariat.Translation
	RequiresRatification bool
	// Access overrides the item's classification, e.g. to add a public summary.
	Access *secretariat.Access
	secretariat.Provenance
}

// DecideItem runs the rule engine on the recorded positions and stores the outcome with
// its reasoning. An adopted item becomes a decision, numbered per body per year. The
// outcome is computed, never given. The entry's primary record is the item; the decision,
// when there is one, is in the entry too (Entry.IDs("decision")).
func (s *Store) DecideItem(ctx context.Context, itemID string, in DecisionInput) (Entry, error) {
	return s.run(ctx, "DecideItem", func(tx *Tx) error {
		it := new(secretariat.AgendaItem)
		if err := tx.Get("item", itemID, it); err != nil {
			return err
		}
		if it.Decided() {
			return secretariat.Errorf(secretariat.ECONFLICT, "item %s is already decided: %s", it.ID, it.Outcome.Result)
		}
		rule, err := tx.ruleOn(it.Body, it.Date)
		if err != nil {
			return err
		}
		members, err := tx.membersOn(it.Body, it.Date)
		if err != nil {
			return err
		}
		stances, err := tx.stancesOn(it.ID)
		if err != nil {
			return err
		}
		o := secretariat.Adopt(rule, it.Kind, members, stances)
		o.DecidedOn = it.Date
		it.Outcome = &o
		tx.Primary("item", it.ID)
		if err := tx.Put(it); err != nil {
			return err
		}
		if !o.Result.IsAdopted() {
			return nil
		}
		d, err := tx.newDecision(it, o, in)
		if err != nil {
			return err
		}
		return tx.Insert(d)
	})
}

// Decided is what a DecideItem entry wrote: the item with its outcome and, when the item
// was adopted, the decision.
type Decided struct {
	Item     secretariat.AgendaItem
	Decision *secretariat.Decision
}

// DecidedIn reads what a DecideItem entry wrote.
func DecidedIn(e Entry) (Decided, error) {
	var out Decided
	if err := e.Decode("item", e.ID, &out.Item); err != nil {
		return out, err
	}
	if ids := e.IDs("decision"); len(ids) == 1 {
		out.Decision = new(secretariat.Decision)
		if err := e.Decode("decision", ids[0], out.Decision); err != nil {
			return out, err
		}
	}
	return out, nil
}

func (tx *Tx) newDecision(it *secretariat.AgendaItem, o secretariat.Outcome, in DecisionInput) (*secretariat.Decision, error) {
	year := it.Date.Year()
	var n int
	if err := tx.QueryRow(`SELECT coalesce(max(number), 0) + 1 FROM decision WHERE body = ? AND year = ?`, it.Body, year).Scan(&n); err != nil {
		return nil, classify(err, "numbering the decision")
	}
	d := &secretariat.Decision{
		ID: secretariat.DecisionID(it.Body, year, n), Body: it.Body, Year: year, Number: n,
		Item: it.ID, Session: it.Session, Date: it.Date, Kind: in.Kind, Title: in.Title,
		Text: in.Text, Translations: in.Translations, RequiresRatification: in.RequiresRatification,
		NotBound: o.NotBound, Access: it.Access, Provenance: in.Provenance,
	}
	if d.Kind == "" {
		d.Kind = it.DecisionKind
	}
	if d.Kind == "" {
		d.Kind = secretariat.KindDecision
	}
	if d.Title.IsZero() {
		d.Title = it.Title
	}
	if in.Access != nil {
		d.Access = *in.Access
	}
	if len(d.Sources) == 0 && !d.Illustrative {
		d.Provenance = it.Provenance
	}
	if d.Text == "" && it.Draft != "" {
		var dr secretariat.Draft
		if err := tx.Get("draft", it.Draft, &dr); err != nil {
			return nil, err
		}
		if v := dr.Latest(); v != nil {
			d.Text, d.Translations = v.Text, v.Translations
		}
	}
	return d, nil
}

// DeferItem records that consideration of an item is put off. A deferred item may come
// back and be decided later.
func (s *Store) DeferItem(ctx context.Context, itemID string, on secretariat.Date, note secretariat.Text) (Entry, error) {
	return s.closeItem(ctx, "DeferItem", itemID, secretariat.Deferred, on, note)
}

// WithdrawItem records that an item was taken off the agenda.
func (s *Store) WithdrawItem(ctx context.Context, itemID string, on secretariat.Date, note secretariat.Text) (Entry, error) {
	return s.closeItem(ctx, "WithdrawItem", itemID, secretariat.Withdrawn, on, note)
}

func (s *Store) closeItem(ctx context.Context, verb, itemID string, r secretariat.Result, on secretariat.Date, note secretariat.Text) (Entry, error) {
	return s.run(ctx, verb, func(tx *Tx) error {
		var it secretariat.AgendaItem
		if err := tx.Get("item", itemID, &it); err != nil {
			return err
		}
		if it.Decided() {
			return secretariat.Errorf(secretariat.ECONFLICT, "item %s is already decided: %s", it.ID, it.Outcome.Result)
		}
		if on.IsZero() {
			on = it.Date
		}
		it.Outcome = &secretariat.Outcome{Result: r, DecidedOn: on, Note: note, Kind: it.Kind}
		return tx.Put(&it)
	})
}

// SignDecision records a state's signature of a decision. A state the decision does not
// bind, or that was not a member, cannot sign it.
func (s *Store) SignDecision(ctx context.Context, decisionID, stateID string, on secretariat.Date) (Entry, error) {
	return s.run(ctx, "SignDecision", func(tx *Tx) error {
		var d secretariat.Decision
		if err := tx.Get("decision", decisionID, &d); err != nil {
			return err
		}
		if d.SignedBy(stateID) {
			return secretariat.Errorf(secretariat.ECONFLICT, "%s has already signed decision %s", stateID, decisionID)
		}
		for _, nb := range d.NotBound {
			if nb == stateID {
				return secretariat.Errorf(secretariat.ECONFLICT, "decision %s does not bind %s (it declared non-interest), so %s does not sign it", decisionID, stateID, stateID)
			}
		}
		if err := tx.requireMember(stateID, d.Body, on, "state"); err != nil {
			return err
		}
		d.Signatures = append(d.Signatures, secretariat.Signature{State: stateID, Date: on})
		if !d.RequiresRatification && !d.InForceFor(stateID) {
			d.InForce = append(d.InForce, secretariat.EntryIntoForce{State: stateID, Date: on})
		}
		return tx.Put(&d)
	})
}

// RecordEntryIntoForce records that a decision that needs ratification entered into force
// for a state.
func (s *Store) RecordEntryIntoForce(ctx context.Context, decisionID, stateID string, on secretariat.Date) (Entry, error) {
	return s.run(ctx, "RecordEntryIntoForce", func(tx *Tx) error {
		var d secretariat.Decision
		if err := tx.Get("decision", decisionID, &d); err != nil {
			return err
		}
		if d.InForceFor(stateID) {
			return secretariat.Errorf(secretariat.ECONFLICT, "decision %s is already in force for %s", decisionID, stateID)
		}
		if !d.SignedBy(stateID) {
			return secretariat.Errorf(secretariat.ECONFLICT, "%s has not signed decision %s; it enters into force for a state after signature", stateID, decisionID)
		}
		d.InForce = append(d.InForce, secretariat.EntryIntoForce{State: stateID, Date: on})
		return tx.Put(&d)
	})
}
