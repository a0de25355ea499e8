package secretariat

import "slices"

// Stance is one member state's position on an agenda item.
type Stance string

// Stances.
const (
	Joins                Stance = "joins"
	JoinsWithReservation Stance = "joins_with_reservation"
	Abstains             Stance = "abstains"
	// NonInterest: the state declares it is not interested; it does not take part and the
	// decision does not bind it.
	NonInterest Stance = "non_interest"
	Objects     Stance = "objects"
	Absent      Stance = "absent"
)

// Stances lists every stance, in the order tallies show them.
var Stances = []Stance{Joins, JoinsWithReservation, Abstains, NonInterest, Objects, Absent}

// ParseStance accepts a stance, or a roll-call vote: yes, no, abstain, absent, non-interest.
func ParseStance(s string) (Stance, error) {
	switch s {
	case "yes", "y", string(Joins):
		return Joins, nil
	case "no", "n", string(Objects):
		return Objects, nil
	case "abstain", "abstention", string(Abstains):
		return Abstains, nil
	case "absent", "not voting", "":
		return Absent, nil
	case "non-interest", "noninterest", string(NonInterest):
		return NonInterest, nil
	case string(JoinsWithReservation), "reservation":
		return JoinsWithReservation, nil
	}
	return "", Errorf(EINVALID, "%q is not a vote: use yes, no, abstain, absent or non-interest", s)
}

// Position is one member state's stance on one agenda item.
type Position struct {
	ID     string `json:"id"`
	Item   string `json:"item" ref:"item"`
	State  string `json:"state" ref:"state"`
	Stance Stance `json:"stance"`
	// Reservation is the text of a reservation, kept with a joins_with_reservation stance.
	Reservation Text `json:"reservation,omitzero"`
	Access
	Provenance
}

// PositionID is the ID of state's position on item.
func PositionID(item, state string) string { return item + "." + state }

// Validate checks the position.
func (p *Position) Validate() error {
	f := fieldErrors{}
	checkID(f, "id", p.ID, true)
	checkID(f, "item", p.Item, true)
	checkID(f, "state", p.State, true)
	if !slices.Contains(Stances, p.Stance) {
		f.addf("stance", "%q is not a stance: use joins, joins_with_reservation, abstains, non_interest, objects or absent", p.Stance)
	}
	if p.Stance == JoinsWithReservation && p.Reservation.IsZero() {
		f.add("reservation", "a reservation needs its text")
	}
	if p.Stance != JoinsWithReservation && !p.Reservation.IsZero() {
		f.add("reservation", "only a state that joins with a reservation has a reservation text")
	}
	p.Reservation.validate(f, "reservation", false)
	p.Access.validate(f)
	p.Provenance.validate(f)
	return f.err("position " + p.ID)
}
