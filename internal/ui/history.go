package ui

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strconv"

	"secretariat"
	"secretariat/internal/present"
	"secretariat/internal/store"
	"secretariat/internal/textdiff"
)

// HistoryPage is a record's journal trail: every entry that wrote it, and the
// difference between two of its versions.
type HistoryPage struct {
	*Base
	Kind, ID string
	Name     string
	Entries  []store.HistoryEntry
	// From and To are the journal entries compared; Changes what differs.
	From, To int64
	Changes  []FieldChange
}

// FieldChange is one field that differs between two versions of a record.
type FieldChange struct {
	Path     string
	Old, New string
	// Words is the word-level difference of a long text.
	Words []textdiff.Op
}

// Insert and Delete tell a template the kinds of a word difference.
func (c FieldChange) Insert(op textdiff.Op) bool { return op.Kind == textdiff.Insert }

// Delete reports whether op is a deletion.
func (c FieldChange) Delete(op textdiff.Op) bool { return op.Kind == textdiff.Delete }

func (a *App) history(w http.ResponseWriter, r *http.Request) error {
	ctx, v, kind, id := r.Context(), viewer(r), r.PathValue("kind"), r.PathValue("id")
	if _, ok := secretariat.LookupKind(kind); !ok {
		return secretariat.Errorf(secretariat.ENOTFOUND, "%q is not a kind of record", kind)
	}
	entries, err := a.st.History(ctx, v, kind, id)
	if err != nil {
		return err
	}
	b, err := a.base(r, "", "")
	if err != nil {
		return err
	}
	p := &HistoryPage{Base: b, Kind: kind, ID: id, Entries: entries}
	if p.Name, err = a.recordTitle(ctx, v, b, kind, id); err != nil {
		return err
	}
	b.Title = b.T("History") + ": " + p.Name
	if len(entries) > 1 {
		q := r.URL.Query()
		p.From, p.To = entries[len(entries)-2].Seq, entries[len(entries)-1].Seq
		if s := q.Get("from"); s != "" {
			if p.From, err = strconv.ParseInt(s, 10, 64); err != nil {
				return secretariat.Errorf(secretariat.EINVALID, "%q is not a journal entry", s)
			}
		}
		if s := q.Get("to"); s != "" {
			if p.To, err = strconv.ParseInt(s, 10, 64); err != nil {
				return secretariat.Errorf(secretariat.EINVALID, "%q is not a journal entry", s)
			}
		}
		var from, to json.RawMessage
		for _, e := range entries {
			if e.Seq == p.From {
				from = e.Doc
			}
			if e.Seq == p.To {
				to = e.Doc
			}
		}
		if from == nil || to == nil {
			return secretariat.Errorf(secretariat.ENOTFOUND, "entries %d and %d are not both versions of %s %s", p.From, p.To, kind, id)
		}
		if p.Changes, err = diffDocs(from, to, b.yesNo); err != nil {
			return err
		}
	}
	return a.render(w, r, http.StatusOK, "history.html", p)
}

// yesNo says a yes-or-no field's value in the reader's language: a history page is
// read by officers and auditors, not by programmers, so "true" would not do.
func (b *Base) yesNo(v bool) string {
	if v {
		return b.T("yes")
	}
	return b.T("no")
}

// diffDocs compares two versions of a record field by field; long texts get a word
// difference, and yes-or-no fields are said with sayBool.
func diffDocs(a, b json.RawMessage, sayBool func(bool) string) ([]FieldChange, error) {
	fa, err := flattenDoc(a, sayBool)
	if err != nil {
		return nil, err
	}
	fb, err := flattenDoc(b, sayBool)
	if err != nil {
		return nil, err
	}
	var paths []string
	for p := range fa {
		paths = append(paths, p)
	}
	for p := range fb {
		if _, ok := fa[p]; !ok {
			paths = append(paths, p)
		}
	}
	slices.Sort(paths)
	var out []FieldChange
	for _, p := range paths {
		if fa[p] == fb[p] {
			continue
		}
		c := FieldChange{Path: p, Old: fa[p], New: fb[p]}
		if len(c.Old) > 80 && len(c.New) > 80 {
			c.Words = textdiff.Words(c.Old, c.New)
		}
		out = append(out, c)
	}
	return out, nil
}

// flattenDoc turns a document into path → value, keeping both languages of every text.
func flattenDoc(doc json.RawMessage, sayBool func(bool) string) (map[string]string, error) {
	v, err := present.Decode(doc)
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	var walk func(v any, path string)
	walk = func(v any, path string) {
		join := func(k string) string {
			if path == "" {
				return k
			}
			return path + "." + k
		}
		switch x := v.(type) {
		case map[string]any:
			for k, e := range x {
				walk(e, join(k))
			}
		case []any:
			for i, e := range x {
				walk(e, fmt.Sprintf("%s[%d]", path, i))
			}
		case bool:
			out[path] = sayBool(x)
		default:
			out[path] = present.Scalar(v)
		}
	}
	walk(v, "")
	return out, nil
}

// VerbName names a journal verb for people.
func (b *Base) VerbName(verb string) string { return b.Label("verb", verb) }
