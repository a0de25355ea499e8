package secretariat

import (
	"slices"
	"strings"
)

// Classification says who may see a record.
type Classification string

// Classifications, from the most open to the most closed.
const (
	// Public records are visible to everyone.
	Public Classification = "public"
	// Restricted records are visible to the member states and the secretariat.
	Restricted Classification = "restricted"
	// Confidential records are visible to the secretariat and the states named on them.
	Confidential Classification = "confidential"
)

// Access is the classification part of a record. The empty classification means public.
type Access struct {
	Classification Classification `json:"classification,omitempty"`
	// Parties are the states that may see a confidential record.
	Parties []string `json:"parties,omitempty" ref:"state"`
	// PublicSummary may be shown to readers who may not see the record itself.
	PublicSummary Text `json:"public_summary,omitzero"`
}

// Level returns the classification, treating the empty value as public.
func (a Access) Level() Classification {
	if a.Classification == "" {
		return Public
	}
	return a.Classification
}

func (a Access) validate(f fieldErrors) {
	switch a.Classification {
	case "", Public, Restricted:
		if len(a.Parties) > 0 {
			f.add("parties", "only a confidential record names the states that may see it")
		}
	case Confidential:
		if len(a.Parties) == 0 {
			f.add("parties", "a confidential record must name the states that may see it")
		}
	default:
		f.addf("classification", "%q is not a classification: use public, restricted or confidential", a.Classification)
	}
	a.PublicSummary.validate(f, "public_summary", false)
}

// Role is what a reader of the record is.
type Role string

// Roles.
const (
	RoleAdmin    Role = "admin"
	RoleOfficer  Role = "officer"
	RoleDelegate Role = "delegate"
	RolePublic   Role = "public"
)

// Viewer is who reads the record: a role, and for a delegate the state it is bound to.
type Viewer struct {
	Role  Role
	State string
}

// Secretariat is the viewer that sees everything: the secretariat's officers.
var Secretariat = Viewer{Role: RoleOfficer}

// Anonymous is the public reader.
var Anonymous = Viewer{Role: RolePublic}

// ParseViewer reads "public", "officer", "admin" or "delegate:XX".
func ParseViewer(s string) (Viewer, error) {
	role, state, _ := strings.Cut(strings.TrimSpace(s), ":")
	switch Role(role) {
	case RolePublic, RoleOfficer, RoleAdmin:
		if state != "" {
			return Viewer{}, Errorf(EINVALID, "viewer %q: only a delegate is bound to a state", s)
		}
		return Viewer{Role: Role(role)}, nil
	case RoleDelegate:
		if state == "" {
			return Viewer{}, Errorf(EINVALID, "viewer %q: a delegate needs a state, as in delegate:KG", s)
		}
		return Viewer{Role: RoleDelegate, State: state}, nil
	}
	return Viewer{}, Errorf(EINVALID, "unknown viewer %q: use public, officer, admin or delegate:STATE", s)
}

// String returns the viewer in the form ParseViewer reads.
func (v Viewer) String() string {
	if v.Role == RoleDelegate {
		return string(v.Role) + ":" + v.State
	}
	return string(v.Role)
}

// SeesAll reports whether the viewer sees every record, whatever its classification.
func (v Viewer) SeesAll() bool { return v.Role == RoleAdmin || v.Role == RoleOfficer }

// CanSee is the access policy: whether the viewer may see a record with this access.
// The store applies the same rule in SQL; a test holds the two in agreement.
func (v Viewer) CanSee(a Access) bool {
	if v.SeesAll() {
		return true
	}
	switch a.Level() {
	case Public:
		return true
	case Restricted:
		return v.Role == RoleDelegate
	case Confidential:
		return v.Role == RoleDelegate && slices.Contains(a.Parties, v.State)
	}
	return false
}

// Provenance says where a record's facts come from, and whether the record is
// illustrative: demo data that no source gives, which must never pass for fact.
type Provenance struct {
	Sources      []string `json:"sources,omitempty" ref:"source"`
	Illustrative bool     `json:"illustrative,omitempty"`
}
