package demo

import (
	"context"
	"path/filepath"
	"testing"

	"secretariat/internal/store"
)

func TestGenerateWritesAVerifiableRecord(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "gen.db"), store.Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := Generate(ctx, st, GenerateOptions{Seed: 7, From: 2010, Years: 6}); err != nil {
		t.Fatal(err)
	}
	rep, err := st.Verify(ctx, nil)
	if err != nil || !rep.OK {
		t.Fatalf("verify: %+v %v", rep, err)
	}
	if rep.Entries < 200 {
		t.Fatalf("the generated record is thin: %d entries", rep.Entries)
	}
}
