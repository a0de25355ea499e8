package present

import (
	"testing"

	"secretariat"
)

func TestDecodeOrderedKeepsTheDocumentsOrder(t *testing.T) {
	n, err := DecodeOrdered([]byte(`{"zeta":1,"alpha":{"ru":"Да","en":"Yes","authentic":"ru"},"list":[{"b":1,"a":2}],"nil":null}`))
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, f := range n.Object {
		keys = append(keys, f.Key)
	}
	if len(keys) != 4 || keys[0] != "zeta" || keys[1] != "alpha" || keys[2] != "list" || keys[3] != "nil" {
		t.Fatalf("keys %v", keys)
	}
	alpha, _ := n.Get("alpha")
	if s, ok := TextOf(alpha, secretariat.RU); !ok || s != "Да" {
		t.Errorf("text %q %v", s, ok)
	}
	if l, _ := n.Get("list"); !l.IsList() || l.List[0].Object[0].Key != "b" {
		t.Errorf("list %+v", l)
	}
	for _, bad := range []string{`{"a":`, `[1,2`, `{"a":1} {}`, `{"a" 1}`} {
		if _, err := DecodeOrdered([]byte(bad)); err == nil {
			t.Errorf("%q decoded", bad)
		}
	}
}

func TestLabel(t *testing.T) {
	for _, c := range []struct{ kind, path, value, want string }{
		{"task", "status", "in_progress", "выполняется"},
		{"task", "responsible.kind", "all_states", "все государства-члены"},
		{"item", "lineage.action", "agreed", "согласован"},
		{"", "grid.stance", "non_interest", "заявляет о незаинтересованности"}, // a view's field, by its name
		{"report", "speaks_for", "KG", "KG"},                                   // an ID stays an ID
		{"task", "id", "in_progress", "in_progress"},
		{"", "outcome.kind", "substantive", "вопрос существа"},                    // "kind" alone is ambiguous, "outcome.kind" is not
		{"", "totals[0].since_inception.basis", "sum_of_years", "сумма по годам"}, // no kind has a basis: the enumeration of that name
		{"", "note", "sum_of_years", "sum_of_years"},                              // a field of no enumeration
	} {
		if got := Label(c.kind, c.path, c.value, secretariat.RU); got != c.want {
			t.Errorf("Label(%s, %s, %s) = %q, want %q", c.kind, c.path, c.value, got, c.want)
		}
	}
}

// A record's values reach people as words: labels, and yes or no rather than true.
func TestFlattenRecordSaysValuesInWords(t *testing.T) {
	v, err := Decode([]byte(`{"status":"in_progress","illustrative":true,"responsible":{"kind":"all_states"},"progress":40,"sources":["a","b"]}`))
	if err != nil {
		t.Fatal(err)
	}
	want := map[secretariat.Lang]map[string]string{
		secretariat.RU: {"status": "выполняется", "illustrative": "да", "responsible.kind": "все государства-члены", "progress": "40", "sources": "a, b"},
		secretariat.EN: {"status": "in progress", "illustrative": "yes", "responsible.kind": "all member states", "progress": "40", "sources": "a, b"},
	}
	for lang, w := range want {
		got := map[string]string{}
		for _, f := range FlattenRecord("task", v, lang) {
			got[f.Path] = f.Value
		}
		for path, value := range w {
			if got[path] != value {
				t.Errorf("%s %s: %q, want %q", lang, path, got[path], value)
			}
		}
	}
	if got := Word("operation", "permanent", false, secretariat.EN); got != "no" {
		t.Errorf("Word(false) = %q", got)
	}
}
