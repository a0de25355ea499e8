package synth

import (
	"context"
	"strings"
	"testing"

	"secretariat"
	"secretariat/internal/store"
	"secretariat/internal/testkit/testrecord"
)

// The generator writes the decisions it says, through the verbs, in Russian with English
// translations, and the record verifies.
func TestWriteMakesDecisionsThatVerify(t *testing.T) {
	ctx := context.Background()
	st := testrecord.Empty(t)
	ids, err := Write(ctx, st, 45, Options{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	decisions, total, err := store.FindAll[secretariat.Decision](ctx, st, secretariat.Anonymous, store.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(ids) != 45 || total != 45 {
		t.Fatalf("%d decisions said, %d in the record", len(ids), total)
	}
	for _, d := range decisions {
		en, ok := secretariat.TranslationIn(d.Translations, secretariat.EN)
		if d.Text == "" || !ok || strings.Contains(d.Text+en.Text, "%!") || d.Title.RU == "" || d.Title.EN == "" {
			t.Fatalf("decision %s: %q / %q", d.ID, d.Text, en.Text)
		}
	}
	sessions, _, err := store.FindAll[secretariat.Session](ctx, st, secretariat.Anonymous, store.Filter{})
	if err != nil || len(sessions) != 3 {
		t.Fatalf("45 decisions, 20 to a session, make 3 sessions: %d, %v", len(sessions), err)
	}
	r, err := st.Verify(ctx, nil)
	if err != nil || !r.OK {
		t.Fatalf("verify: %+v %v", r, err)
	}
	again := testrecord.Empty(t)
	if _, err := Write(ctx, again, 45, Options{Seed: 1}); err != nil {
		t.Fatal(err)
	}
	other, _, _ := store.FindAll[secretariat.Decision](ctx, again, secretariat.Anonymous, store.Filter{})
	if other[7].Text != decisions[7].Text {
		t.Fatal("the same seed wrote another archive")
	}
	t.Log(decisions[0].Title.RU, "|", decisions[0].Text, "|", decisions[0].Translations[0].Text)
}
