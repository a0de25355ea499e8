package store_test

import (
	"context"
	"strings"
	"testing"

	"secretariat"
	"secretariat/internal/store"
	"secretariat/internal/testkit/testrecord"
)

// The probe's case: a public item of the 2019 session was made from a restricted draft.
// The public, and a delegate, see the item but not the draft's ID; the secretariat sees
// both. The item's history withholds it too.
func TestAPublicItemDoesNotNameItsRestrictedDraft(t *testing.T) {
	st := testrecord.SharedDemo(t)
	ctx := context.Background()
	const item = "csc-2019-11-28-3"
	for _, c := range []struct {
		v     secretariat.Viewer
		named bool
	}{{secretariat.Anonymous, false}, {secretariat.Secretariat, true}} {
		doc, err := st.Get(ctx, c.v, "item", item)
		if err != nil {
			t.Fatal(err)
		}
		if named := strings.Contains(string(doc), "draft-tj-af-border"); named != c.named {
			t.Errorf("%s: the item names the restricted draft: %v, want %v\n%s", c.v, named, c.named, doc)
		}
		h, err := st.History(ctx, c.v, "item", item)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range h {
			if strings.Contains(string(e.Doc), "draft-tj-af-border") != c.named {
				t.Errorf("%s: entry %d of the item's history: %s", c.v, e.Seq, e.Doc)
			}
		}
		docs, _, err := st.Find(ctx, c.v, "item", store.Where("session", "csc-2019-11-28"))
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range docs {
			if strings.Contains(string(d), "draft-tj-af-border") != (c.named && strings.Contains(string(d), `"id":"`+item+`"`)) {
				t.Errorf("%s: a listed item: %s", c.v, d)
			}
		}
	}
}
