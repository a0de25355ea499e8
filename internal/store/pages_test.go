package store

import (
	"context"
	"slices"
	"testing"

	"secretariat"
)

// A state's votes read a page at a time, from either end of its record, come out the
// same as the whole record read at once, latest first.
func TestVotesOfStatePagesFromBothEnds(t *testing.T) {
	st, _ := newStore(t)
	seedMembers(t, st, "A1", "A2")
	ctx := context.Background()
	for i, d := range []string{"2001-01-10", "2001-02-10", "2001-03-10", "2001-04-10", "2001-05-10"} {
		session(t, st, "s"+string(rune('1'+i)), d, 3)
	}
	items, _, err := FindAll[secretariat.AgendaItem](ctx, st, secretariat.Secretariat, Filter{})
	check(t, err)
	for i, it := range items {
		stance := secretariat.Joins
		if i%4 == 0 {
			stance = secretariat.Objects
		}
		if _, err := st.RecordPosition(ctx, PositionInput{Item: it.ID, State: "A1", Stance: stance}); err != nil {
			t.Fatal(err)
		}
	}
	all, err := st.VotesOfState(ctx, secretariat.Secretariat, "A1", 0, 0)
	check(t, err)
	if all.Total != 15 || len(all.Votes) != 15 || all.Counts[secretariat.Objects] != 4 {
		t.Fatalf("all votes: %d %d %v", all.Total, len(all.Votes), all.Counts)
	}
	var ids []string
	for _, v := range all.Votes {
		ids = append(ids, v.Item)
	}
	if ids[0] != "s5-3" || ids[14] != "s1-1" {
		t.Fatalf("not latest first: %v", ids)
	}
	for _, per := range []int{1, 2, 4, 7} {
		var paged []string
		for off := 0; off < 15; off += per {
			page, err := st.VotesOfState(ctx, secretariat.Secretariat, "A1", per, off)
			check(t, err)
			for _, v := range page.Votes {
				paged = append(paged, v.Item)
			}
		}
		if !slices.Equal(paged, ids) {
			t.Errorf("pages of %d: %v, want %v", per, paged, ids)
		}
	}
}
