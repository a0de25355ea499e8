package main

import (
	"encoding/json"
	"fmt"
	"io"
	"secretariat/internal/present"
	"strings"
	"text/tabwriter"

	"secretariat"
	"secretariat/internal/store"
)

func init() {
	register(command{name: "get", summary: "show one record (with what the record knows about it): text for people, --json for scripts", run: runGet})
}

func runGet(e *env, args []string) error {
	f := newFlags(e, "get", "KIND ID [--json] [--as-of DATE]").withJSON().withAsOf().withViewer().withLang()
	pos, st, err := f.start(args, 2, 2, kindAndID)
	if err != nil {
		return err
	}
	defer st.Close()
	kind, id := pos[0], pos[1]
	view, err := st.View(e.ctx, f.reader(), kind, id)
	if err != nil {
		return err
	}
	if f.json {
		return writeJSON(e.stdout, view)
	}
	raw, err := recordJSON(kind, view)
	if err != nil {
		return err
	}
	root, err := present.DecodeOrdered(raw)
	if err != nil {
		return err
	}
	return printRecord(e, st, kind, id, root, f.language())
}

// recordJSON gives the view as JSON with the record's fields in the order its type
// declares them (a stored document has its keys sorted).
func recordJSON(kind string, view any) ([]byte, error) {
	if doc, ok := view.(json.RawMessage); ok {
		k, _ := secretariat.LookupKind(kind)
		rec := k.New()
		if err := json.Unmarshal(doc, rec); err != nil {
			return nil, fmt.Errorf("decoding %s: %w", kind, err)
		}
		view = rec
	}
	return json.Marshal(view)
}

// printRecord shows any record in one layout: its kind and ID, its title, every field in
// full (texts in the reader's language, enumerations by their labels, lists of like
// objects as tables), what the record knows about it (a view's other parts), and the
// sources it cites, by title.
func printRecord(e *env, st *store.Store, kind, id string, root present.Node, lang secretariat.Lang) error {
	w := e.stdout
	record, extras := root, []present.Node(nil)
	if rec, ok := root.Get(kind); ok && rec.IsObject() {
		record = rec
		for _, n := range root.Object {
			if n.Key != kind && n.Key != "sources" {
				extras = append(extras, n)
			}
		}
	}
	k, _ := secretariat.LookupKind(kind)
	fmt.Fprintf(w, "%s %s\n", k.Title.In(lang), id)
	for _, key := range []string{"title", "name", "code_name", "text"} {
		if n, ok := record.Get(key); ok {
			if t, ok := present.TextOf(n, lang); ok {
				fmt.Fprintf(w, "%s\n", t)
				break
			}
		}
	}
	fmt.Fprintln(w)
	p := &fieldPrinter{w: w, kind: kind, lang: lang}
	p.object(record, "")
	p.flush()
	if len(extras) > 0 {
		fmt.Fprintf(w, "\n%s\n", label(lang, "What the record knows about it", "Что еще известно по записи"))
		for _, n := range extras {
			// A part of the view that is a record of its own (an item's decision) is
			// labelled as that kind.
			p.kind, p.prefix = "", ""
			if _, ok := secretariat.LookupKind(n.Key); ok && n.IsObject() {
				p.kind, p.prefix = n.Key, n.Key+"."
			}
			p.node(n, n.Key)
		}
		p.flush()
	}
	ids := map[string]bool{}
	var order []string
	collectSources(root, ids, &order)
	if len(order) == 0 {
		return nil
	}
	fmt.Fprintf(w, "\n%s\n", label(lang, "Sources", "Источники"))
	for _, sid := range order {
		src, err := store.FindByID[secretariat.Source](e.ctx, st, secretariat.Anonymous, sid)
		if err != nil {
			return err
		}
		line := "  - " + src.Title.In(lang)
		var about []string
		if src.Publisher != "" {
			about = append(about, src.Publisher)
		}
		if !src.Date.IsZero() {
			about = append(about, src.Date.String())
		}
		about = append(about, secretariat.EnumSourceClass.In(string(src.Class), lang))
		line += ". " + strings.Join(about, ", ") + "."
		switch {
		case src.URL != "":
			line += " " + src.URL
		case src.Ref != "":
			line += " " + src.Ref + "."
		}
		if note := src.Note.In(lang); note != "" {
			line += " " + note
		}
		fmt.Fprintf(w, "%s  [%s]\n", line, src.ID)
	}
	return nil
}

func label(lang secretariat.Lang, en, ru string) string {
	if lang == secretariat.RU {
		return ru
	}
	return en
}

// collectSources gathers, in order, the IDs of the sources a document cites.
func collectSources(n present.Node, seen map[string]bool, order *[]string) {
	add := func(v any) {
		if s, ok := v.(string); ok && s != "" && !seen[s] {
			seen[s] = true
			*order = append(*order, s)
		}
	}
	for _, f := range n.Object {
		switch {
		case (f.Key == "sources" || f.Key == "statement_sources") && f.IsList():
			for _, it := range f.List {
				add(it.Scalar)
			}
			continue
		case f.Key == "source" && !f.IsObject() && !f.IsList():
			add(f.Scalar)
			continue
		case f.Key == "sources" && f.IsObject():
			continue // a view's map of the sources it already cites by ID
		}
		collectSources(f, seen, order)
	}
	for _, it := range n.List {
		collectSources(it, seen, order)
	}
}

// fieldPrinter writes path/value lines, aligned, and tables for lists of like objects.
type fieldPrinter struct {
	w    io.Writer
	tw   *tabwriter.Writer
	kind string
	// prefix is the path of the record of kind within the view, cut before labelling.
	prefix string
	lang   secretariat.Lang
}

func (p *fieldPrinter) line(path, value string) {
	if p.tw == nil {
		p.tw = tabwriter.NewWriter(p.w, 0, 4, 2, ' ', 0)
	}
	lines := strings.Split(strings.TrimRight(value, "\n"), "\n")
	fmt.Fprintf(p.tw, "%s\t%s\n", path, lines[0])
	for _, l := range lines[1:] {
		fmt.Fprintf(p.tw, "\t%s\n", l)
	}
}

func (p *fieldPrinter) flush() {
	if p.tw != nil {
		p.tw.Flush()
		p.tw = nil
	}
}

// scalar says a value as a reader is told it: by its label, or in words.
func (p *fieldPrinter) scalar(path string, v any) string {
	if p.kind != "" {
		path = strings.TrimPrefix(path, p.prefix)
	}
	return present.Word(p.kind, path, v, p.lang)
}

func (p *fieldPrinter) object(n present.Node, prefix string) {
	for _, f := range n.Object {
		path := f.Key
		if prefix != "" {
			path = prefix + "." + f.Key
		}
		p.node(f, path)
	}
}

func (p *fieldPrinter) node(n present.Node, path string) {
	if t, ok := present.TextOf(n, p.lang); ok {
		p.line(path, t)
		return
	}
	switch {
	case n.IsObject():
		p.object(n, path)
	case n.IsList():
		if len(n.List) == 0 {
			return
		}
		if cols, ok := tableColumns(n.List, p.lang); ok {
			p.table(path, n.List, cols)
			return
		}
		simple := true
		for _, it := range n.List {
			if it.IsObject() || it.IsList() {
				simple = false
			}
		}
		if simple {
			parts := make([]string, len(n.List))
			for i, it := range n.List {
				parts[i] = p.scalar(path, it.Scalar)
			}
			p.line(path, strings.Join(parts, ", "))
			return
		}
		for i, it := range n.List {
			p.node(it, fmt.Sprintf("%s[%d]", path, i))
		}
	default:
		if s := p.scalar(path, n.Scalar); s != "" {
			p.line(path, s)
		}
	}
}

// tableColumns returns the columns of a list whose items are all objects of scalars and
// texts: such a list reads best as a table.
func tableColumns(items []present.Node, lang secretariat.Lang) ([]string, bool) {
	var cols []string
	seen := map[string]bool{}
	for _, it := range items {
		if !it.IsObject() {
			return nil, false
		}
		for _, f := range it.Object {
			if _, isText := present.TextOf(f, lang); f.IsObject() && !isText || f.IsList() && !scalarList(f) {
				return nil, false
			}
			if !seen[f.Key] {
				seen[f.Key] = true
				cols = append(cols, f.Key)
			}
		}
	}
	return cols, len(items) > 1 && len(cols) > 1
}

func scalarList(n present.Node) bool {
	for _, it := range n.List {
		if it.IsObject() || it.IsList() {
			return false
		}
	}
	return true
}

func (p *fieldPrinter) table(path string, items []present.Node, cols []string) {
	p.flush()
	fmt.Fprintf(p.w, "%s:\n", path)
	tw := tabwriter.NewWriter(p.w, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "  %s\n", strings.ToUpper(strings.Join(cols, "\t")))
	for _, it := range items {
		cells := make([]string, len(cols))
		for i, c := range cols {
			f, ok := it.Get(c)
			if !ok {
				continue
			}
			switch {
			case f.IsList():
				var parts []string
				for _, x := range f.List {
					parts = append(parts, p.scalar(path+"."+c, x.Scalar))
				}
				cells[i] = strings.Join(parts, ", ")
			default:
				if t, ok := present.TextOf(f, p.lang); ok {
					cells[i] = strings.Join(strings.Fields(t), " ")
				} else {
					cells[i] = p.scalar(path+"."+c, f.Scalar)
				}
			}
		}
		fmt.Fprintf(tw, "  %s\n", strings.Join(cells, "\t"))
	}
	tw.Flush()
}
