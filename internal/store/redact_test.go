package store

import (
	"reflect"
	"strings"
	"testing"

	"secretariat"
	"secretariat/internal/canon"
)

// fillRefs sets every reference field of v (nested, embedded and in lists too) to a
// record of its kind called "hidden-KIND", and every RecordRef to a hidden task.
func fillRefs(v reflect.Value, p *refPlan) {
	for _, f := range p.fields {
		fv := v.Field(f.index)
		if f.embedded {
			fillRefs(fv, f.sub)
			continue
		}
		one := func(ev reflect.Value) {
			switch {
			case f.isRef:
				ev.Set(reflect.ValueOf(secretariat.RecordRef{Kind: "task", ID: "hidden-task"}))
			case f.sub != nil:
				fillRefs(ev, f.sub)
			default:
				ev.SetString("hidden-" + f.kind)
			}
		}
		if f.slice {
			s := reflect.MakeSlice(fv.Type(), 2, 2)
			one(s.Index(0))
			one(s.Index(1))
			fv.Set(s)
			continue
		}
		one(fv)
	}
}

// Every reference field of every kind: a reference to a classified record the reader may
// not see is withheld; a reference to a public kind (a state, a body, a source) stays.
func TestEveryReferenceToAHiddenRecordIsWithheld(t *testing.T) {
	sees := func(kind, id string) (bool, error) { return !classified(kind), nil }
	for _, k := range secretariat.Kinds() {
		rec := k.New()
		v := reflect.ValueOf(rec).Elem()
		plan := planFor(v.Type())
		fillRefs(v, plan)
		var refs []string
		walkRefs(v, plan, "", func(path, kind, id string) error {
			refs = append(refs, path+"→"+kind)
			return nil
		})
		if _, err := withholdRefs(v, plan, sees); err != nil {
			t.Fatal(err)
		}
		doc, err := canon.Marshal(rec)
		if err != nil {
			t.Fatal(err)
		}
		for _, kind := range secretariat.KindNames() {
			leaked := strings.Contains(string(doc), `"hidden-`+kind+`"`)
			if classified(kind) && leaked {
				t.Errorf("%s still names a hidden %s: %s", k.Name, kind, doc)
			}
		}
		for _, r := range refs {
			_, kind, _ := strings.Cut(r, "→")
			if kind != "" && !classified(kind) && !strings.Contains(string(doc), `"hidden-`+kind+`"`) {
				t.Errorf("%s: the reference %s to a public kind was withheld", k.Name, r)
			}
		}
		if len(refs) > 0 {
			t.Logf("%s: %d reference fields: %s", k.Name, len(refs), strings.Join(refs, ", "))
		}
	}
}
