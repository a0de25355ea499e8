package secretariat

import (
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// recordField is one field of a kind of record, found by walking its type: its JSON path
// (list elements as []), its JSON name, and its Go type.
type recordField struct {
	path, name string
	typ        reflect.Type
	ref        bool // tagged ref:"kind": it holds the ID of another record
}

// walkFields lists every field of t at any depth: through embedded structs, pointers,
// slices, arrays and maps, by JSON name.
func walkFields(t reflect.Type, prefix string, seen map[reflect.Type]bool, out *[]recordField) {
	for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice || t.Kind() == reflect.Array || t.Kind() == reflect.Map {
		if t.Kind() == reflect.Slice || t.Kind() == reflect.Array {
			prefix += "[]"
		}
		t = t.Elem()
	}
	if t.Kind() != reflect.Struct || seen[t] {
		return
	}
	seen[t] = true
	defer delete(seen, t)
	for i := 0; i < t.NumField(); i++ {
		sf := t.Field(i)
		if !sf.IsExported() {
			continue
		}
		name, _, _ := strings.Cut(sf.Tag.Get("json"), ",")
		if sf.Anonymous && name == "" {
			walkFields(sf.Type, prefix, seen, out)
			continue
		}
		if name == "-" {
			continue
		}
		if name == "" {
			name = sf.Name
		}
		path := strings.TrimPrefix(prefix+"."+name, ".")
		*out = append(*out, recordField{path: path, name: name, typ: sf.Type, ref: sf.Tag.Get("ref") != ""})
		walkFields(sf.Type, path, seen, out)
	}
}

func kindFields(k KindInfo) []recordField {
	var out []recordField
	walkFields(reflect.TypeOf(k.New()), "", map[reflect.Type]bool{}, &out)
	return out
}

// namedForPeopleButNotAboutThem are the fields whose JSON name is one IsPersonalDataField
// knows, each with why it holds no data about a person.
var namedForPeopleButNotAboutThem = map[string]string{
	"organization.name":        "the treaty organization's name",
	"state.name":               "a member state's name",
	"body.name":                "a governing body's name",
	"area.name":                "a geographic area's name",
	"threat.name":              "a threat's name in the register",
	"operation.metrics[].name": "the name of a metric an operation reports, e.g. 'drugs seized'",
	"operation.stages[].name":  "the name of an operation's stage, e.g. 'Channel — Border'",
}

// The record has no place for a person: no field of any kind of record, at any depth,
// is named for personal data, unless it is argued above to hold something else. (The
// schema's columns are checked in internal/exchange; the data itself lives in the
// documents these types describe.)
func TestNoRecordHasAFieldForAPerson(t *testing.T) {
	used := map[string]bool{}
	n := 0
	for _, k := range Kinds() {
		for _, f := range kindFields(k) {
			n++
			if !IsPersonalDataField(f.name) {
				continue
			}
			key := k.Name + "." + f.path
			if _, ok := namedForPeopleButNotAboutThem[key]; ok {
				used[key] = true
				continue
			}
			t.Errorf("%s has a field %q, named for personal data", k.Name, f.path)
		}
	}
	if n < 300 {
		t.Fatalf("only %d fields walked in %d kinds: the walk does not reach nested records", n, len(Kinds()))
	}
	for key := range namedForPeopleButNotAboutThem {
		if !used[key] {
			t.Errorf("%s is argued above but is no longer a field named for personal data: remove it from the list", key)
		}
	}
}

// freeTextOfOperations are the fields of the records about operations (operations, their
// figures, the threats they answer and the areas they cover) that take free text, each
// with why it carries no data about the people an operation identifies. A new one fails
// TestFreeTextOfOperationsIsArgued until it is argued here.
var freeTextOfOperations = map[string]string{
	"operation.id":                 "an identifier (ValidID: letters, digits, '.', '-', '_'), chosen by the secretariat for the operation",
	"operation.code_name":          "the operation's published code name, e.g. «Канал»",
	"operation.purpose":            "what the operation is for, as its mandate states it",
	"operation.mandate_note":       "how the operation is mandated when no decision of the record is its mandate",
	"operation.stages[].id":        "an identifier of the stage",
	"operation.stages[].name":      "the stage's name",
	"operation.stages[].hq":        "the place the stage was run from (a city or a body's headquarters)",
	"operation.stages[].observers": "states and organizations that observed the stage",
	"operation.metrics[].key":      "a metric's key, e.g. drugs_seized",
	"operation.metrics[].name":     "a metric's name",
	"operation.metrics[].unit":     "a unit, e.g. kg or people",
	"figure.id":                    "an identifier of the figure",
	"figure.stage":                 "the ID of a stage of the operation, checked against it",
	"figure.metric":                "a metric key, checked against the operation's metrics",
	"figure.metric_name":           "names the metric of a figure that covers several operations",
	"figure.unit":                  "the unit of an aggregate, e.g. people or kg",
	"figure.note": "how the aggregate was counted or reported, e.g. \"at the border posts only\". A figure is a count, " +
		"and the note speaks of the count; imported figures pass exchange.DecodeFigure, which refuses every field named " +
		"for people. No program can tell a name in a sentence from a place or an agency, so this field is guarded by " +
		"its purpose and by this list, not by a filter",
	"threat.id":                      "an identifier of the threat",
	"threat.category":                "a category of the register, e.g. terrorism",
	"threat.name":                    "the threat's name",
	"threat.description":             "what the threat is, in general terms",
	"threat.assessments[].narrative": "the assessment's reasoning about the threat at a date, in general terms",
	"area.id":                        "an identifier of the area",
	"area.name":                      "the area's name",
	"area.iso":                       "an ISO 3166 code",
	"area.geometry":                  "a GeoJSON outline of the area (checked by internal/geojson): coordinates, no text",
}

// isFreeText reports whether a field takes free text: the record's bilingual Text, a
// plain string that is not a reference, a list of them, or raw JSON.
func isFreeText(f recordField) bool {
	typ := f.typ
	for typ.Kind() == reflect.Pointer || typ.Kind() == reflect.Slice && typ != reflect.TypeOf(json.RawMessage{}) {
		typ = typ.Elem()
	}
	switch {
	case f.ref:
		return false
	case typ == reflect.TypeOf(Text{}), typ == reflect.TypeOf(json.RawMessage{}):
		return true
	}
	return typ == reflect.TypeOf("")
}

// TestFreeTextOfOperationsIsArgued holds the records about operations to the list above:
// every field that takes free text is argued, and nothing is argued that is not there.
func TestFreeTextOfOperationsIsArgued(t *testing.T) {
	found := map[string]bool{}
	for _, name := range []string{"operation", "figure", "threat", "area"} {
		k, ok := LookupKind(name)
		if !ok {
			t.Fatalf("no kind %s", name)
		}
		for _, f := range kindFields(k) {
			if strings.HasPrefix(f.path, "sources") || strings.HasPrefix(f.path, "public_summary") || strings.HasPrefix(f.path, "classification") || strings.HasPrefix(f.path, "parties") {
				continue // Access and Provenance: references and the summary the public reads, checked for every kind alike
			}
			if f.path == "illustrative" || strings.Contains(f.path, ".ru") || strings.Contains(f.path, ".en") {
				continue
			}
			if !isFreeText(f) {
				continue
			}
			key := name + "." + f.path
			found[key] = true
			if _, ok := freeTextOfOperations[key]; !ok {
				t.Errorf("%s takes free text: argue in freeTextOfOperations why it carries no data about people, or make it a reference", key)
			}
		}
	}
	var stale []string
	for key := range freeTextOfOperations {
		if !found[key] {
			stale = append(stale, key)
		}
	}
	slices.Sort(stale)
	for _, key := range stale {
		t.Errorf("%s is argued but is not a free-text field: remove it from the list", key)
	}
}

// A rapporteur reports on a question as a body or a member state; a person's name has no
// place to go.
func TestTheRapporteurIsABodyOrAState(t *testing.T) {
	item := func(r RecordRef) *AgendaItem {
		return &AgendaItem{ID: "cs-2019-1.1", Session: "cs-2019-1", Body: "cs", Date: MustDate("2019-11-28"), Number: 1,
			Title: T("О бюджете", "On the budget"), Kind: Substantive, Rapporteur: r}
	}
	for _, ok := range []RecordRef{{}, {Kind: "body", ID: "cfm"}, {Kind: "state", ID: "KG"}} {
		if err := item(ok).Validate(); err != nil {
			t.Errorf("rapporteur %+v refused: %v", ok, err)
		}
	}
	for _, bad := range []struct {
		r     RecordRef
		field string
	}{
		{RecordRef{Kind: "person", ID: "ivanov"}, "rapporteur.kind"},
		{RecordRef{Kind: "body", ID: "Иванов И.И."}, "rapporteur.id"},
		{RecordRef{Kind: "state"}, "rapporteur.id"},
	} {
		err := item(bad.r).Validate()
		if ErrorCode(err) != EINVALID || ErrorFields(err)[bad.field] == "" {
			t.Errorf("rapporteur %+v: %v, want a refusal of %s", bad.r, err, bad.field)
		}
	}
}
