// Package present turns record documents into what people read: path/value lines, one
// language of each text, lists joined. The command line and the web pages share it.
package present

import (
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"secretariat"
)

// Field is one flattened value of a document: a dotted path and its text.
type Field struct{ Path, Value string }

// isText reports whether a JSON object is a secretariat.Text.
func isText(m map[string]any) bool {
	if len(m) == 0 {
		return false
	}
	for k := range m {
		if k != "ru" && k != "en" && k != "authentic" {
			return false
		}
	}
	_, ru := m["ru"]
	_, en := m["en"]
	return ru || en
}

// textIn picks a Text object's form in lang.
func textIn(m map[string]any, lang secretariat.Lang) string {
	ru, _ := m["ru"].(string)
	en, _ := m["en"].(string)
	return secretariat.Text{RU: ru, EN: en}.In(lang)
}

// Scalar renders a JSON value that is not a container.
func Scalar(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case bool:
		return strconv.FormatBool(x)
	case float64:
		return secretariat.FormatValue(x)
	case json.Number:
		return x.String()
	}
	return fmt.Sprint(v)
}

// YesNo says a yes-or-no value in words: a reader is not told "true".
func YesNo(b bool, lang secretariat.Lang) string {
	if b {
		return secretariat.T("да", "yes").In(lang)
	}
	return secretariat.T("нет", "no").In(lang)
}

// Word renders a scalar value of a record of kind, at path, for a reader: a value of an
// enumeration by its label (see Label), yes or no in words, any other value as Scalar.
func Word(kind, path string, v any, lang secretariat.Lang) string {
	switch x := v.(type) {
	case bool:
		return YesNo(x, lang)
	case string:
		return Label(kind, path, x, lang)
	}
	return Scalar(v)
}

// Flatten turns a decoded document into path/value lines for people: texts in one
// language, lists of scalars joined, nested objects as dotted paths.
func Flatten(v any, prefix string, lang secretariat.Lang, out *[]Field) {
	flatten("", v, prefix, lang, out)
}

// FlattenRecord is Flatten for a record of kind, whose values reach people as words:
// the values of its enumerations by their labels, yes or no for a yes-or-no value.
func FlattenRecord(kind string, v any, lang secretariat.Lang) []Field {
	var out []Field
	flatten(kind, v, "", lang, &out)
	return out
}

// flatten is Flatten; with a kind, scalars are said as Word says them, and without one
// as they are stored (Show's cells, which their callers label).
func flatten(kind string, v any, prefix string, lang secretariat.Lang, out *[]Field) {
	scalar := func(e any) string {
		if kind == "" {
			return Scalar(e)
		}
		return Word(kind, prefix, e, lang)
	}
	switch x := v.(type) {
	case map[string]any:
		if isText(x) {
			*out = append(*out, Field{prefix, textIn(x, lang)})
			return
		}
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			p := k
			if prefix != "" {
				p = prefix + "." + k
			}
			flatten(kind, x[k], p, lang, out)
		}
	case []any:
		simple := true
		for _, e := range x {
			if _, ok := e.(map[string]any); ok {
				simple = false
			}
		}
		if simple {
			parts := make([]string, len(x))
			for i, e := range x {
				parts[i] = scalar(e)
			}
			*out = append(*out, Field{prefix, strings.Join(parts, ", ")})
			return
		}
		for i, e := range x {
			flatten(kind, e, fmt.Sprintf("%s[%d]", prefix, i), lang, out)
		}
	default:
		*out = append(*out, Field{prefix, scalar(v)})
	}
}

// Decode decodes a JSON document for Flatten and Lookup.
func Decode(doc []byte) (any, error) {
	var v any
	if err := json.Unmarshal(doc, &v); err != nil {
		return nil, fmt.Errorf("decoding a record: %w", err)
	}
	return v, nil
}

// Lookup returns the value at a dotted path of a decoded document.
func Lookup(v any, path string) any {
	for _, p := range strings.Split(path, ".") {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[p]
	}
	return v
}

// Show renders the value at a path as one cell.
func Show(v any, path string, lang secretariat.Lang) string {
	x := Lookup(v, path)
	var fs []Field
	Flatten(x, "", lang, &fs)
	parts := make([]string, 0, len(fs))
	for _, f := range fs {
		if f.Value != "" {
			parts = append(parts, f.Value)
		}
	}
	return strings.Join(parts, "; ")
}
