package main

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"

	"secretariat"
)

// field is one flattened value of a document: a dotted path and its text.
type field struct{ path, value string }

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

// scalar renders a JSON value that is not a container.
func scalar(v any) string {
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

// flatten turns a decoded document into path/value lines for people: texts in one
// language, lists of scalars joined, nested objects as dotted paths.
func flatten(v any, prefix string, lang secretariat.Lang, out *[]field) {
	switch x := v.(type) {
	case map[string]any:
		if isText(x) {
			*out = append(*out, field{prefix, textIn(x, lang)})
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
			flatten(x[k], p, lang, out)
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
			*out = append(*out, field{prefix, strings.Join(parts, ", ")})
			return
		}
		for i, e := range x {
			flatten(e, fmt.Sprintf("%s[%d]", prefix, i), lang, out)
		}
	default:
		*out = append(*out, field{prefix, scalar(v)})
	}
}

func decode(doc []byte) (any, error) {
	var v any
	if err := json.Unmarshal(doc, &v); err != nil {
		return nil, fmt.Errorf("decoding a record: %w", err)
	}
	return v, nil
}

// lookup returns the value at a dotted path of a decoded document.
func lookup(v any, path string) any {
	for _, p := range strings.Split(path, ".") {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[p]
	}
	return v
}

// show renders the value at a path as one cell.
func show(v any, path string, lang secretariat.Lang) string {
	x := lookup(v, path)
	var fs []field
	flatten(x, "", lang, &fs)
	parts := make([]string, 0, len(fs))
	for _, f := range fs {
		if f.value != "" {
			parts = append(parts, f.value)
		}
	}
	return strings.Join(parts, "; ")
}

// writeJSON writes v as indented JSON.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// writeFields writes path: value lines.
func writeFields(w io.Writer, fs []field) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	for _, f := range fs {
		if f.value == "" {
			continue
		}
		fmt.Fprintf(tw, "%s\t%s\n", f.path, oneLine(f.value, 160))
	}
	return tw.Flush()
}

// oneLine flattens newlines and cuts a value to n runes for a table cell.
func oneLine(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}
