package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"secretariat"
)

// kindSpec is what the store knows of a kind beyond the domain's registry
// (secretariat.Kinds): everything else about a kind is derived. Its table is the kind's
// name; its filterable columns are the table's generated columns that hold a scalar
// field of the domain type (read from the schema when the store opens); whether reads
// apply the access policy follows from the domain type embedding Access
// (KindInfo.Classified). TestKindRegistryAgreesWithTheSchema holds the three together.
type kindSpec struct {
	// order is the natural order of a listing.
	order string
	// derived are filters computed from the document rather than stored in it: the SQL of
	// a boolean, in the dialect.
	derived map[string]func(d dialect) string
	// nested names the generated columns that hold a nested field: field path → column.
	nested map[string]string
}

// specs holds one entry for every kind of record, in one place; View (views.go) says
// which kinds have a richer view than the record itself.
var specs = map[string]kindSpec{
	"organization": {order: "id"},
	"source":       {order: "id"},
	"state":        {order: "id"},
	"body":         {order: "id"},
	"session":      {order: "date, id"},
	"chairmanship": {order: `body, "from"`},
	"draft":        {order: "id"},
	"item":         {order: "date, session, number", nested: map[string]string{"outcome.result": "result"}},
	"position":     {order: "item, state"},
	"decision":     {order: "body, year, number"},
	"task":         {order: "session, id", nested: map[string]string{"priority.chairmanship": "chairmanship"}},
	"report":       {order: "date, id"},
	"area":         {order: "id"},
	"operation":    {order: "id"},
	"threat": {order: "id", derived: map[string]func(d dialect) string{
		"answered_by_decision": func(d dialect) string { return "(coalesce(" + d.jsonLength("doc", "decisions") + ", 0) > 0)" },
		"answered": func(d dialect) string {
			return "(coalesce(" + d.jsonLength("doc", "decisions") + ", 0) + coalesce(" + d.jsonLength("doc", "operations") + ", 0) > 0)"
		},
	}},
	"figure":      {order: "operation, metric, id"},
	"publication": {order: "date DESC, id"},
}

// classified reports whether reads of the kind apply the access policy.
func classified(kind string) bool {
	k, ok := secretariat.LookupKind(kind)
	return ok && k.Classified()
}

// filterColumns reads, for every kind, the generated columns of its table that hold a
// scalar field of the domain type: the fields a filter can compare without reading
// documents, as field path → column. It also returns every column of each kind's table,
// in order, which an as-of read selects from the versions.
func filterColumns(ctx context.Context, db *db, d dialect) (map[string]map[string]string, map[string][]string, error) {
	out := map[string]map[string]string{}
	all := map[string][]string{}
	for _, k := range secretariat.Kinds() {
		rows, err := db.QueryContext(ctx, d.columnsSQL(), k.Name)
		if err != nil {
			return nil, nil, classify(err, "reading the columns of "+k.Name)
		}
		for rows.Next() {
			var name string
			var hidden int
			if err := rows.Scan(&name, &hidden); err != nil {
				rows.Close()
				return nil, nil, classify(err, "reading the columns of "+k.Name)
			}
			all[k.Name] = append(all[k.Name], name)
			if hidden != 2 && hidden != 3 {
				continue
			}
			path := name
			for p, col := range specs[k.Name].nested {
				if col == name {
					path = p
				}
			}
			if isScalarField(k, path) {
				if out[k.Name] == nil {
					out[k.Name] = map[string]string{}
				}
				out[k.Name][path] = name
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, nil, classify(err, "reading the columns of "+k.Name)
		}
	}
	return out, all, nil
}

// isScalarField reports whether a field path of a kind holds a string, number or bool.
func isScalarField(info secretariat.KindInfo, path string) bool {
	t, ok := fieldType(info, path)
	if !ok {
		return false
	}
	switch t.Kind() {
	case reflect.String, reflect.Int, reflect.Int64, reflect.Float64, reflect.Bool:
		return true
	}
	return t == reflect.TypeOf(secretariat.Date{})
}

// fieldType returns the type a field path of a kind's records ends in (through
// pointers).
func fieldType(info secretariat.KindInfo, path string) (reflect.Type, bool) {
	t := reflect.TypeOf(info.New()).Elem()
	for _, name := range strings.Split(path, ".") {
		f, ok := fieldByJSON(t, name)
		if !ok {
			return nil, false
		}
		t = f
		if t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
	}
	return t, true
}

// accessClause returns the SQL condition (and its arguments) that limits a classified
// kind to what the viewer may see. It is secretariat.Viewer.CanSee written in SQL; a test
// holds the two in agreement.
func (s *Store) accessClause(v secretariat.Viewer, alias string) (string, []any) {
	if alias != "" {
		alias += "."
	}
	switch {
	case v.SeesAll():
		return "1=1", nil
	case v.Role == secretariat.RoleDelegate:
		return "(" + alias + "classification IN ('public','restricted') OR (" + alias + "classification = 'confidential' AND " + s.d.jsonHas(alias+"doc") + "))",
			[]any{s.d.pathArg("parties"), v.State}
	default:
		return alias + "classification = 'public'", nil
	}
}

// Cond is one filter condition: a field equal to a value. For a list field, the value
// must be one of its elements.
type Cond struct {
	Field string
	Value string
}

// Filter selects and pages records.
type Filter struct {
	Where  []Cond
	Limit  int
	Offset int
}

var fieldPattern = regexp.MustCompile(`^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)*$`)

// ParseCond reads "field=value".
func ParseCond(s string) (Cond, error) {
	f, v, ok := strings.Cut(s, "=")
	if !ok || f == "" {
		return Cond{}, secretariat.Errorf(secretariat.EINVALID, "%q is not a condition: write field=value", s)
	}
	return Cond{Field: strings.TrimSpace(f), Value: v}, nil
}

// whereClause turns conditions into SQL against kind's table, checking each field
// against the kind's fields so that a typo is an error, not an empty result.
func (s *Store) whereClause(kind string, conds []Cond) (string, []any, error) {
	info, ok := secretariat.LookupKind(kind)
	if !ok {
		return "", nil, unknownKind(kind)
	}
	spec := specs[kind]
	fields := info.Fields()
	for name := range spec.derived {
		fields = append(fields, name)
	}
	slices.Sort(fields)
	var parts []string
	var args []any
	for _, c := range conds {
		if !fieldPattern.MatchString(c.Field) || !slices.Contains(fields, c.Field) {
			return "", nil, secretariat.Errorf(secretariat.EINVALID, "%s has no field %q; its fields are: %s", kind, c.Field, strings.Join(fields, ", "))
		}
		if isTextField(info, c.Field) {
			// A text matches in either language, by a part of it, whatever the case:
			// --where title=zas finds "Appointment … (Stanislav Zas …)".
			parts = append(parts, "("+s.d.fold(s.d.jsonTextAt("doc"))+" LIKE ? ESCAPE '\\' OR "+s.d.fold(s.d.jsonTextAt("doc"))+" LIKE ? ESCAPE '\\')")
			like := "%" + likeEscaper.Replace(secretariat.Fold(c.Value)) + "%"
			args = append(args, s.d.pathArg(c.Field+".ru"), like, s.d.pathArg(c.Field+".en"), like)
			continue
		}
		if e, ok := secretariat.FieldEnum(kind, c.Field); ok {
			v, err := enumValue(e, kind, c.Field, c.Value)
			if err != nil {
				return "", nil, err
			}
			c.Value = v
		}
		value := any(c.Value)
		if b, err := strconv.ParseBool(c.Value); err == nil && (c.Value == "true" || c.Value == "false") {
			value = s.d.boolText(b) // as the database writes a JSON boolean as text
		}
		switch {
		case spec.derived[c.Field] != nil:
			cond := spec.derived[c.Field](s.d)
			switch c.Value {
			case "true":
				parts = append(parts, cond)
			case "false":
				parts = append(parts, "NOT "+cond)
			default:
				return "", nil, secretariat.Errorf(secretariat.EINVALID, "%s=%s: %s is true or false", c.Field, c.Value, c.Field)
			}
		case isListField(info, c.Field):
			parts = append(parts, s.d.jsonHas("doc"))
			args = append(args, s.d.pathArg(c.Field), value)
		case s.columns[kind][c.Field] != "":
			// No CAST on the column, so that its index serves: the column's type converts
			// the value (year = '2019' compares as integers).
			parts = append(parts, fmt.Sprintf(`%q = ?`, s.columns[kind][c.Field]))
			args = append(args, value)
		default:
			parts = append(parts, s.d.jsonTextAt("doc")+" = CAST(? AS TEXT)")
			args = append(args, s.d.pathArg(c.Field), value)
		}
	}
	if len(parts) == 0 {
		return "1=1", nil, nil
	}
	return strings.Join(parts, " AND "), args, nil
}

var likeEscaper = strings.NewReplacer(`\`, `\\`, "%", `\%`, "_", `\_`)

// enumValue reads the value of an enumerated field: one of its values, or the label of
// one in either language, whatever the case. Anything else is an error that lists the
// values, so that a filter that cannot match says why instead of finding nothing.
func enumValue(e secretariat.Enum, kind, field, value string) (string, error) {
	var names []string
	for _, ev := range e.Values() {
		if ev.Value == value {
			return value, nil
		}
		names = append(names, ev.Value)
	}
	f := secretariat.Fold(value)
	for _, ev := range e.Values() {
		if f == secretariat.Fold(ev.Value) || f == secretariat.Fold(ev.Label.RU) || f == secretariat.Fold(ev.Label.EN) {
			return ev.Value, nil
		}
	}
	return "", secretariat.Errorf(secretariat.EINVALID, "%q is not a value %s.%s can have, so it matches nothing: use one of %s",
		value, kind, field, strings.Join(names, ", "))
}

// isTextField reports whether a field path ends in a text of both languages.
func isTextField(info secretariat.KindInfo, path string) bool {
	t, ok := fieldType(info, path)
	return ok && t == reflect.TypeFor[secretariat.Text]()
}

// isListField reports whether a field path ends in a list of scalars.
func isListField(info secretariat.KindInfo, path string) bool {
	t, ok := fieldType(info, path)
	return ok && t.Kind() == reflect.Slice && t.Elem().Kind() != reflect.Struct
}

func fieldByJSON(t reflect.Type, name string) (reflect.Type, bool) {
	if t.Kind() != reflect.Struct {
		return nil, false
	}
	for i := 0; i < t.NumField(); i++ {
		sf := t.Field(i)
		if sf.Anonymous && sf.Type.Kind() == reflect.Struct {
			if ft, ok := fieldByJSON(sf.Type, name); ok {
				return ft, true
			}
			continue
		}
		if jsonName(sf) == name {
			return sf.Type, true
		}
	}
	return nil, false
}

func unknownKind(kind string) error {
	return secretariat.Errorf(secretariat.EINVALID, "%q is not a kind of record; the kinds are: %s", kind, strings.Join(secretariat.KindNames(), ", "))
}

// Get returns a record's canonical JSON, if the viewer may see it, with the references
// to records the viewer may not see withheld (redact.go). A record the viewer may not see
// is not found, so that its existence does not leak.
func (s *Store) Get(ctx context.Context, v secretariat.Viewer, kind, id string) (json.RawMessage, error) {
	doc, err := s.getRaw(ctx, v, kind, id)
	if err != nil {
		return nil, err
	}
	return s.redactor(ctx, v).redact(kind, doc)
}

// getRaw is Get without withholding references: the record as stored, if the viewer may
// see it.
func (s *Store) getRaw(ctx context.Context, v secretariat.Viewer, kind, id string) (json.RawMessage, error) {
	if _, ok := secretariat.LookupKind(kind); !ok {
		return nil, unknownKind(kind)
	}
	q := `SELECT doc FROM ` + s.tbl(kind) + ` r WHERE id = ?`
	args := []any{id}
	if classified(kind) {
		clause, cargs := s.accessClause(v, "")
		q += " AND " + clause
		args = append(args, cargs...)
	}
	var doc []byte
	err := s.rd(ctx).QueryRowContext(ctx, q, args...).Scan(&doc)
	if err == sql.ErrNoRows {
		return nil, notFound(kind, id)
	}
	if err != nil {
		return nil, classify(err, "reading "+kind+" "+id)
	}
	return doc, nil
}

// Find returns the records of a kind that match the filter and that the viewer may see,
// in the kind's natural order, with the total number matching (before paging).
func (s *Store) Find(ctx context.Context, v secretariat.Viewer, kind string, f Filter) ([]json.RawMessage, int, error) {
	where, args, err := s.whereClause(kind, f.Where)
	if err != nil {
		return nil, 0, err
	}
	if classified(kind) {
		clause, cargs := s.accessClause(v, "")
		where += " AND " + clause
		args = append(args, cargs...)
	}
	var total int
	if err := s.rd(ctx).QueryRowContext(ctx, `SELECT count(*) FROM `+s.tbl(kind)+` r WHERE `+where, args...).Scan(&total); err != nil {
		return nil, 0, classify(err, "counting "+kind)
	}
	q := `SELECT doc FROM ` + s.tbl(kind) + ` r WHERE ` + where + ` ORDER BY ` + specs[kind].order
	if f.Limit > 0 {
		q += " LIMIT " + strconv.Itoa(f.Limit) + " OFFSET " + strconv.Itoa(max(f.Offset, 0))
	}
	rows, err := s.rd(ctx).QueryContext(ctx, q, args...)
	if err != nil {
		return nil, 0, classify(err, "listing "+kind)
	}
	defer rows.Close()
	var out []json.RawMessage
	for rows.Next() {
		var doc []byte
		if err := rows.Scan(&doc); err != nil {
			return nil, 0, classify(err, "listing "+kind)
		}
		out = append(out, doc)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, classify(err, "listing "+kind)
	}
	rows.Close() // before the redaction's own reads, which need a connection of their own
	vis := s.redactor(ctx, v)
	for i, doc := range out {
		if out[i], err = vis.redact(kind, doc); err != nil {
			return nil, 0, err
		}
	}
	return out, total, nil
}

// CountHidden returns how many records of a kind match the filter but are hidden from
// the viewer: a public report says that restricted items exist without showing them.
func (s *Store) CountHidden(ctx context.Context, v secretariat.Viewer, kind string, f Filter) (int, error) {
	if !classified(kind) || v.SeesAll() {
		return 0, nil
	}
	_, visible, err := s.Find(ctx, v, kind, Filter{Where: f.Where, Limit: 1})
	if err != nil {
		return 0, err
	}
	_, all, err := s.Find(ctx, secretariat.Secretariat, kind, Filter{Where: f.Where, Limit: 1})
	if err != nil {
		return 0, err
	}
	return all - visible, nil
}

// FindByID reads one record into a typed value.
func FindByID[T any, PT interface {
	*T
	secretariat.Record
}](ctx context.Context, s *Store, v secretariat.Viewer, id string) (*T, error) {
	var zero T
	kind := secretariat.KindOf(PT(&zero))
	doc, err := s.Get(ctx, v, kind, id)
	if err != nil {
		return nil, err
	}
	out := new(T)
	return out, decodeDoc(kind, id, doc, out)
}

// FindAll reads the matching records into typed values.
func FindAll[T any, PT interface {
	*T
	secretariat.Record
}](ctx context.Context, s *Store, v secretariat.Viewer, f Filter) ([]T, int, error) {
	var zero T
	kind := secretariat.KindOf(PT(&zero))
	docs, total, err := s.Find(ctx, v, kind, f)
	if err != nil {
		return nil, 0, err
	}
	out := make([]T, len(docs))
	for i, d := range docs {
		if err := decodeDoc(kind, "", d, &out[i]); err != nil {
			return nil, 0, err
		}
	}
	return out, total, nil
}

// Where is a shorthand for a filter of field=value pairs.
func Where(pairs ...string) Filter {
	var f Filter
	for i := 0; i+1 < len(pairs); i += 2 {
		f.Where = append(f.Where, Cond{Field: pairs[i], Value: pairs[i+1]})
	}
	return f
}
