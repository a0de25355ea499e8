package store

import (
	"context"
	"encoding/json"
	"reflect"
	"sync"

	"secretariat"
	"secretariat/internal/canon"
)

// A reader sees a record only if the policy lets them; a record they may see can still
// name one they may not (a public item made from a restricted draft). Every record the
// store returns to such a reader has those references withheld: the field is emptied,
// or the entry left out of a list, as if the record named nothing there. The fact that
// there was a reference is not hidden where a record says so itself (an item's lineage
// keeps the body and the date of a step whose item is withheld).

// mayHideRefs reports, per kind, whether its records can refer to a record of a kind
// that has a classification (or of any kind, through a RecordRef): only those are worth
// decoding to check.
var mayHideRefs = sync.OnceValue(func() map[string]bool {
	out := map[string]bool{}
	for _, k := range secretariat.Kinds() {
		out[k.Name] = refersToClassified(planFor(reflect.TypeOf(k.New()).Elem()), map[*refPlan]bool{})
	}
	return out
})

func refersToClassified(p *refPlan, seen map[*refPlan]bool) bool {
	if seen[p] {
		return false
	}
	seen[p] = true
	for _, f := range p.fields {
		switch {
		case f.isRef:
			return true
		case f.sub != nil:
			if refersToClassified(f.sub, seen) {
				return true
			}
		case classified(f.kind):
			return true
		}
	}
	return false
}

// visibility answers, and remembers for one read, whether a reader may see a record.
type visibility struct {
	s     *Store
	ctx   context.Context
	v     secretariat.Viewer
	known map[string]bool
}

func (vis *visibility) sees(kind, id string) (bool, error) {
	if !classified(kind) {
		return true, nil
	}
	k := key(kind, id)
	if ok, found := vis.known[k]; found {
		return ok, nil
	}
	_, err := vis.s.getRaw(vis.ctx, vis.v, kind, id)
	switch {
	case err == nil:
		vis.known[k] = true
	case secretariat.ErrorCode(err) == secretariat.ENOTFOUND:
		vis.known[k] = false
	default:
		return false, err
	}
	return vis.known[k], nil
}

// redactor withholds, from the documents of one read, the references the reader may not
// follow. It is nil for readers who see everything.
func (s *Store) redactor(ctx context.Context, v secretariat.Viewer) *visibility {
	if v.SeesAll() {
		return nil
	}
	return &visibility{s: s, ctx: ctx, v: v, known: map[string]bool{}}
}

// redact returns doc with the references vis's reader may not see withheld; doc itself
// when there are none.
func (vis *visibility) redact(kind string, doc []byte) ([]byte, error) {
	if vis == nil || !mayHideRefs()[kind] {
		return doc, nil
	}
	info, _ := secretariat.LookupKind(kind)
	rec := info.New()
	if err := json.Unmarshal(doc, rec); err != nil {
		return nil, err
	}
	changed, err := withholdRefs(reflect.ValueOf(rec).Elem(), planFor(reflect.TypeOf(rec).Elem()), vis.sees)
	if err != nil || !changed {
		return doc, err
	}
	return canon.Marshal(rec)
}

// withholdRefs empties every reference in v that sees refuses, and leaves out of lists the
// entries that name such a reference. It reports whether it changed anything.
func withholdRefs(v reflect.Value, p *refPlan, sees func(kind, id string) (bool, error)) (bool, error) {
	changed := false
	for _, f := range p.fields {
		fv := v.Field(f.index)
		if f.embedded {
			c, err := withholdRefs(fv, f.sub, sees)
			if err != nil {
				return false, err
			}
			changed = changed || c
			continue
		}
		// hidden reports whether one value (a reference, or a struct holding some) must go
		// or be emptied; for a struct, it withholds inside it.
		hidden := func(ev reflect.Value) (bool, error) {
			switch {
			case f.isRef:
				ref := ev.Interface().(secretariat.RecordRef)
				if ref.ID == "" {
					return false, nil
				}
				ok, err := sees(ref.Kind, ref.ID)
				return !ok, err
			case f.sub != nil:
				c, err := withholdRefs(ev, f.sub, sees)
				changed = changed || c
				return false, err
			default:
				if ev.String() == "" {
					return false, nil
				}
				ok, err := sees(f.kind, ev.String())
				return !ok, err
			}
		}
		if !f.slice {
			h, err := hidden(fv)
			if err != nil {
				return false, err
			}
			if h {
				fv.Set(reflect.Zero(fv.Type()))
				changed = true
			}
			continue
		}
		kept := reflect.MakeSlice(fv.Type(), 0, fv.Len())
		for i := 0; i < fv.Len(); i++ {
			h, err := hidden(fv.Index(i))
			if err != nil {
				return false, err
			}
			if h && f.sub == nil {
				changed = true
				continue
			}
			kept = reflect.Append(kept, fv.Index(i))
		}
		if kept.Len() != fv.Len() {
			if kept.Len() == 0 {
				kept = reflect.Zero(fv.Type())
			}
			fv.Set(kept)
		}
	}
	return changed, nil
}
