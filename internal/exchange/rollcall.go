package exchange

import (
	"context"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"sort"
	"strings"

	"secretariat"
	"secretariat/internal/store"
)

// RollCallColumns are the columns of a roll-call CSV, in the order the converter writes
// them. A file may put them in any order; it may not add others, so that nothing the
// record has no field for (least of all personal data) slips in unseen.
var RollCallColumns = []string{"vote_id", "date", "body", "title", "state_code", "state_name", "vote"}

// LineError is what is wrong with one line of an input file.
type LineError struct {
	Line   int    `json:"line"`
	Reason string `json:"reason"`
	// VoteID is the roll call the line belongs to, when the line names one that can be
	// read; empty when it cannot be told.
	VoteID string `json:"vote_id,omitempty"`
}

// Error implements the error interface.
func (e LineError) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Reason) }

// RollCallRow is one state's vote, as read from one line.
type RollCallRow struct {
	Line      int
	StateCode string
	StateName string
	Stance    secretariat.Stance
	// StateID is the state's ID where the source names it (an Akoma Ntoso or Popolo
	// document); otherwise it is the code, or the slug of the name.
	StateID string
}

// key is the ID of the row's state.
func (r RollCallRow) key() string {
	if r.StateID != "" {
		return r.StateID
	}
	return stateKey(r.StateCode, r.StateName)
}

// ParsedRollCall is one roll call read from a file: its first line gives its date, body
// and title; every line gives one vote.
type ParsedRollCall struct {
	VoteID string
	Date   secretariat.Date
	// Body is the body's name; BodyID its ID where the source names it, otherwise the
	// slug of the name. A roll call without a body only names states.
	Body      string
	BodyID    string
	Title     string
	FirstLine int
	Rows      []RollCallRow
}

var (
	voteIDPattern = regexp.MustCompile(`^[A-Za-z0-9._-]{1,64}$`)
	codePattern   = regexp.MustCompile(`^[A-Z]{2}$`)
)

// maxBadLines bounds the malformed lines a file may have before it is taken for
// something other than a roll-call CSV (and their reports stop growing).
const maxBadLines = 100_000

// ParseRollCalls reads a roll-call CSV. It returns the roll calls in the order they first
// appear, with their good lines, and every malformed line with its number, its reason
// and, where it can be read, its roll call. It returns an error, and nothing else, when
// the file as a whole cannot be read: no header, a missing or unknown column, a file
// larger than MaxRollCallFileBytes or a record longer than MaxRecordBytes (refused
// before it is buffered), or ctx cancelled.
func ParseRollCalls(ctx context.Context, r io.Reader) ([]ParsedRollCall, []LineError, error) {
	guard := newCSVGuard(ctx, r, MaxRollCallFileBytes, "the roll-call CSV")
	cr := csv.NewReader(guard)
	cr.ReuseRecord = true
	cr.FieldsPerRecord = -1
	col, names, err := readRollCallHeader(cr)
	if err != nil {
		return nil, nil, err
	}
	set := rollCallSet{index: map[string]int{}, seen: map[string]bool{}}
	var bad []LineError
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if !errors.As(err, &pe) {
				return nil, nil, fmt.Errorf("reading the roll calls: %w", err)
			}
			bad = append(bad, LineError{Line: pe.StartLine, Reason: "not valid CSV: " + pe.Err.Error()})
		} else {
			// FieldPos is valid only after a successful Read.
			line, _ := cr.FieldPos(0)
			if voteID, reason := set.add(rec, col, names, line); reason != "" {
				bad = append(bad, LineError{Line: line, Reason: reason, VoteID: voteID})
			}
		}
		if len(bad) > maxBadLines {
			return nil, nil, secretariat.Errorf(secretariat.EINVALID, "more than %d malformed lines (the first: %s): is this a roll-call CSV? Nothing was loaded", maxBadLines, bad[0])
		}
	}
	return set.out, bad, nil
}

// readRollCallHeader reads the header: exactly the RollCallColumns, in any order. It
// returns where each column is, and the column of each place.
func readRollCallHeader(cr *csv.Reader) (map[string]int, []string, error) {
	header, err := cr.Read()
	if err == io.EOF {
		return nil, nil, secretariat.Errorf(secretariat.EINVALID, "the file is empty, so nothing was loaded: a roll-call CSV starts with the header %s", strings.Join(RollCallColumns, ","))
	}
	var pe *csv.ParseError
	if err != nil && !errors.As(err, &pe) {
		return nil, nil, err // the guard's refusal, or a read error
	}
	if err != nil {
		return nil, nil, secretariat.Errorf(secretariat.EINVALID, "line 1: cannot read the header: %v", err)
	}
	col := map[string]int{}
	names := make([]string, len(header))
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))
		if !slices.Contains(RollCallColumns, h) {
			return nil, nil, secretariat.Errorf(secretariat.EINVALID,
				"line 1: the header has an unknown column %q: a roll-call CSV has exactly the columns %s", h, strings.Join(RollCallColumns, ","))
		}
		if _, dup := col[h]; dup {
			return nil, nil, secretariat.Errorf(secretariat.EINVALID, "line 1: the header names column %q twice", h)
		}
		col[h], names[i] = i, h
	}
	for _, c := range RollCallColumns {
		if _, ok := col[c]; !ok {
			return nil, nil, secretariat.Errorf(secretariat.EINVALID, "line 1: the header lacks the column %q: a roll-call CSV has the columns %s", c, strings.Join(RollCallColumns, ","))
		}
	}
	return col, names, nil
}

// rollCallSet gathers the roll calls of a file, line by line.
type rollCallSet struct {
	out   []ParsedRollCall
	index map[string]int  // vote_id → its place in out
	seen  map[string]bool // vote_id + state, to catch a state voting twice
}

// add reads one line into the set, or says why it cannot. It returns the line's roll
// call when the line names one that can be read, good or bad, so that a roll call with a
// bad line can be set aside whole.
func (s *rollCallSet) add(rec []string, col map[string]int, names []string, line int) (string, string) {
	voteID := ""
	if i := col["vote_id"]; i < len(rec) && voteIDPattern.MatchString(strings.TrimSpace(rec[i])) {
		voteID = strings.TrimSpace(rec[i])
	}
	if len(rec) != len(names) {
		return voteID, fmt.Sprintf("%d fields, the header has %d", len(rec), len(names))
	}
	for i, f := range rec {
		if p := textProblem(names[i], f); p != "" {
			return voteID, p
		}
	}
	get := func(c string) string { return strings.TrimSpace(rec[col[c]]) }
	body, title := get("body"), get("title")
	code, name := strings.ToUpper(get("state_code")), get("state_name")
	d, stance, reason := readVote(get("vote_id"), get("date"), body, code, name, strings.ToLower(get("vote")))
	if reason != "" {
		return voteID, reason
	}
	key := voteID + "\x00" + stateKey(code, name)
	if s.seen[key] {
		return voteID, fmt.Sprintf("a second vote of %s in roll call %s", stateLabel(code, name), voteID)
	}
	s.seen[key] = true
	i, ok := s.index[voteID]
	if ok {
		rc := &s.out[i]
		switch {
		case rc.Date != d:
			return voteID, fmt.Sprintf("roll call %s is dated %s on line %d, %s here", voteID, rc.Date, rc.FirstLine, d)
		case rc.Body != body:
			return voteID, fmt.Sprintf("roll call %s is of body %q on line %d, %q here", voteID, rc.Body, rc.FirstLine, body)
		case rc.Title != title:
			return voteID, fmt.Sprintf("roll call %s has a different title on line %d", voteID, rc.FirstLine)
		}
	} else {
		i = len(s.out)
		s.index[voteID] = i
		s.out = append(s.out, ParsedRollCall{VoteID: voteID, Date: d, Body: body, Title: title, FirstLine: line})
	}
	s.out[i].Rows = append(s.out[i].Rows, RollCallRow{Line: line, StateCode: code, StateName: name, Stance: stance})
	return voteID, ""
}

// readVote checks the fields of one vote, and gives its date and stance, or why the line
// cannot be read.
func readVote(voteID, date, body, code, name, vote string) (secretariat.Date, secretariat.Stance, string) {
	d, derr := secretariat.ParseDate(date)
	stance, serr := secretariat.ParseStance(vote)
	switch {
	case !voteIDPattern.MatchString(voteID):
		return d, stance, fmt.Sprintf("vote_id %q is not an identifier (letters, digits, '.', '-', '_')", voteID)
	case derr != nil:
		return d, stance, fmt.Sprintf("date %q is not a date (YYYY-MM-DD)", date)
	case secretariat.Slug(body) == "":
		return d, stance, "body is empty"
	case code == "" && name == "":
		return d, stance, "the state has neither a code nor a name"
	case code != "" && !codePattern.MatchString(code):
		return d, stance, fmt.Sprintf("state_code %q is not a two-letter ISO 3166 code", code)
	case code == "" && secretariat.Slug(name) == "":
		return d, stance, fmt.Sprintf("state_name %q has no letters or digits to make an ID from", name)
	case vote == "":
		return d, stance, "vote is empty: write absent for a state that did not vote"
	case serr != nil:
		return d, stance, fmt.Sprintf("vote %q is not one of yes, no, abstain, absent, non-interest", vote)
	}
	return d, stance, ""
}

func stateKey(code, name string) string {
	if code != "" {
		return code
	}
	return secretariat.Slug(name)
}

func stateLabel(code, name string) string {
	if code != "" {
		return code
	}
	return fmt.Sprintf("%q", name)
}

// ImportOptions steer ImportRollCalls.
type ImportOptions struct {
	// SkipBad loads the roll calls whose lines are all good, and sets aside whole, and
	// reports, every roll call with a malformed line or that the record refuses: a roll
	// call loaded without one of its votes would be sealed with a wrong outcome. Without
	// it, one malformed line means nothing is loaded.
	SkipBad bool
	// Name is the file's name, for the source record the import cites.
	Name string
	// Progress receives the number of roll calls loaded so far and the total.
	Progress func(done, total int)
}

// ImportSummary says what an import did.
type ImportSummary struct {
	RollCalls int    `json:"roll_calls"`
	Votes     int    `json:"votes"`
	States    int    `json:"states_added"`
	Source    string `json:"source"`
	// Skipped are the roll calls --skip-bad set aside whole.
	Skipped []SkippedRollCall `json:"skipped,omitempty"`
}

// SkippedRollCall is a roll call set aside whole, and why.
type SkippedRollCall struct {
	VoteID string `json:"vote_id"`
	// Reasons are its malformed lines, or, when the record refused it, its first line
	// with the record's reason.
	Reasons []LineError `json:"reasons"`
	// GoodLines counts its lines that were good, and were not loaded either.
	GoodLines int `json:"good_lines_not_loaded"`
}

// ImportError is an import refused because of malformed lines; nothing was loaded.
type ImportError struct {
	Lines []LineError
	// Unplaced says that --skip-bad was given, and the lines name no roll call that can
	// be read, so they could belong to any: no roll call can be loaded safely.
	Unplaced bool
}

// Error implements the error interface.
func (e *ImportError) Error() string {
	n := len(e.Lines)
	if e.Unplaced {
		if n == 1 {
			return fmt.Sprintf("1 malformed line names no roll call that can be read (%s), so any roll call could lack its vote; nothing was loaded, --skip-bad or not: fix it", e.Lines[0])
		}
		return fmt.Sprintf("%d malformed lines name no roll call that can be read (the first: %s), so any roll call could lack their votes; nothing was loaded, --skip-bad or not: fix them",
			n, e.Lines[0])
	}
	if n == 1 {
		return fmt.Sprintf("1 malformed line, so nothing was loaded (%s); fix it, or pass --skip-bad to load the roll calls without a malformed line", e.Lines[0])
	}
	return fmt.Sprintf("%d malformed lines, so nothing was loaded (the first: %s); fix them, or pass --skip-bad to load the roll calls without a malformed line",
		n, e.Lines[0])
}

// ImportRollCalls reads a roll-call CSV and loads it into the record in one batch: all
// of it, or, when a line is malformed, nothing (with opts.SkipBad: every roll call
// without a malformed line). Each roll call becomes an agenda item of a session of its
// body on its date, with one position per vote and the outcome the body's rule gives. A
// body not in the record is added with its own members and simple majority for its rule;
// a state not in the record is added, keyed by its code, or by its name where the data
// has no code, as a member of the body from its first vote to its last. A file with no
// roll call to load is refused, and importing the same roll calls twice is refused: in
// both cases nothing is written.
func ImportRollCalls(ctx context.Context, st *store.Store, r io.Reader, opts ImportOptions) (ImportSummary, error) {
	h := sha256.New()
	rcs, bad, err := ParseRollCalls(ctx, io.TeeReader(r, h))
	if err != nil {
		return ImportSummary{}, err
	}
	sum := hex.EncodeToString(h.Sum(nil))
	summary := ImportSummary{Source: "import-" + sum[:12]}
	sort.SliceStable(bad, func(i, j int) bool { return bad[i].Line < bad[j].Line })
	if len(bad) > 0 && !opts.SkipBad {
		return summary, &ImportError{Lines: bad}
	}
	rcs, summary.Skipped, err = setAsideBad(rcs, bad)
	if err != nil {
		return summary, err
	}
	if len(rcs) == 0 {
		if len(summary.Skipped) > 0 {
			return summary, secretariat.Errorf(secretariat.EINVALID, "every roll call of the file has a malformed line (%d roll calls; the first: %s), so nothing was loaded",
				len(summary.Skipped), summary.Skipped[0].Reasons[0])
		}
		return summary, secretariat.Errorf(secretariat.EINVALID, "the file has a header and no roll call: nothing was loaded (an empty import is refused, so that it leaves no source behind)")
	}
	err = st.Batch(ctx, func(b *store.Store) error {
		source := &secretariat.Source{ID: summary.Source, Class: secretariat.OfficialDocument,
			Title: secretariat.Text{EN: "Roll-call import " + opts.Name, Authentic: secretariat.EN},
			Ref:   fmt.Sprintf("roll-call CSV %q, SHA-256 %s", opts.Name, sum)}
		if _, err := b.RegisterSource(ctx, *source); err != nil {
			if secretariat.ErrorCode(err) == secretariat.ECONFLICT {
				return secretariat.Errorf(secretariat.ECONFLICT, "this file (SHA-256 %s) was imported before; importing it twice is refused, and nothing was loaded", sum[:12])
			}
			return err
		}
		_, added, err := prepareImport(ctx, b, rcs, nil)
		if err != nil {
			return err
		}
		summary.States = added
		for i, rc := range rcs {
			if err := ctx.Err(); err != nil {
				return err
			}
			in := store.RollCall{ID: RollCallItemID(rc.Body, rc.VoteID), Body: bodyID(rc.Body), Date: rc.Date, Kind: secretariat.Substantive,
				Title: secretariat.Text{EN: rc.Title, Authentic: secretariat.EN}, Provenance: secretariat.Provenance{Sources: []string{source.ID}}}
			if rc.Title == "" {
				in.Title.EN = "Roll call " + rc.VoteID
			}
			for _, row := range rc.Rows {
				in.Votes = append(in.Votes, store.RollCallVote{State: row.key(), Stance: row.Stance})
			}
			if _, err := b.ImportRollCall(ctx, in); err != nil {
				if !opts.SkipBad || secretariat.ErrorCode(err) == secretariat.EINTERNAL || secretariat.ErrorCode(err) == secretariat.ECONFLICT || ctx.Err() != nil {
					return fmt.Errorf("roll call %s (line %d): %w", rc.VoteID, rc.FirstLine, err)
				}
				// The verb's savepoint undid the whole roll call.
				summary.Skipped = append(summary.Skipped, SkippedRollCall{VoteID: rc.VoteID, GoodLines: len(rc.Rows),
					Reasons: []LineError{{Line: rc.FirstLine, VoteID: rc.VoteID, Reason: "the record refuses it: " + secretariat.ErrorMessage(err)}}})
				continue
			}
			summary.RollCalls++
			summary.Votes += len(rc.Rows)
			if opts.Progress != nil && (i%250 == 0 || i == len(rcs)-1) {
				opts.Progress(i+1, len(rcs))
			}
		}
		if summary.RollCalls == 0 {
			return secretariat.Errorf(secretariat.EINVALID, "the record refuses every roll call of the file (the first: %s), so nothing was loaded", summary.Skipped[0].Reasons[0])
		}
		return nil
	})
	if err != nil {
		return ImportSummary{}, err
	}
	return summary, nil
}

// setAsideBad keeps the roll calls none of whose lines is malformed, and returns the
// others, whole, with their malformed lines. A malformed line that names no roll call
// that can be read could belong to any: then no roll call is safe, and the import is
// refused.
func setAsideBad(rcs []ParsedRollCall, bad []LineError) ([]ParsedRollCall, []SkippedRollCall, error) {
	if len(bad) == 0 {
		return rcs, nil, nil
	}
	var unplaced []LineError
	byVote := map[string][]LineError{}
	var order []string
	for _, l := range bad {
		switch {
		case l.VoteID == "":
			unplaced = append(unplaced, l)
		case byVote[l.VoteID] == nil:
			order = append(order, l.VoteID)
			fallthrough
		default:
			byVote[l.VoteID] = append(byVote[l.VoteID], l)
		}
	}
	if len(unplaced) > 0 {
		return nil, nil, &ImportError{Lines: unplaced, Unplaced: true}
	}
	good := map[string]int{}
	var keep []ParsedRollCall
	for _, rc := range rcs {
		if byVote[rc.VoteID] != nil {
			good[rc.VoteID] = len(rc.Rows)
			continue
		}
		keep = append(keep, rc)
	}
	skipped := make([]SkippedRollCall, 0, len(order))
	for _, id := range order {
		skipped = append(skipped, SkippedRollCall{VoteID: id, Reasons: byVote[id], GoodLines: good[id]})
	}
	return keep, skipped, nil
}

// RollCallItemID is the ID of the agenda item a roll call becomes.
func RollCallItemID(body, voteID string) string { return bodyID(body) + "-rc-" + voteID }

func bodyID(body string) string { return secretariat.Slug(body) }

// prepareImport registers what the roll calls need that the record lacks: each body
// not in the record, with its own members and a simple majority as its rule, and each
// state not in the record. A state's membership of such a body runs from its first to
// its last recorded vote there (open while it votes in the file's last roll call of the
// body); the organization's membership is left as it is. It returns the numbers of
// bodies and states added. known names what the same batch wrote before (reads inside a
// batch do not see its writes): the bodies, each with whether it keeps its own members,
// and the states.
func prepareImport(ctx context.Context, b *store.Store, rcs []ParsedRollCall, known *batchKnown) (int, int, error) {
	if known == nil {
		known = &batchKnown{}
	}
	type span struct{ first, last secretariat.Date }
	type stateInfo struct {
		code, name string
		bodies     map[string]*span // body ID → the span of its votes there
	}
	states := map[string]*stateInfo{}
	bodies := map[string]*span{} // body ID → its first and last roll call
	names := map[string]string{} // body ID → its name
	for _, rc := range rcs {
		id := rc.BodyID
		if id == "" && rc.Body != "" {
			id = bodyID(rc.Body)
		}
		if id != "" {
			bs := bodies[id]
			if bs == nil {
				bs = &span{first: rc.Date, last: rc.Date}
				bodies[id], names[id] = bs, rc.Body
			}
			bs.first, bs.last = minDate(bs.first, rc.Date), maxDate(bs.last, rc.Date)
		}
		for _, row := range rc.Rows {
			k := row.key()
			si := states[k]
			if si == nil {
				si = &stateInfo{code: row.StateCode, name: row.StateName, bodies: map[string]*span{}}
				states[k] = si
			}
			if si.name == "" {
				si.name = row.StateName
			}
			if id == "" {
				continue
			}
			sp := si.bodies[id]
			if sp == nil {
				sp = &span{first: rc.Date, last: rc.Date}
				si.bodies[id] = sp
			}
			sp.first, sp.last = minDate(sp.first, rc.Date), maxDate(sp.last, rc.Date)
		}
	}
	ownMembers := map[string]bool{} // body ID → the body keeps its own members
	bodiesAdded := 0
	for _, id := range sortedKeys(bodies) {
		if own, ok := known.bodies[id]; ok {
			ownMembers[id] = own
			continue
		}
		existing, err := store.FindByID[secretariat.Body](ctx, b, secretariat.Secretariat, id)
		if err == nil {
			ownMembers[id] = existing.OwnMembers
			continue
		}
		if secretariat.ErrorCode(err) != secretariat.ENOTFOUND {
			return 0, 0, err
		}
		ownMembers[id] = true
		name := names[id]
		if name == "" {
			name = id
		}
		_, err = b.RegisterBody(ctx, secretariat.Body{ID: id, Kind: secretariat.BodyExternal, OwnMembers: true,
			Name: secretariat.Text{EN: name, Authentic: secretariat.EN},
			Rules: []secretariat.DecisionRule{{From: bodies[id].first,
				Substantive: secretariat.Procedure{Method: secretariat.SimpleMajority},
				Procedural:  secretariat.Procedure{Method: secretariat.SimpleMajority},
				Basis:       secretariat.Text{EN: "Added by an import: a simple majority of the states present and voting.", Authentic: secretariat.EN}}}})
		if err != nil {
			return 0, 0, err
		}
		bodiesAdded++
	}
	added := 0
	for _, k := range sortedKeys(states) {
		si := states[k]
		var periods []secretariat.MembershipPeriod
		for _, body := range sortedKeys(si.bodies) {
			if !ownMembers[body] {
				continue // the organization's membership decides, and is not the import's to change
			}
			sp := si.bodies[body]
			p := secretariat.MembershipPeriod{Body: body, Status: secretariat.StandingMember, From: sp.first,
				Note: "observed: from its first to its last recorded vote in an import"}
			if sp.last.Before(bodies[body].last) {
				p.Until = sp.last
			}
			periods = append(periods, p)
		}
		if known.states[k] {
			continue // admitted by this batch, with the memberships its source gives
		}
		existing, err := store.FindByID[secretariat.MemberState](ctx, b, secretariat.Secretariat, k)
		switch {
		case err == nil:
			// A state already in the record keeps its memberships; it joins a body it has
			// none in, and votes outside its periods are refused with the roll call.
			for _, p := range periods {
				if !existing.HasMembershipIn(p.Body) {
					if _, err := b.RecordMembership(ctx, k, p, secretariat.Date{}); err != nil {
						return 0, 0, err
					}
				}
			}
			continue
		case secretariat.ErrorCode(err) != secretariat.ENOTFOUND:
			return 0, 0, err
		}
		name := si.name
		if name == "" {
			name = si.code
		}
		if name == "" {
			name = k
		}
		if _, err := b.AdmitState(ctx, secretariat.MemberState{ID: k, Code: si.code, Name: secretariat.Text{EN: name, Authentic: secretariat.EN},
			Memberships: periods}); err != nil {
			return 0, 0, err
		}
		added++
	}
	return bodiesAdded, added, nil
}

// batchKnown is what a batch wrote before prepareImport: bodies (whether each keeps its
// own members) and states.
type batchKnown struct {
	bodies map[string]bool
	states map[string]bool
}

func minDate(a, b secretariat.Date) secretariat.Date {
	if b.Before(a) {
		return b
	}
	return a
}

func maxDate(a, b secretariat.Date) secretariat.Date {
	if b.After(a) {
		return b
	}
	return a
}

// sortedKeys returns a map's keys in order, so that imports write in a stable order.
func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
