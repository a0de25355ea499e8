package exchange

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"reflect"
	"strconv"
	"strings"

	"secretariat"
	"secretariat/internal/store"
)

// The CSV export: one file per kind of record (RFC 4180, UTF-8, with a header), and one
// file per list of structured values within a kind (a decision's signatures, a draft's
// versions, a body's rules…), keyed by the record's ID and the place in the list. The
// columns are derived from the records' own fields, by their JSON names:
//   - a text in both languages gives NAME_ru and NAME_en;
//   - a nested value gives its fields as NAME_FIELD (an item's outcome_result);
//   - a list of IDs or of values of an enumeration gives one column, the values joined
//     with "; ";
//   - a list of structured values gives a file of its own, KIND_NAME.csv, whose rows
//     start with KIND_id and the place in each list from the record down (NAME_n, 1 for
//     the first);
//   - a GeoJSON geometry stays JSON text.
// CSVTables lists every file and its columns, and the export writes that list beside
// the files as columns.csv (file, column, type, kind), so that the data travels with
// its description.

// CSVTable is one file of the CSV export: its name and its columns.
type CSVTable struct {
	Name    string
	Columns []string
	// Types says what each column holds, in the words of columns.csv ("date, YYYY-MM-DD").
	Types []string
	// Kind is the kind of record the file lists, or whose list it holds.
	Kind string
}

// csvPlan is how one file is written from values of one Go type.
type csvPlan struct {
	table    CSVTable
	keys     int // the leading key columns, filled from the enclosing rows
	cols     []func(reflect.Value) string
	children []csvChild
}

// csvChild is a list of structured values in a row, written to a file of its own.
type csvChild struct {
	get  func(reflect.Value) reflect.Value // the slice, or an invalid value
	plan *csvPlan
}

var (
	textType = reflect.TypeOf(secretariat.Text{})
	dateType = reflect.TypeOf(secretariat.Date{})
	rawType  = reflect.TypeOf(json.RawMessage{})
)

// planFor builds the plan of a file for values of type t, whose rows start with the
// key columns given.
func planFor(name, kind string, t reflect.Type, keys []string) *csvPlan {
	p := &csvPlan{table: CSVTable{Name: name, Kind: kind, Columns: append([]string(nil), keys...)}, keys: len(keys)}
	for _, k := range keys {
		if strings.HasSuffix(k, "_n") {
			p.table.Types = append(p.table.Types, colWhole+", the place in the list from 1")
		} else {
			p.table.Types = append(p.table.Types, "the ID of the "+kind)
		}
	}
	p.walk(t, "", func(v reflect.Value) reflect.Value { return v })
	return p
}

// walk adds the columns of t's fields; at gives the struct from a row.
func (p *csvPlan) walk(t reflect.Type, prefix string, at func(reflect.Value) reflect.Value) {
	for i := 0; i < t.NumField(); i++ {
		sf := t.Field(i)
		if !sf.IsExported() {
			continue
		}
		field := func(v reflect.Value) reflect.Value {
			v = at(v)
			if !v.IsValid() {
				return v
			}
			return deref(v.Field(i))
		}
		ft := sf.Type
		for ft.Kind() == reflect.Pointer {
			ft = ft.Elem()
		}
		if sf.Anonymous && ft.Kind() == reflect.Struct {
			p.walk(ft, prefix, field)
			continue
		}
		name, _, _ := strings.Cut(sf.Tag.Get("json"), ",")
		if name == "" || name == "-" {
			continue
		}
		col := prefix + name
		switch {
		case ft == textType:
			for _, lang := range []secretariat.Lang{secretariat.RU, secretariat.EN} {
				p.add(col+"_"+string(lang), "text in "+langName[lang], func(v reflect.Value) string {
					if f := field(v); f.IsValid() {
						t := f.Interface().(secretariat.Text)
						if lang == secretariat.RU {
							return t.RU
						}
						return t.EN
					}
					return ""
				})
			}
		case ft == dateType:
			p.add(col, "date, YYYY-MM-DD", func(v reflect.Value) string {
				if f := field(v); f.IsValid() && !f.Interface().(secretariat.Date).IsZero() {
					return f.Interface().(secretariat.Date).String()
				}
				return ""
			})
		case ft == rawType:
			p.add(col, "JSON", func(v reflect.Value) string {
				if f := field(v); f.IsValid() {
					return string(f.Bytes())
				}
				return ""
			})
		case ft.Kind() == reflect.Struct:
			p.walk(ft, col+"_", field)
		case ft.Kind() == reflect.Slice && ft.Elem().Kind() == reflect.Struct && ft.Elem() != textType:
			child := planFor(p.table.Name+"_"+col, p.table.Kind, ft.Elem(), append(p.keyColumns(), col+"_n"))
			p.children = append(p.children, csvChild{get: field, plan: child})
		case ft.Kind() == reflect.Slice && ft.Elem().Kind() == reflect.String:
			p.add(col, `a list, joined with "; "`, func(v reflect.Value) string {
				f := field(v)
				if !f.IsValid() {
					return ""
				}
				parts := make([]string, f.Len())
				for i := range parts {
					parts[i] = f.Index(i).String()
				}
				return strings.Join(parts, "; ")
			})
		default:
			typ := scalarType(ft)
			if col == "id" {
				typ = "the record's ID"
			}
			p.add(col, typ, func(v reflect.Value) string { return scalarText(field(v)) })
		}
	}
}

// keyColumns are the key columns a list's file takes from its enclosing rows: the
// kind's ID, then the place in each enclosing list.
func (p *csvPlan) keyColumns() []string {
	if p.keys == 0 {
		return []string{p.table.Kind + "_id"}
	}
	return append([]string(nil), p.table.Columns[:p.keys]...)
}

func (p *csvPlan) add(col, typ string, fn func(reflect.Value) string) {
	p.table.Columns = append(p.table.Columns, col)
	p.table.Types = append(p.table.Types, typ)
	p.cols = append(p.cols, fn)
}

func deref(v reflect.Value) reflect.Value {
	for v.IsValid() && v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return reflect.Value{}
		}
		v = v.Elem()
	}
	return v
}

// langName names a language in columns.csv.
var langName = map[secretariat.Lang]string{secretariat.RU: "Russian", secretariat.EN: "English"}

const colWhole = "a whole number"

// scalarType says in columns.csv what scalarText writes for a type.
func scalarType(t reflect.Type) string {
	switch t.Kind() {
	case reflect.String:
		return "text"
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return colWhole
	case reflect.Float32, reflect.Float64:
		return "a number"
	}
	return "JSON"
}

// scalarText writes a scalar as CSV text: numbers in full, booleans as true and false,
// anything else the record holds as JSON.
func scalarText(v reflect.Value) string {
	if !v.IsValid() {
		return ""
	}
	switch v.Kind() {
	case reflect.String:
		return v.String()
	case reflect.Bool:
		return strconv.FormatBool(v.Bool())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return strconv.FormatInt(v.Int(), 10)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return strconv.FormatUint(v.Uint(), 10)
	case reflect.Float32, reflect.Float64:
		return strconv.FormatFloat(v.Float(), 'f', -1, 64)
	}
	b, err := json.Marshal(v.Interface())
	if err != nil {
		return ""
	}
	return string(b)
}

// tables lists the plan's file and its lists' files, depth first.
func (p *csvPlan) tables() []CSVTable {
	out := []CSVTable{p.table}
	for _, c := range p.children {
		out = append(out, c.plan.tables()...)
	}
	return out
}

// kindPlans are the plans of every kind, in the kinds' order.
var kindPlans = func() []*csvPlan {
	var out []*csvPlan
	for _, k := range secretariat.Kinds() {
		out = append(out, planFor(k.Name, k.Name, reflect.TypeOf(k.New()).Elem(), nil))
	}
	return out
}()

// CSVTables lists every file the CSV export writes, with its columns.
func CSVTables() []CSVTable {
	var out []CSVTable
	for _, p := range kindPlans {
		out = append(out, p.tables()...)
	}
	return out
}

// csvWriters are the open files of an export, by table name.
type csvWriters map[string]*csv.Writer

// row writes one value's row and its lists' rows.
func (p *csvPlan) row(ws csvWriters, v reflect.Value, keys []string) error {
	rec := make([]string, 0, len(p.table.Columns))
	rec = append(rec, keys...)
	for _, col := range p.cols {
		rec = append(rec, col(v))
	}
	if err := ws[p.table.Name].Write(rec); err != nil {
		return err
	}
	for _, c := range p.children {
		list := c.get(v)
		if !list.IsValid() {
			continue
		}
		for i := 0; i < list.Len(); i++ {
			k := keys
			if len(k) == 0 {
				k = []string{rec[0]} // a record's ID is its first column
			}
			if err := c.plan.row(ws, deref(list.Index(i)), append(append([]string(nil), k...), strconv.Itoa(i+1))); err != nil {
				return err
			}
		}
	}
	return nil
}

// csvPage is how many records an export reads at a time.
const csvPage = 5000

// CSVSummary counts the rows written to each file.
type CSVSummary map[string]int

// ExportCSV writes every kind of record the viewer may see as CSV files, one per kind
// and one per list of structured values within a kind (CSVTables), each through a
// writer create opens by the file's name ("decision.csv"). Records the viewer may not
// see are left out, and the references to them withheld, as every read of the store
// does. The record is read as of one journal entry, the head when the export starts.
func ExportCSV(ctx context.Context, st *store.Store, v secretariat.Viewer, create func(name string) (io.WriteCloser, error)) (CSVSummary, error) {
	st, err := pinned(ctx, st)
	if err != nil {
		return nil, err
	}
	files := map[string]io.WriteCloser{}
	ws := csvWriters{}
	defer func() {
		for _, f := range files {
			f.Close()
		}
	}()
	for _, t := range CSVTables() {
		f, err := create(t.Name + ".csv")
		if err != nil {
			return nil, err
		}
		files[t.Name] = f
		ws[t.Name] = csv.NewWriter(f)
		ws[t.Name].UseCRLF = true // RFC 4180
		if err := ws[t.Name].Write(t.Columns); err != nil {
			return nil, err
		}
	}
	if err := writeColumns(create); err != nil {
		return nil, err
	}
	sum := CSVSummary{}
	for i, k := range secretariat.Kinds() {
		p := kindPlans[i]
		err := eachRecord(ctx, st, v, k, func(r secretariat.Record) error {
			sum[k.Name]++
			return p.row(ws, reflect.ValueOf(r).Elem(), nil)
		})
		if err != nil {
			return nil, fmt.Errorf("writing %s.csv: %w", k.Name, err)
		}
	}
	for name, w := range ws {
		w.Flush()
		if err := w.Error(); err != nil {
			return nil, fmt.Errorf("writing %s.csv: %w", name, err)
		}
		if err := files[name].Close(); err != nil {
			return nil, fmt.Errorf("writing %s.csv: %w", name, err)
		}
		delete(files, name)
	}
	return sum, nil
}

// writeColumns writes columns.csv: every column of every file, what it holds, and the
// kind of record the file lists.
func writeColumns(create func(name string) (io.WriteCloser, error)) error {
	f, err := create("columns.csv")
	if err != nil {
		return err
	}
	w := csv.NewWriter(f)
	w.UseCRLF = true
	w.Write([]string{"file", "column", "type", "kind"})
	for _, t := range CSVTables() {
		for i, c := range t.Columns {
			w.Write([]string{t.Name + ".csv", c, t.Types[i], t.Kind})
		}
	}
	w.Flush()
	if err := w.Error(); err != nil {
		f.Close()
		return fmt.Errorf("writing columns.csv: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("writing columns.csv: %w", err)
	}
	return nil
}

// pinned returns the store read as of its head now, so that an export that reads many
// pages reads one state of the record.
func pinned(ctx context.Context, st *store.Store) (*store.Store, error) {
	if _, past := st.AsOfSeq(); past {
		return st, nil
	}
	n, _, err := st.Head(ctx)
	if err != nil {
		return nil, err
	}
	return st.AsOfEntry(n), nil
}

// eachRecord calls fn with every record of a kind the viewer may see, a page at a time.
func eachRecord(ctx context.Context, st *store.Store, v secretariat.Viewer, k secretariat.KindInfo, fn func(secretariat.Record) error) error {
	for offset := 0; ; offset += csvPage {
		if err := ctx.Err(); err != nil {
			return err
		}
		docs, _, err := st.Find(ctx, v, k.Name, store.Filter{Limit: csvPage, Offset: offset})
		if err != nil {
			return err
		}
		for _, d := range docs {
			r := k.New()
			if err := json.Unmarshal(d, r); err != nil {
				return fmt.Errorf("reading a %s: %w", k.Name, err)
			}
			if err := fn(r); err != nil {
				return err
			}
		}
		if len(docs) < csvPage {
			return nil
		}
	}
}
