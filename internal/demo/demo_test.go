package demo

import (
	"context"
	"encoding/json"
	"path/filepath"
	"testing"

	s "secretariat"
	"secretariat/internal/store"
)

func loaded(t *testing.T) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "demo.db"), store.Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if err := Load(context.Background(), st, nil); err != nil {
		t.Fatal(err)
	}
	return st
}

// citedSources collects every source ID a document cites, at any depth: provenance
// ("sources"), a figure's "source", a priority's "statement_sources".
func citedSources(v any, out map[string]bool) {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			switch k {
			case "sources", "statement_sources":
				if list, ok := e.([]any); ok {
					for _, id := range list {
						if s, ok := id.(string); ok {
							out[s] = true
						}
					}
				}
			case "source":
				if id, ok := e.(string); ok {
					out[id] = true
				}
			}
			citedSources(e, out)
		}
	case []any:
		for _, e := range x {
			citedSources(e, out)
		}
	}
}

// The demo is written on a simulated clock, so that the record as of any day is what
// was known that day. No journal entry may cite a source published after the entry, nor
// record an assessment, a signature or an outcome dated after it.
func TestTheDemoCitesNothingFromItsFuture(t *testing.T) {
	st := loaded(t)
	ctx := context.Background()
	sources, _, err := store.FindAll[s.Source](ctx, st, s.Secretariat, store.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	dated := map[string]s.Date{}
	for _, src := range sources {
		dated[src.ID] = src.Date
	}
	n, _, err := st.Head(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for seq := int64(1); seq <= n; seq++ {
		e, err := st.Entry(ctx, seq)
		if err != nil {
			t.Fatal(err)
		}
		day := s.DateOf(e.At)
		var after struct {
			Records []struct {
				Kind string          `json:"kind"`
				ID   string          `json:"id"`
				Doc  json.RawMessage `json:"doc"`
			} `json:"records"`
		}
		if err := json.Unmarshal(e.After, &after); err != nil {
			t.Fatal(err)
		}
		for _, r := range after.Records {
			var doc any
			if err := json.Unmarshal(r.Doc, &doc); err != nil {
				t.Fatal(err)
			}
			cited := map[string]bool{}
			citedSources(doc, cited)
			for id := range cited {
				if d := dated[id]; !d.IsZero() && d.After(day) {
					t.Errorf("entry %d (%s, %s %s, %s) cites %s, published %s", seq, e.Verb, r.Kind, r.ID, day, id, d)
				}
			}
			switch r.Kind {
			case "threat":
				var th s.Threat
				json.Unmarshal(r.Doc, &th)
				for _, a := range th.Assessments {
					if a.Date.After(day) {
						t.Errorf("entry %d records an assessment of %s dated %s on %s", seq, th.ID, a.Date, day)
					}
				}
			case "decision":
				var d s.Decision
				json.Unmarshal(r.Doc, &d)
				for _, sig := range d.Signatures {
					if sig.Date.After(day) {
						t.Errorf("entry %d records %s's signature of %s dated %s on %s", seq, sig.State, d.ID, sig.Date, day)
					}
				}
			case "figure":
				var f s.ResultFigure
				json.Unmarshal(r.Doc, &f)
				if f.Year > day.Year() || (!f.AsOf.IsZero() && f.AsOf.After(day)) {
					t.Errorf("entry %d reports figure %s of %d (as of %s) on %s", seq, f.ID, f.Year, f.AsOf, day)
				}
			}
		}
	}
}
