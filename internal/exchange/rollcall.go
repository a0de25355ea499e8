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
}

// Error implements the error interface.
func (e LineError) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Reason) }

// RollCallRow is one state's vote, as read from one line.
type RollCallRow struct {
	Line      int
	StateCode string
	StateName string
	Stance    secretariat.Stance
}

// ParsedRollCall is one roll call read from a file: its first line gives its date, body
// and title; every line gives one vote.
type ParsedRollCall struct {
	VoteID    string
	Date      secretariat.Date
	Body      string
	Title     string
	FirstLine int
	Rows      []RollCallRow
}

var (
	voteIDPattern = regexp.MustCompile(`^[A-Za-z0-9._-]{1,64}$`)
	codePattern   = regexp.MustCompile(`^[A-Z]{2}$`)
)

// maxLineBytes bounds one CSV record, so that a file without line breaks cannot make the
// parser hold gigabytes.
const maxLineBytes = 64 << 10

// ParseRollCalls reads a roll-call CSV. It returns the roll calls in the order they first
// appear, every malformed line with its number and reason, and an error only when the
// file as a whole cannot be read (no header, a missing or unknown column).
func ParseRollCalls(r io.Reader) ([]ParsedRollCall, []LineError, error) {
	cr := csv.NewReader(r)
	cr.ReuseRecord = true
	cr.FieldsPerRecord = -1
	col, width, err := readRollCallHeader(cr)
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
			if len(bad) > 1_000_000 {
				return nil, nil, secretariat.Errorf(secretariat.EINVALID, "more than a million malformed lines: is this a roll-call CSV?")
			}
			continue
		}
		// FieldPos is valid only after a successful Read.
		line, _ := cr.FieldPos(0)
		if reason := set.add(rec, col, width, line); reason != "" {
			bad = append(bad, LineError{Line: line, Reason: reason})
		}
	}
	return set.out, bad, nil
}

// readRollCallHeader reads the header: exactly the RollCallColumns, in any order. It
// returns where each column is, and how many there are.
func readRollCallHeader(cr *csv.Reader) (map[string]int, int, error) {
	header, err := cr.Read()
	if err == io.EOF {
		return nil, 0, secretariat.Errorf(secretariat.EINVALID, "the file is empty: a roll-call CSV starts with the header %s", strings.Join(RollCallColumns, ","))
	}
	if err != nil {
		return nil, 0, secretariat.Errorf(secretariat.EINVALID, "cannot read the header: %v", err)
	}
	col := map[string]int{}
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))
		if !slices.Contains(RollCallColumns, h) {
			return nil, 0, secretariat.Errorf(secretariat.EINVALID,
				"the header has an unknown column %q: a roll-call CSV has exactly the columns %s", h, strings.Join(RollCallColumns, ","))
		}
		if _, dup := col[h]; dup {
			return nil, 0, secretariat.Errorf(secretariat.EINVALID, "the header names column %q twice", h)
		}
		col[h] = i
	}
	for _, c := range RollCallColumns {
		if _, ok := col[c]; !ok {
			return nil, 0, secretariat.Errorf(secretariat.EINVALID, "the header lacks the column %q: a roll-call CSV has the columns %s", c, strings.Join(RollCallColumns, ","))
		}
	}
	return col, len(header), nil
}

// rollCallSet gathers the roll calls of a file, line by line.
type rollCallSet struct {
	out   []ParsedRollCall
	index map[string]int  // vote_id → its place in out
	seen  map[string]bool // vote_id + state, to catch a state voting twice
}

// add reads one line into the set, or says why it cannot.
func (s *rollCallSet) add(rec []string, col map[string]int, width, line int) string {
	if len(rec) != width {
		return fmt.Sprintf("%d fields, the header has %d", len(rec), width)
	}
	n := 0
	for _, f := range rec {
		n += len(f)
	}
	if n > maxLineBytes {
		return "the line is longer than 64 KiB"
	}
	get := func(c string) string { return strings.TrimSpace(rec[col[c]]) }
	voteID, body, title := get("vote_id"), get("body"), get("title")
	code, name := strings.ToUpper(get("state_code")), get("state_name")
	d, stance, reason := readVote(voteID, get("date"), body, code, name, strings.ToLower(get("vote")))
	if reason != "" {
		return reason
	}
	key := voteID + "\x00" + stateKey(code, name)
	if s.seen[key] {
		return fmt.Sprintf("a second vote of %s in roll call %s", stateLabel(code, name), voteID)
	}
	s.seen[key] = true
	i, ok := s.index[voteID]
	if ok {
		rc := &s.out[i]
		switch {
		case rc.Date != d:
			return fmt.Sprintf("roll call %s is dated %s on line %d, %s here", voteID, rc.Date, rc.FirstLine, d)
		case rc.Body != body:
			return fmt.Sprintf("roll call %s is of body %q on line %d, %q here", voteID, rc.Body, rc.FirstLine, body)
		case rc.Title != title:
			return fmt.Sprintf("roll call %s has a different title on line %d", voteID, rc.FirstLine)
		}
	} else {
		i = len(s.out)
		s.index[voteID] = i
		s.out = append(s.out, ParsedRollCall{VoteID: voteID, Date: d, Body: body, Title: title, FirstLine: line})
	}
	s.out[i].Rows = append(s.out[i].Rows, RollCallRow{Line: line, StateCode: code, StateName: name, Stance: stance})
	return ""
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
	// SkipBad loads the good lines when some are malformed, and reports the rest.
	// Without it, one malformed line means nothing is loaded.
	SkipBad bool
	// Name is the file's name, for the source record the import cites.
	Name string
	// Progress receives the number of roll calls loaded so far and the total.
	Progress func(done, total int)
}

// ImportSummary says what an import did.
type ImportSummary struct {
	RollCalls int         `json:"roll_calls"`
	Votes     int         `json:"votes"`
	States    int         `json:"states_added"`
	Rejected  []LineError `json:"rejected,omitempty"`
	Source    string      `json:"source"`
}

// ImportError is an import refused because of malformed lines; nothing was loaded.
type ImportError struct{ Lines []LineError }

// Error implements the error interface.
func (e *ImportError) Error() string {
	return fmt.Sprintf("%d malformed lines, so nothing was loaded (the first: %s); fix them, or pass --skip-bad to load the rest",
		len(e.Lines), e.Lines[0])
}

// ImportRollCalls reads a roll-call CSV and loads it into the record in one batch: all
// of it, or, when a line is malformed, nothing (unless opts.SkipBad). Each roll call
// becomes an agenda item of a session of its body on its date, with one position per
// vote and the outcome the body's rule gives. A body not in the record is added with
// simple majority for its rule; a state not in the record is added, keyed by its code,
// or by its name where the data has no code, as a member from its first vote to its last.
// Importing the same roll calls twice is refused.
func ImportRollCalls(ctx context.Context, st *store.Store, r io.Reader, opts ImportOptions) (ImportSummary, error) {
	h := sha256.New()
	rcs, bad, err := ParseRollCalls(io.TeeReader(r, h))
	if err != nil {
		return ImportSummary{}, err
	}
	sum := hex.EncodeToString(h.Sum(nil))
	summary := ImportSummary{Source: "import-" + sum[:12]}
	sort.Slice(bad, func(i, j int) bool { return bad[i].Line < bad[j].Line })
	if len(bad) > 0 && !opts.SkipBad {
		return summary, &ImportError{Lines: bad}
	}
	summary.Rejected = bad
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
		added, err := prepareImport(ctx, b, rcs)
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
				in.Votes = append(in.Votes, store.RollCallVote{State: stateKey(row.StateCode, row.StateName), Stance: row.Stance})
			}
			if _, err := b.ImportRollCall(ctx, in); err != nil {
				if !opts.SkipBad || secretariat.ErrorCode(err) == secretariat.EINTERNAL || secretariat.ErrorCode(err) == secretariat.ECONFLICT {
					return fmt.Errorf("roll call %s (line %d): %w", rc.VoteID, rc.FirstLine, err)
				}
				summary.Rejected = append(summary.Rejected, LineError{Line: rc.FirstLine, Reason: fmt.Sprintf("roll call %s: %s", rc.VoteID, secretariat.ErrorMessage(err))})
				continue
			}
			summary.RollCalls++
			summary.Votes += len(rc.Rows)
			if opts.Progress != nil && (i%250 == 0 || i == len(rcs)-1) {
				opts.Progress(i+1, len(rcs))
			}
		}
		return nil
	})
	if err != nil {
		return ImportSummary{}, err
	}
	return summary, nil
}

// RollCallItemID is the ID of the agenda item a roll call becomes.
func RollCallItemID(body, voteID string) string { return bodyID(body) + "-rc-" + voteID }

func bodyID(body string) string { return secretariat.Slug(body) }

// prepareImport adds the bodies and states the roll calls need and the record lacks.
func prepareImport(ctx context.Context, b *store.Store, rcs []ParsedRollCall) (int, error) {
	type span struct {
		code, name  string
		first, last secretariat.Date
	}
	states := map[string]*span{}
	bodies := map[string]secretariat.Date{}
	for _, rc := range rcs {
		if first, ok := bodies[rc.Body]; !ok || rc.Date.Before(first) {
			bodies[rc.Body] = rc.Date
		}
		for _, row := range rc.Rows {
			k := stateKey(row.StateCode, row.StateName)
			sp, ok := states[k]
			if !ok {
				sp = &span{code: row.StateCode, name: row.StateName, first: rc.Date, last: rc.Date}
				states[k] = sp
			}
			if rc.Date.Before(sp.first) {
				sp.first = rc.Date
			}
			if rc.Date.After(sp.last) {
				sp.last = rc.Date
			}
			if sp.name == "" {
				sp.name = row.StateName
			}
		}
	}
	names := make([]string, 0, len(bodies))
	for name := range bodies {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		id := bodyID(name)
		if _, err := b.Get(ctx, secretariat.Secretariat, "body", id); err == nil {
			continue
		} else if secretariat.ErrorCode(err) != secretariat.ENOTFOUND {
			return 0, err
		}
		_, err := b.RegisterBody(ctx, secretariat.Body{ID: id, Kind: secretariat.BodyExternal,
			Name: secretariat.Text{EN: name, Authentic: secretariat.EN},
			Rules: []secretariat.DecisionRule{{From: bodies[name],
				Substantive: secretariat.Procedure{Method: secretariat.SimpleMajority},
				Procedural:  secretariat.Procedure{Method: secretariat.SimpleMajority},
				Basis:       secretariat.Text{EN: "Added by a roll-call import: a simple majority of the states present and voting.", Authentic: secretariat.EN}}}})
		if err != nil {
			return 0, err
		}
	}
	keys := make([]string, 0, len(states))
	for k := range states {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	last := secretariat.Date{}
	for _, rc := range rcs {
		if rc.Date.After(last) {
			last = rc.Date
		}
	}
	added := 0
	for _, k := range keys {
		sp := states[k]
		if _, err := b.Get(ctx, secretariat.Secretariat, "state", k); err == nil {
			continue // a state already in the record keeps its membership; votes outside it are refused
		} else if secretariat.ErrorCode(err) != secretariat.ENOTFOUND {
			return 0, err
		}
		period := secretariat.MembershipPeriod{Status: secretariat.StandingMember, From: sp.first,
			Note: "observed: from its first to its last recorded vote in a roll-call import"}
		if sp.last.Before(last) {
			period.Until = sp.last
		}
		name := sp.name
		if name == "" {
			name = sp.code
		}
		if _, err := b.AdmitState(ctx, secretariat.MemberState{ID: k, Code: sp.code, Name: secretariat.Text{EN: name, Authentic: secretariat.EN},
			Memberships: []secretariat.MembershipPeriod{period}}); err != nil {
			return 0, err
		}
		added++
	}
	return added, nil
}
