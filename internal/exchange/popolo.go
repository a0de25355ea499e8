package exchange

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strconv"

	"secretariat"
	"secretariat/internal/store"
)

// Popolo (popoloproject.com): the organization, its bodies and the member states as
// organizations; the states' memberships over time; the sessions as events; the agenda
// items as motions; the votes on them as vote events with their counts and each state's
// vote. One JSON document:
//
//	{"organizations":[…],"memberships":[…],"events":[…],"motions":[…],"vote_events":[…]}
//
// every object of which satisfies the Popolo schema of its class. IDs are prefixed by
// what they name: organization:ID, body:ID, state:ID, session:ID, item:ID, vote:ITEM,
// membership:STATE:N.

// Popolo's classifications of organizations, and the options of votes, for the record's
// values.
const (
	popoloOrganization = "organization"
	popoloState        = "member state"
	popoloBodyPrefix   = "body/"
)

// popoloOption is the option a vote records for each stance: Popolo's common words
// where they fit (yes, no, abstain, absent), the record's own otherwise.
var popoloOption = map[secretariat.Stance]string{
	secretariat.Joins:                "yes",
	secretariat.JoinsWithReservation: "yes-with-reservation",
	secretariat.Abstains:             "abstain",
	secretariat.NonInterest:          "non-interest",
	secretariat.Objects:              "no",
	secretariat.Absent:               "absent",
}

type popoloName struct {
	Name string `json:"name"`
	Note string `json:"note,omitempty"`
}

type popoloIdentifier struct {
	Identifier string `json:"identifier"`
	Scheme     string `json:"scheme,omitempty"`
}

type popoloOrg struct {
	ID             string             `json:"id"`
	Name           string             `json:"name"`
	OtherNames     []popoloName       `json:"other_names,omitempty"`
	Identifiers    []popoloIdentifier `json:"identifiers,omitempty"`
	Classification string             `json:"classification"`
	ParentID       string             `json:"parent_id,omitempty"`
}

type popoloMember struct {
	Type string `json:"@type"`
	ID   string `json:"id"`
	Name string `json:"name,omitempty"`
}

type popoloMembership struct {
	ID             string        `json:"id"`
	Member         *popoloMember `json:"member"`
	OrganizationID string        `json:"organization_id"`
	Role           string        `json:"role"`
	StartDate      string        `json:"start_date,omitempty"`
	EndDate        string        `json:"end_date,omitempty"`
}

type popoloEvent struct {
	ID             string `json:"id"`
	Name           string `json:"name,omitempty"`
	StartDate      string `json:"start_date"`
	Location       string `json:"location,omitempty"`
	Classification string `json:"classification"`
	OrganizationID string `json:"organization_id"`
}

type popoloMotion struct {
	ID                   string `json:"id"`
	OrganizationID       string `json:"organization_id"`
	LegislativeSessionID string `json:"legislative_session_id"`
	Text                 string `json:"text"`
	Identifier           string `json:"identifier"`
	Classification       string `json:"classification"`
	Date                 string `json:"date"`
	Requirement          string `json:"requirement,omitempty"`
	Result               string `json:"result,omitempty"`
	// Access is the item's classification when it is not public, and AccessParties the
	// states a confidential one names: Popolo has no field for them (the schema lets a
	// motion carry more than its fields), and an import must not make them public.
	Access        string   `json:"access,omitempty"`
	AccessParties []string `json:"access_parties,omitempty"`
}

type popoloCount struct {
	Option string `json:"option"`
	Value  int    `json:"value"`
}

type popoloVote struct {
	VoterID string `json:"voter_id"`
	Option  string `json:"option"`
	// Reservation is the text of a reservation: Popolo's vote has no field for it, and
	// the schema lets a vote carry more than its fields.
	Reservation string `json:"reservation,omitempty"`
}

type popoloVoteEvent struct {
	ID                   string        `json:"id"`
	MotionID             string        `json:"motion_id"`
	OrganizationID       string        `json:"organization_id"`
	LegislativeSessionID string        `json:"legislative_session_id"`
	StartDate            string        `json:"start_date"`
	Result               string        `json:"result,omitempty"`
	Counts               []popoloCount `json:"counts"`
	Votes                []popoloVote  `json:"votes"`
}

// PopoloSummary counts what an export wrote.
type PopoloSummary struct {
	Organizations int   `json:"organizations"`
	Memberships   int   `json:"memberships"`
	Events        int   `json:"events"`
	Motions       int   `json:"motions"`
	VoteEvents    int   `json:"vote_events"`
	Votes         int   `json:"votes"`
	Bytes         int64 `json:"bytes"`
}

// popoloWriter writes the document's arrays, one object a line.
type popoloWriter struct {
	w     *bufio.Writer
	sum   *PopoloSummary
	first bool
	err   error
}

func (p *popoloWriter) raw(s string) {
	if p.err == nil {
		n, err := p.w.WriteString(s)
		p.sum.Bytes += int64(n)
		p.err = err
	}
}

func (p *popoloWriter) open(name string, first bool) {
	if !first {
		p.raw("\n],\n")
	}
	p.raw(`"` + name + `":[`)
	p.first = true
}

func (p *popoloWriter) object(v any) {
	b, err := json.Marshal(v)
	if err != nil && p.err == nil {
		p.err = err
	}
	if p.first {
		p.raw("\n")
	} else {
		p.raw(",\n")
	}
	p.first = false
	p.raw(string(b))
}

// ExportPopolo writes what the viewer may see of the record as one Popolo document, in
// the language asked for (names and titles in the other language where they lack it).
func ExportPopolo(ctx context.Context, st *store.Store, v secretariat.Viewer, w io.Writer, lang secretariat.Lang) (PopoloSummary, error) {
	var sum PopoloSummary
	st, err := pinned(ctx, st)
	if err != nil {
		return sum, err
	}
	other := secretariat.RU
	if lang == secretariat.RU {
		other = secretariat.EN
	}
	names := func(t secretariat.Text) (string, []popoloName) {
		var out []popoloName
		if t.Has(other) && t.In(other) != t.In(lang) {
			out = append(out, popoloName{Name: t.In(other), Note: "in " + map[secretariat.Lang]string{secretariat.RU: "Russian", secretariat.EN: "English"}[other]})
		}
		return t.In(lang), out
	}
	p := &popoloWriter{w: bufio.NewWriterSize(w, 1<<20), sum: &sum}
	p.raw("{")
	p.open("organizations", true)
	orgs, _, err := store.FindAll[secretariat.Organization](ctx, st, v, store.Filter{})
	if err != nil {
		return sum, err
	}
	orgID := ""
	for _, o := range orgs {
		orgID = "organization:" + o.ID
		name, others := names(o.Name)
		p.object(popoloOrg{ID: orgID, Name: name, OtherNames: others, Classification: popoloOrganization})
		sum.Organizations++
	}
	bodies, _, err := store.FindAll[secretariat.Body](ctx, st, v, store.Filter{})
	if err != nil {
		return sum, err
	}
	for _, b := range bodies {
		name, others := names(b.Name)
		parent := orgID
		if b.Parent != "" {
			parent = "body:" + b.Parent
		}
		if b.OwnMembers {
			parent = "" // a body of another organization
		}
		p.object(popoloOrg{ID: "body:" + b.ID, Name: name, OtherNames: others, Classification: popoloBodyPrefix + string(b.Kind), ParentID: parent})
		sum.Organizations++
	}
	states, _, err := store.FindAll[secretariat.MemberState](ctx, st, v, store.Filter{})
	if err != nil {
		return sum, err
	}
	for _, s := range states {
		name, others := names(s.Name)
		o := popoloOrg{ID: "state:" + s.ID, Name: name, OtherNames: others, Classification: popoloState}
		if s.Code != "" {
			o.Identifiers = []popoloIdentifier{{Identifier: s.Code, Scheme: "ISO 3166-1 alpha-2"}}
		}
		p.object(o)
		sum.Organizations++
	}
	p.open("memberships", false)
	for _, s := range states {
		for i, m := range s.Memberships {
			in := orgID
			if m.Body != "" {
				in = "body:" + m.Body
			}
			if in == "" {
				continue
			}
			ms := popoloMembership{ID: fmt.Sprintf("membership:%s:%d", s.ID, i+1), Member: &popoloMember{Type: "Organization", ID: "state:" + s.ID, Name: s.Name.In(lang)},
				OrganizationID: in, Role: string(m.Status), StartDate: m.From.String()}
			if !m.Until.IsZero() {
				ms.EndDate = m.Until.String()
			}
			p.object(ms)
			sum.Memberships++
		}
	}
	p.open("events", false)
	err = eachRecord(ctx, st, v, kindInfo("session"), func(r secretariat.Record) error {
		s := r.(*secretariat.Session)
		p.object(popoloEvent{ID: "session:" + s.ID, Name: s.Title.In(lang), StartDate: s.Date.String(), Location: s.Place.In(lang),
			Classification: "session/" + string(s.Kind), OrganizationID: "body:" + s.Body})
		sum.Events++
		return p.err
	})
	if err != nil {
		return sum, err
	}
	p.open("motions", false)
	err = eachRecord(ctx, st, v, kindInfo("item"), func(r secretariat.Record) error {
		it := r.(*secretariat.AgendaItem)
		m := popoloMotion{ID: "item:" + it.ID, OrganizationID: "body:" + it.Body, LegislativeSessionID: "session:" + it.Session,
			Text: it.Title.In(lang), Identifier: strconv.Itoa(it.Number), Classification: string(it.Kind), Date: it.Date.String() + "T00:00:00Z"}
		if it.Outcome != nil {
			m.Result = string(it.Outcome.Result)
			m.Requirement = string(it.Outcome.Procedure.Method)
		}
		if it.Access.Level() != secretariat.Public {
			m.Access, m.AccessParties = string(it.Access.Level()), it.Access.Parties
		}
		p.object(m)
		sum.Motions++
		return p.err
	})
	if err != nil {
		return sum, err
	}
	p.open("vote_events", false)
	err = eachRecord(ctx, st, v, kindInfo("item"), func(r secretariat.Record) error {
		it := r.(*secretariat.AgendaItem)
		positions, _, err := store.FindAll[secretariat.Position](ctx, st, v, store.Where("item", it.ID))
		if err != nil {
			return err
		}
		if len(positions) == 0 && (it.Outcome == nil || it.Outcome.Result == secretariat.Deferred || it.Outcome.Result == secretariat.Withdrawn) {
			return nil
		}
		ve := popoloVoteEvent{ID: "vote:" + it.ID, MotionID: "item:" + it.ID, OrganizationID: "body:" + it.Body, LegislativeSessionID: "session:" + it.Session,
			StartDate: it.Date.String() + "T00:00:00Z", Counts: []popoloCount{}, Votes: []popoloVote{}}
		counts := map[string]int{}
		for _, pos := range positions {
			opt := popoloOption[pos.Stance]
			counts[opt]++
			ve.Votes = append(ve.Votes, popoloVote{VoterID: "state:" + pos.State, Option: opt, Reservation: pos.Reservation.In(lang)})
		}
		for _, s := range secretariat.Stances {
			if n := counts[popoloOption[s]]; n > 0 {
				ve.Counts = append(ve.Counts, popoloCount{Option: popoloOption[s], Value: n})
			}
		}
		if it.Outcome != nil {
			ve.Result = string(it.Outcome.Result)
		}
		p.object(ve)
		sum.VoteEvents++
		sum.Votes += len(ve.Votes)
		return p.err
	})
	if err != nil {
		return sum, err
	}
	p.raw("\n]}\n")
	if p.err == nil {
		p.err = p.w.Flush()
	}
	if p.err != nil {
		return sum, fmt.Errorf("writing the Popolo document: %w", p.err)
	}
	return sum, nil
}

// popoloStance reads a vote's option: the export's, or Popolo's common words.
func popoloStance(option string) (secretariat.Stance, bool) {
	for s, o := range popoloOption {
		if o == option {
			return s, true
		}
	}
	switch option {
	case "aye", "yea", "for":
		return secretariat.Joins, true
	case "nay", "against":
		return secretariat.Objects, true
	case "not voting", "absence", "excused":
		return secretariat.Absent, true
	case "abstention":
		return secretariat.Abstains, true
	}
	return "", false
}
