package secretariat

import (
	"reflect"
	"sort"
	"strings"
)

// Record is any record the store keeps: it validates itself, has an ID, and has an
// access classification (public for kinds that are never classified).
type Record interface {
	Validator
	RecordID() string
	AccessOf() Access
}

// KindInfo describes one kind of record.
type KindInfo struct {
	// Name is the kind as the command line, the API and the journal spell it.
	Name string
	// Title is the kind for people, in English and Russian.
	Title Text
	// New returns a pointer to an empty record of the kind.
	New func() Record
}

// Fields lists the JSON field paths of the kind's records, for filters and help texts.
func (k KindInfo) Fields() []string {
	var out []string
	walkJSONFields(reflect.TypeOf(k.New()).Elem(), "", 0, func(path string, ft reflect.Type) reflect.Type {
		out = append(out, path)
		for ft.Kind() == reflect.Pointer {
			ft = ft.Elem()
		}
		if ft.Kind() == reflect.Struct && ft != reflect.TypeOf(Date{}) {
			return ft
		}
		return nil
	})
	sort.Strings(out)
	return out
}

// Classified reports whether the kind's records carry an access classification (they
// embed Access), so that every read must apply the access policy to them.
func (k KindInfo) Classified() bool {
	_, ok := reflect.TypeOf(k.New()).Elem().FieldByName("Access")
	return ok
}

// walkJSONFields calls visit with the path and type of every exported JSON field of t,
// embedded structs' fields at their parent's level, down to depth 3; visit returns the
// struct type to walk into below the field, or nil.
func walkJSONFields(t reflect.Type, prefix string, depth int, visit func(path string, ft reflect.Type) reflect.Type) {
	if depth > 3 {
		return
	}
	for i := 0; i < t.NumField(); i++ {
		sf := t.Field(i)
		if !sf.IsExported() {
			continue
		}
		if sf.Anonymous && sf.Type.Kind() == reflect.Struct {
			walkJSONFields(sf.Type, prefix, depth, visit)
			continue
		}
		name, _, _ := strings.Cut(sf.Tag.Get("json"), ",")
		if name == "-" || name == "" {
			continue
		}
		if sub := visit(prefix+name, sf.Type); sub != nil {
			walkJSONFields(sub, prefix+name+".", depth+1, visit)
		}
	}
}

// The kinds of record, in the order in which they depend on each other.
var kinds = []KindInfo{
	{Name: "organization", Title: T("организация", "organization"), New: func() Record { return new(Organization) }},
	{Name: "source", Title: T("источник", "source"), New: func() Record { return new(Source) }},
	{Name: "state", Title: T("государство-член", "member state"), New: func() Record { return new(MemberState) }},
	{Name: "body", Title: T("орган", "body"), New: func() Record { return new(Body) }},
	{Name: "session", Title: T("заседание", "session"), New: func() Record { return new(Session) }},
	{Name: "chairmanship", Title: T("председательство", "chairmanship"), New: func() Record { return new(Chairmanship) }},
	{Name: "draft", Title: T("проект", "draft"), New: func() Record { return new(Draft) }},
	{Name: "item", Title: T("вопрос повестки дня", "agenda item"), New: func() Record { return new(AgendaItem) }},
	{Name: "position", Title: T("позиция", "position"), New: func() Record { return new(Position) }},
	{Name: "decision", Title: T("решение", "decision"), New: func() Record { return new(Decision) }},
	{Name: "task", Title: T("поручение", "task"), New: func() Record { return new(Task) }},
	{Name: "report", Title: T("доклад об исполнении", "implementation report"), New: func() Record { return new(ImplementationReport) }},
	{Name: "area", Title: T("район", "area"), New: func() Record { return new(Area) }},
	{Name: "operation", Title: T("операция", "operation"), New: func() Record { return new(Operation) }},
	{Name: "threat", Title: T("угроза", "threat"), New: func() Record { return new(Threat) }},
	{Name: "figure", Title: T("показатель", "result figure"), New: func() Record { return new(ResultFigure) }},
	{Name: "publication", Title: T("публикация", "publication"), New: func() Record { return new(Publication) }},
}

// Kinds returns every kind of record, in dependency order.
func Kinds() []KindInfo { return kinds }

// LookupKind returns the kind with the name.
func LookupKind(name string) (KindInfo, bool) {
	for _, k := range kinds {
		if k.Name == name {
			return k, true
		}
	}
	return KindInfo{}, false
}

// KindNames returns the names of all kinds.
func KindNames() []string {
	out := make([]string, len(kinds))
	for i, k := range kinds {
		out[i] = k.Name
	}
	return out
}

// kindByType maps each record type to its kind; the store asks for every record it writes.
var kindByType = func() map[reflect.Type]string {
	m := make(map[reflect.Type]string, len(kinds))
	for _, k := range kinds {
		m[reflect.TypeOf(k.New())] = k.Name
	}
	return m
}()

// KindOf returns the kind name of a record.
func KindOf(r Record) string { return kindByType[reflect.TypeOf(r)] }

// AccessOf returns the access of a classified record.
func (a Access) AccessOf() Access { return a }

// RecordID implements Record.
func (o *Organization) RecordID() string { return o.ID }

// AccessOf implements Record: the organization is public.
func (o *Organization) AccessOf() Access { return Access{} }

// RecordID implements Record.
func (s *Source) RecordID() string { return s.ID }

// AccessOf implements Record: sources are public.
func (s *Source) AccessOf() Access { return Access{} }

// RecordID implements Record.
func (s *MemberState) RecordID() string { return s.ID }

// AccessOf implements Record: member states are public.
func (s *MemberState) AccessOf() Access { return Access{} }

// RecordID implements Record.
func (b *Body) RecordID() string { return b.ID }

// AccessOf implements Record: bodies are public.
func (b *Body) AccessOf() Access { return Access{} }

// RecordID implements Record.
func (s *Session) RecordID() string { return s.ID }

// AccessOf implements Record: sessions are public; their items may not be.
func (s *Session) AccessOf() Access { return Access{} }

// RecordID implements Record.
func (c *Chairmanship) RecordID() string { return c.ID }

// AccessOf implements Record: chairmanships are public.
func (c *Chairmanship) AccessOf() Access { return Access{} }

// RecordID implements Record.
func (d *Draft) RecordID() string { return d.ID }

// RecordID implements Record.
func (it *AgendaItem) RecordID() string { return it.ID }

// RecordID implements Record.
func (p *Position) RecordID() string { return p.ID }

// RecordID implements Record.
func (d *Decision) RecordID() string { return d.ID }

// RecordID implements Record.
func (t *Task) RecordID() string { return t.ID }

// RecordID implements Record.
func (r *ImplementationReport) RecordID() string { return r.ID }

// RecordID implements Record.
func (a *Area) RecordID() string { return a.ID }

// AccessOf implements Record: areas are public.
func (a *Area) AccessOf() Access { return Access{} }

// RecordID implements Record.
func (o *Operation) RecordID() string { return o.ID }

// RecordID implements Record.
func (t *Threat) RecordID() string { return t.ID }

// RecordID implements Record.
func (r *ResultFigure) RecordID() string { return r.ID }

// RecordID implements Record.
func (p *Publication) RecordID() string { return p.ID }
