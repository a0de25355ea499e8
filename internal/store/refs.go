package store

import (
	"reflect"
	"strconv"
	"sync"

	"secretariat"
)

// The domain tags fields that name other records with `ref:"kind"`. Before a record is
// written, every such reference must exist, so that a verb refuses a dangling reference
// with the field's name rather than with a bare foreign-key failure.

type refField struct {
	index int
	name  string // JSON name, for messages
	kind  string // target kind, for string and []string fields
	sub   *refPlan
	slice bool
	isRef bool // a secretariat.RecordRef, whose kind is in the value
	// embedded: an anonymous struct (Access, Provenance) whose fields sit at the
	// parent's level in JSON
	embedded bool
}

type refPlan struct{ fields []refField }

var (
	refPlans sync.Map // reflect.Type → *refPlan
	recRefT  = reflect.TypeOf(secretariat.RecordRef{})
)

func planFor(t reflect.Type) *refPlan {
	if p, ok := refPlans.Load(t); ok {
		return p.(*refPlan)
	}
	p := &refPlan{}
	refPlans.Store(t, p) // stored before filling, so recursive types terminate
	for i := 0; i < t.NumField(); i++ {
		sf := t.Field(i)
		if !sf.IsExported() {
			continue
		}
		name := jsonName(sf)
		ft := sf.Type
		slice := ft.Kind() == reflect.Slice
		if slice {
			ft = ft.Elem()
		}
		switch {
		case sf.Tag.Get("ref") != "" && ft.Kind() == reflect.String:
			p.fields = append(p.fields, refField{index: i, name: name, kind: sf.Tag.Get("ref"), slice: slice})
		case ft == recRefT:
			p.fields = append(p.fields, refField{index: i, name: name, slice: slice, isRef: true})
		case ft.Kind() == reflect.Struct:
			if sub := planFor(ft); len(sub.fields) > 0 || sub == p {
				p.fields = append(p.fields, refField{index: i, name: name, sub: sub, slice: slice, embedded: sf.Anonymous})
			}
		}
	}
	return p
}

func jsonName(sf reflect.StructField) string {
	tag := sf.Tag.Get("json")
	for i := 0; i < len(tag); i++ {
		if tag[i] == ',' {
			tag = tag[:i]
			break
		}
	}
	if tag == "" {
		return sf.Name
	}
	return tag
}

// checkRefs verifies that every record r refers to exists.
func (tx *Tx) checkRefs(r secretariat.Record) error {
	v := reflect.ValueOf(r).Elem()
	var missing map[string]string
	err := walkRefs(v, planFor(v.Type()), "", func(path, kind, id string) error {
		if id == "" {
			return nil
		}
		if _, ok := secretariat.LookupKind(kind); !ok {
			if missing == nil {
				missing = map[string]string{}
			}
			missing[path] = kind + " is not a kind of record"
			return nil
		}
		ok, err := tx.Exists(kind, id)
		if err != nil {
			return err
		}
		if !ok {
			if missing == nil {
				missing = map[string]string{}
			}
			title := kind
			if k, found := secretariat.LookupKind(kind); found {
				title = k.Title.EN
			}
			missing[path] = "refers to " + title + " " + id + ", which is not in the record"
		}
		return nil
	})
	if err != nil {
		return err
	}
	if missing != nil {
		return &secretariat.Error{Code: secretariat.EINVALID,
			Message: secretariat.KindOf(r) + " " + r.RecordID() + " refers to records that do not exist", Fields: missing}
	}
	return nil
}

// walkRefs calls fn for every reference in v, with its JSON path (such as
// lineage[0].item), the kind it refers to and the ID.
func walkRefs(v reflect.Value, p *refPlan, prefix string, fn func(path, kind, id string) error) error {
	for _, f := range p.fields {
		fv := v.Field(f.index)
		path := prefix + f.name
		each := func(ev reflect.Value, ep string) error {
			switch {
			case f.isRef:
				ref := ev.Interface().(secretariat.RecordRef)
				return fn(ep, ref.Kind, ref.ID)
			case f.sub != nil:
				return walkRefs(ev, f.sub, ep+".", fn)
			default:
				return fn(ep, f.kind, ev.String())
			}
		}
		if f.embedded {
			if err := walkRefs(fv, f.sub, prefix, fn); err != nil {
				return err
			}
			continue
		}
		if f.slice {
			for i := 0; i < fv.Len(); i++ {
				if err := each(fv.Index(i), path+"["+strconv.Itoa(i)+"]"); err != nil {
					return err
				}
			}
			continue
		}
		if err := each(fv, path); err != nil {
			return err
		}
	}
	return nil
}
