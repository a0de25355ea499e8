package secretariat

import (
	"go/ast"
	"go/constant"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode"
)

// declaredEnumValues parses the package's own source and returns, for every named type
// that has string constants declared with it, the constants' values. Reading the
// source rather than a hand-kept list means a value added to a const block fails the
// label test until it gets its labels.
func declaredEnumValues(t *testing.T) map[string][]string {
	t.Helper()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	out := map[string][]string{}
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		f, err := parser.ParseFile(fset, name, src, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, decl := range f.Decls {
			gd, ok := decl.(*ast.GenDecl)
			if !ok || gd.Tok != token.CONST {
				continue
			}
			for _, spec := range gd.Specs {
				vs := spec.(*ast.ValueSpec)
				id, ok := vs.Type.(*ast.Ident)
				if !ok {
					continue
				}
				for _, val := range vs.Values {
					lit, ok := val.(*ast.BasicLit)
					if !ok || lit.Kind != token.STRING {
						continue
					}
					out[id.Name] = append(out[id.Name], constant.StringVal(constant.MakeFromLiteral(lit.Value, lit.Kind, 0)))
				}
			}
		}
	}
	return out
}

func hasCyrillic(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Cyrillic, r) {
			return true
		}
	}
	return false
}

func TestEveryEnumValueHasBothLabels(t *testing.T) {
	declared := declaredEnumValues(t)
	if len(declared["TaskStatus"]) < 6 {
		t.Fatalf("the source parser found %v task statuses; it no longer reads the const blocks", declared["TaskStatus"])
	}
	// Types whose constants are not values a reader sees.
	notForReaders := map[string]bool{"Enum": true}
	typeByName := map[string]reflect.Type{}
	for typ := range enumByType {
		typeByName[typ.Name()] = typ
	}
	for typeName, values := range declared {
		if notForReaders[typeName] {
			continue
		}
		typ, ok := typeByName[typeName]
		if !ok {
			t.Errorf("%s has constants %v but no enumeration in labels.go: give each value a Russian and an English label", typeName, values)
			continue
		}
		e := enumByType[typ]
		for _, val := range values {
			if _, ok := e.Label(val); !ok {
				t.Errorf("%s %q has no label in labels.go", typeName, val)
			}
		}
		for _, ev := range e.Values() {
			if !slices.Contains(values, ev.Value) {
				t.Errorf("labels.go labels %s %q, which the package does not declare", typeName, ev.Value)
			}
		}
	}
	// Enumerations kept in plain string fields are declared as lists.
	lists := map[Enum][]string{
		EnumPublicationSection: PublicationSections,
		EnumLineageAction:      lineageActions,
		EnumThreatCategory:     ThreatCategories,
		EnumUnit:               Units,
	}
	for e, values := range lists {
		var got []string
		for _, ev := range e.Values() {
			got = append(got, ev.Value)
		}
		if !slices.Equal(sortedCopy(got), sortedCopy(values)) {
			t.Errorf("%s: labels.go labels %v, the package allows %v", e, got, values)
		}
	}
	for _, e := range Enums() {
		if len(e.Values()) == 0 {
			t.Errorf("%s has no values", e)
		}
		for _, ev := range e.Values() {
			ru, en := ev.Label.RU, ev.Label.EN
			switch {
			case strings.TrimSpace(ru) == "":
				t.Errorf("%s %q has no Russian label", e, ev.Value)
			case !hasCyrillic(ru):
				t.Errorf("%s %q: the Russian label %q is not in Russian", e, ev.Value, ru)
			}
			switch {
			case strings.TrimSpace(en) == "":
				t.Errorf("%s %q has no English label", e, ev.Value)
			case hasCyrillic(en):
				t.Errorf("%s %q: the English label %q has Cyrillic letters", e, ev.Value, en)
			}
			if strings.Contains(en, "_") || strings.Contains(ru, "_") {
				t.Errorf("%s %q: a label shows an identifier: %q / %q", e, ev.Value, ru, en)
			}
		}
	}
}

// Every field of a record whose type is a named string type holds an enumeration, so
// that no such field can reach a reader without labels.
func TestEveryEnumFieldOfARecordIsLabelled(t *testing.T) {
	var walk func(typ reflect.Type, path string, depth int)
	walk = func(typ reflect.Type, path string, depth int) {
		if depth > 4 {
			return
		}
		for i := 0; i < typ.NumField(); i++ {
			sf := typ.Field(i)
			ft := sf.Type
			for ft.Kind() == reflect.Pointer || ft.Kind() == reflect.Slice {
				ft = ft.Elem()
			}
			switch {
			case ft.Kind() == reflect.String && ft.Name() != "string" && ft.PkgPath() == typ.PkgPath():
				if _, ok := enumByType[ft]; !ok {
					t.Errorf("%s.%s is of type %s, which has no labels in labels.go", path, sf.Name, ft.Name())
				}
			case ft.Kind() == reflect.Struct && ft.PkgPath() == typ.PkgPath():
				walk(ft, path+"."+sf.Name, depth+1)
			}
		}
	}
	for _, k := range Kinds() {
		walk(reflect.TypeOf(k.New()).Elem(), k.Name, 0)
	}
}

func TestLabelLookups(t *testing.T) {
	if got := Label(TaskInProgress, RU); got != "выполняется" {
		t.Errorf("Label(in_progress, ru) = %q", got)
	}
	if got := Label(ResponsibleAllStates, EN); got != "all member states" {
		t.Errorf("Label(all_states, en) = %q", got)
	}
	if got := Label(TaskStatus("unheard_of"), EN); got != "unheard_of" {
		t.Errorf("an unknown value should come back as it is, got %q", got)
	}
	if got := EnumPublicationSection.In("press", RU); got != "Пресс-релизы" {
		t.Errorf("section press in Russian = %q", got)
	}
	for _, c := range []struct {
		kind, path string
		want       Enum
	}{
		{"task", "status", EnumTaskStatus},
		{"task", "responsible.kind", EnumResponsibleKind},
		{"session", "format[1]", EnumSessionFormat},
		{"item", "outcome.result", EnumResult},
		{"item", "lineage[0].action", EnumLineageAction},
		{"publication", "section", EnumPublicationSection},
		{"publication", "classification", EnumClassification},
		{"threat", "assessments[2].trend", EnumTrend},
		{"figure", "qualifier", EnumQualifier},
		{"body", "rules.substantive.method", EnumMethod},
	} {
		if got, ok := FieldEnum(c.kind, c.path); !ok || got != c.want {
			t.Errorf("FieldEnum(%s, %s) = %q, %v; want %q", c.kind, c.path, got, ok, c.want)
		}
	}
	if e, ok := FieldEnum("task", "id"); ok {
		t.Errorf("task.id is not an enumeration, got %s", e)
	}
}

func sortedCopy(s []string) []string {
	c := slices.Clone(s)
	slices.Sort(c)
	return c
}
