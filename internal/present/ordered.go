package present

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"secretariat"
)

// Node is a JSON value that keeps its object's keys in the order of the document, so that
// a record reads in the order its type declares its fields.
type Node struct {
	// Key is the member's name in its object; empty for list items and the root.
	Key string
	// Scalar holds a string, json.Number, bool or nil; Object and List hold the rest.
	Scalar any
	Object []Node
	List   []Node
	kind   byte // 's' scalar, 'o' object, 'l' list
}

// IsObject reports whether the node is a JSON object.
func (n Node) IsObject() bool { return n.kind == 'o' }

// IsList reports whether the node is a JSON array.
func (n Node) IsList() bool { return n.kind == 'l' }

// Get returns the member of an object with the key.
func (n Node) Get(key string) (Node, bool) {
	for _, f := range n.Object {
		if f.Key == key {
			return f, true
		}
	}
	return Node{}, false
}

// DecodeOrdered decodes JSON keeping the order of object members.
func DecodeOrdered(data []byte) (Node, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	n, err := decodeNode(dec)
	if err != nil {
		return Node{}, fmt.Errorf("decoding a record: %w", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return Node{}, fmt.Errorf("decoding a record: trailing data")
	}
	return n, nil
}

func decodeNode(dec *json.Decoder) (Node, error) {
	tok, err := dec.Token()
	if err != nil {
		return Node{}, err
	}
	switch t := tok.(type) {
	case json.Delim:
		switch t {
		case '{':
			n := Node{kind: 'o', Object: []Node{}}
			for dec.More() {
				kt, err := dec.Token()
				if err != nil {
					return Node{}, err
				}
				key, _ := kt.(string)
				v, err := decodeNode(dec)
				if err != nil {
					return Node{}, err
				}
				v.Key = key
				n.Object = append(n.Object, v)
			}
			_, err := dec.Token()
			return n, err
		case '[':
			n := Node{kind: 'l', List: []Node{}}
			for dec.More() {
				v, err := decodeNode(dec)
				if err != nil {
					return Node{}, err
				}
				n.List = append(n.List, v)
			}
			_, err := dec.Token()
			return n, err
		}
		return Node{}, fmt.Errorf("unexpected %v", t)
	}
	return Node{kind: 's', Scalar: tok}, nil
}

// TextOf returns the node's text in lang when it is a secretariat.Text.
func TextOf(n Node, lang secretariat.Lang) (string, bool) {
	if !n.IsObject() || len(n.Object) == 0 {
		return "", false
	}
	var t secretariat.Text
	for _, f := range n.Object {
		s, _ := f.Scalar.(string)
		switch f.Key {
		case "ru":
			t.RU = s
		case "en":
			t.EN = s
		case "authentic":
		default:
			return "", false
		}
	}
	if t.IsZero() {
		return "", false
	}
	return t.In(lang), true
}

// fieldBySuffix maps the end of a field's path, of one or more of its parts ("stance",
// "outcome.kind"), to its enumeration when every kind that has a field ending so holds
// the same enumeration in it, so that the values of views (a positions grid, a history,
// the outcome a decision's view borrows from its item) are labelled too.
var fieldBySuffix = func() map[string]secretariat.Enum {
	out := map[string]secretariat.Enum{}
	ambiguous := map[string]bool{}
	for _, k := range secretariat.Kinds() {
		for _, path := range k.Fields() {
			e, ok := secretariat.FieldEnum(k.Name, path)
			if !ok {
				continue
			}
			parts := strings.Split(path, ".")
			for i := range parts {
				suffix := strings.Join(parts[i:], ".")
				if prev, seen := out[suffix]; seen && prev != e {
					ambiguous[suffix] = true
				}
				out[suffix] = e
			}
		}
	}
	for suffix := range ambiguous {
		delete(out, suffix)
	}
	return out
}()

// Label returns the label, in lang, of a value of the field at path of a record of kind
// ("status" of a task: "выполняется"), or the value itself when the field holds no
// enumeration the table knows. A path outside the kind's own fields is matched by its
// longest end that is unambiguous, or else, when its last part is the name of an
// enumeration and the value one of its values, by that: the totals of an operation's
// view hold a "basis", which no kind has.
func Label(kind, path, value string, lang secretariat.Lang) string {
	if e, ok := secretariat.FieldEnum(kind, path); ok {
		return e.In(value, lang)
	}
	parts := strings.Split(withoutIndexes(path), ".")
	for i := range parts {
		if e, ok := fieldBySuffix[strings.Join(parts[i:], ".")]; ok {
			return e.In(value, lang)
		}
	}
	if l, ok := secretariat.Enum(parts[len(parts)-1]).Label(value); ok {
		return l.In(lang)
	}
	return value
}

// withoutIndexes drops the list indexes of a path: "rules[0].method" is "rules.method".
func withoutIndexes(path string) string {
	var b strings.Builder
	depth := 0
	for _, r := range path {
		switch {
		case r == '[':
			depth++
		case r == ']':
			depth--
		case depth == 0:
			b.WriteRune(r)
		}
	}
	return b.String()
}
