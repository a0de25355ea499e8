package api

import (
	"encoding"
	"encoding/json"
	"reflect"
	"strings"
	"time"

	"secretariat"
)

// schemas writes JSON Schemas (2020-12, as OpenAPI 3.1 takes them) of the Go types the
// API reads and answers, from the types themselves: the document cannot say a field is
// there that the code does not write. Named structs become components; an object has
// no properties but its fields (additionalProperties false), which is what the decoder
// holds requests to as well.
type schemas struct {
	defs  map[string]any
	names map[reflect.Type]string
	taken map[string]reflect.Type
}

func newSchemas() *schemas {
	return &schemas{defs: map[string]any{}, names: map[reflect.Type]string{}, taken: map[string]reflect.Type{}}
}

type obj = map[string]any

var (
	timeType    = reflect.TypeFor[time.Time]()
	dateType    = reflect.TypeFor[secretariat.Date]()
	rawType     = reflect.TypeFor[json.RawMessage]()
	marshaler   = reflect.TypeFor[json.Marshaler]()
	textMarshal = reflect.TypeFor[encoding.TextMarshaler]()
)

// of returns the schema of values of t.
func (s *schemas) of(t reflect.Type) obj {
	switch {
	case t == timeType:
		return obj{"type": "string", "format": "date-time"}
	case t == dateType:
		return obj{"type": "string", "pattern": `^(\d{4}-\d{2}-\d{2})?$`, "description": "a date, YYYY-MM-DD (empty when unset)"}
	case t == rawType || t.Kind() == reflect.Interface:
		return obj{}
	case t.Implements(marshaler) || reflect.PointerTo(t).Implements(marshaler):
		return obj{}
	case t.Implements(textMarshal):
		return obj{"type": "string"}
	}
	switch t.Kind() {
	case reflect.String:
		return obj{"type": "string"}
	case reflect.Bool:
		return obj{"type": "boolean"}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return obj{"type": "integer"}
	case reflect.Float32, reflect.Float64:
		return obj{"type": "number"}
	case reflect.Pointer:
		return nullable(s.of(t.Elem()))
	case reflect.Slice, reflect.Array:
		if t.Elem().Kind() == reflect.Uint8 {
			return obj{"type": "string", "contentEncoding": "base64"}
		}
		return obj{"type": []string{"array", "null"}, "items": s.of(t.Elem())}
	case reflect.Map:
		return obj{"type": []string{"object", "null"}, "additionalProperties": s.of(t.Elem())}
	case reflect.Struct:
		if t.Name() == "" {
			return s.object(t)
		}
		return obj{"$ref": "#/components/schemas/" + s.define(t)}
	}
	return obj{}
}

// define makes t a component and returns its name.
func (s *schemas) define(t reflect.Type) string {
	if n, ok := s.names[t]; ok {
		return n
	}
	name := t.Name()
	if other, ok := s.taken[name]; ok && other != t {
		pkg := t.PkgPath()
		base := pkg[strings.LastIndexByte(pkg, '/')+1:]
		name = strings.ToUpper(base[:1]) + base[1:] + name
	}
	s.names[t], s.taken[name] = name, t
	s.defs[name] = obj{} // a placeholder while the type's own fields refer to it
	s.defs[name] = s.object(t)
	return name
}

// object is the schema of a struct's JSON object: its fields, embedded structs' fields
// at its own level.
func (s *schemas) object(t reflect.Type) obj {
	props := obj{}
	s.fields(t, props)
	return obj{"type": "object", "properties": props, "additionalProperties": false}
}

func (s *schemas) fields(t reflect.Type, props obj) {
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		name, opts, _ := strings.Cut(tag, ",")
		if name == "-" && opts == "" {
			continue
		}
		ft := f.Type
		if f.Anonymous && name == "" {
			if ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
			}
			if ft.Kind() == reflect.Struct {
				s.fields(ft, props)
				continue
			}
		}
		if !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		sch := s.of(ft)
		if strings.Contains(opts, "omitempty") || strings.Contains(opts, "omitzero") {
			// A field left out when empty is never null.
			sch = notNull(sch)
		}
		props[name] = sch
	}
}

// nullable lets a schema be null as well.
func nullable(sch obj) obj {
	if ty, ok := sch["type"].(string); ok {
		out := obj{}
		for k, v := range sch {
			out[k] = v
		}
		out["type"] = []string{ty, "null"}
		return out
	}
	if _, ok := sch["type"]; ok || len(sch) == 0 {
		return sch
	}
	return obj{"anyOf": []any{sch, obj{"type": "null"}}}
}

// notNull removes null from a schema's types.
func notNull(sch obj) obj {
	switch ty := sch["type"].(type) {
	case []string:
		out := obj{}
		for k, v := range sch {
			out[k] = v
		}
		out["type"] = ty[0]
		return out
	}
	if alts, ok := sch["anyOf"].([]any); ok && len(alts) == 2 {
		return alts[0].(obj)
	}
	return sch
}
