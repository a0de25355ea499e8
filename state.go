package secretariat

import (
	"regexp"
	"slices"
)

// Standing is a state's standing in the organization on a date.
type Standing string

// Standings.
const (
	StandingMember    Standing = "member"
	StandingSuspended Standing = "suspended"
	StandingNone      Standing = "not_member"
)

// MembershipPeriod is a span of days during which a state was a member, or was
// suspended, of the organization or of one body with its own members. A suspension lies
// inside a membership; a withdrawal ends a membership.
type MembershipPeriod struct {
	// Body is the body with its own members the period is in; empty for the
	// organization, whose members are the members of its bodies.
	Body   string   `json:"body,omitempty" ref:"body"`
	Status Standing `json:"status"`
	From   Date     `json:"from"`
	// Until is the last day of the period; unset means it is still running.
	Until Date   `json:"until,omitzero"`
	Note  string `json:"note,omitempty"`
}

// covers reports whether d falls inside the period.
func (p MembershipPeriod) covers(d Date) bool {
	return !d.Before(p.From) && (p.Until.IsZero() || !d.After(p.Until))
}

// MemberState is a state with its periods of membership.
type MemberState struct {
	// ID is the ISO 3166-1 alpha-2 code where the state has one, else a slug of its name.
	ID string `json:"id"`
	// Code is the ISO 3166-1 alpha-2 code; empty when the source gives none.
	Code        string             `json:"code,omitempty"`
	Name        Text               `json:"name"`
	Memberships []MembershipPeriod `json:"memberships,omitempty"`
	// WitnessKey is the verifier key with which the state's witness cosigns the log's
	// checkpoints (C2SP tlog-cosignature); empty until the state registers one.
	WitnessKey string `json:"witness_key,omitempty"`
	Provenance
}

var (
	isoAlpha2   = regexp.MustCompile(`^[A-Z]{2}$`)
	slugPattern = regexp.MustCompile(`[^a-z0-9]+`)
	// witnessKey is the form of a signed-note verifier key: name, key hash, key.
	witnessKey = regexp.MustCompile(`^[^+\s]+\+[0-9a-f]{8}\+[A-Za-z0-9+/]{44}$`)
)

// ValidID reports whether s may be a record ID: letters, digits, dot, dash and
// underscore, starting with a letter or digit, at most 128 characters. IDs appear in
// URLs and on the command line, so they need no quoting.
func ValidID(s string) bool {
	if len(s) == 0 || len(s) > 128 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		case (c == '.' || c == '-' || c == '_') && i > 0:
		default:
			return false
		}
	}
	return true
}

func checkID(f fieldErrors, field, id string, required bool) {
	if id == "" {
		if required {
			f.add(field, "is required")
		}
		return
	}
	if !ValidID(id) {
		f.addf(field, "%q is not a valid ID: use letters, digits, '.', '-' or '_' (at most 128)", id)
	}
}

// StandingOn returns the state's standing in the organization on date d.
func (s *MemberState) StandingOn(d Date) Standing { return s.standing("", d) }

// StandingIn returns the state's standing in body b on date d: in the body's own
// membership when it has one, else in the organization's. A state takes a position in a
// body only as its member.
func (s *MemberState) StandingIn(b *Body, d Date) Standing { return s.standing(b.membershipKey(), d) }

func (s *MemberState) standing(body string, d Date) Standing {
	member := false
	for _, p := range s.Memberships {
		if p.Body != body || !p.covers(d) {
			continue
		}
		if p.Status == StandingSuspended {
			return StandingSuspended
		}
		member = true
	}
	if member {
		return StandingMember
	}
	return StandingNone
}

// HasMembershipIn reports whether the state has a membership period in the body (the
// organization for "").
func (s *MemberState) HasMembershipIn(body string) bool {
	for _, p := range s.Memberships {
		if p.Body == body {
			return true
		}
	}
	return false
}

// Validate checks the state and its membership periods.
func (s *MemberState) Validate() error {
	f := fieldErrors{}
	checkID(f, "id", s.ID, true)
	if s.Code != "" && !isoAlpha2.MatchString(s.Code) {
		f.addf("code", "%q is not an ISO 3166-1 alpha-2 code (two capital letters)", s.Code)
	}
	s.Name.validate(f, "name", true)
	if s.WitnessKey != "" && !witnessKey.MatchString(s.WitnessKey) {
		f.add("witness_key", "is not a verifier key (NAME+HASH+KEY, as `secretariat keys generate --witness` prints it)")
	}
	// Periods are checked within their body: the organization's, or one body's own.
	members := map[string][]MembershipPeriod{}
	for i, p := range s.Memberships {
		field := fieldIndex("memberships", i)
		checkID(f, field+".body", p.Body, false)
		switch p.Status {
		case StandingMember:
			members[p.Body] = append(members[p.Body], p)
		case StandingSuspended:
		default:
			f.addf(field+".status", "%q is not a membership status: use member or suspended", p.Status)
		}
		if p.From.IsZero() {
			f.add(field+".from", "is required")
		}
		if !p.Until.IsZero() && p.Until.Before(p.From) {
			f.add(field+".until", "is before the start of the period")
		}
	}
	for _, ms := range members {
		slices.SortFunc(ms, func(a, b MembershipPeriod) int { return a.From.Compare(b.From) })
		for i := 1; i < len(ms); i++ {
			prev := ms[i-1]
			if prev.Until.IsZero() || !prev.Until.Before(ms[i].From) {
				f.add("memberships", "membership periods overlap")
			}
		}
	}
	for i, p := range s.Memberships {
		if p.Status != StandingSuspended || p.From.IsZero() {
			continue
		}
		inside := false
		for _, m := range members[p.Body] {
			if m.covers(p.From) && (p.Until.IsZero() && m.Until.IsZero() || !p.Until.IsZero() && m.covers(p.Until)) {
				inside = true
			}
		}
		if !inside {
			f.add(fieldIndex("memberships", i), "a suspension must lie inside a membership period of the same body")
		}
	}
	return f.err("member state " + s.ID)
}

// Slug turns a name into an ID: lower case ASCII letters and digits joined by dashes.
// Names with no ASCII letters or digits give "".
func Slug(name string) string {
	s := slugPattern.ReplaceAllString(toLowerASCII(name), "-")
	for len(s) > 0 && s[0] == '-' {
		s = s[1:]
	}
	for len(s) > 0 && s[len(s)-1] == '-' {
		s = s[:len(s)-1]
	}
	if len(s) > 100 {
		s = s[:100]
	}
	return s
}

func toLowerASCII(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}
