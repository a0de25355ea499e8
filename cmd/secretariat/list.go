package main

import (
	"encoding/json"
	"fmt"
	"secretariat/internal/present"
	"strings"
	"text/tabwriter"

	"secretariat"
	"secretariat/internal/store"
)

func init() {
	register(command{name: "list", summary: "list records of a kind, with --where filters: a table for people, --json for scripts", run: runList})
}

// column is one column of a listing: a header and how to get the cell from a document.
type column struct {
	header string
	cell   func(doc any, lang secretariat.Lang) string
}

// path is a column showing a field; kind names the records, so that enumerated values
// show their labels in the reader's language.
func path(header, p string) column {
	return column{header, func(doc any, lang secretariat.Lang) string {
		if s, ok := present.Lookup(doc, p).(string); ok {
			return present.Label(listKind, p, s, lang)
		}
		return present.Show(doc, p, lang)
	}}
}

// listKind is the kind being listed, for path's labels.
var listKind string

func tally(doc any, _ secretariat.Lang) string {
	t, ok := present.Lookup(doc, "outcome.tally").(map[string]any)
	if !ok {
		return ""
	}
	return fmt.Sprintf("%s join, %s res, %s abst, %s n-i, %s obj, %s abs",
		present.Scalar(t["joins"]), present.Scalar(t["joins_with_reservation"]), present.Scalar(t["abstains"]),
		present.Scalar(t["non_interest"]), present.Scalar(t["objects"]), present.Scalar(t["absent"]))
}

func amount(doc any, lang secretariat.Lang) string {
	q := present.Scalar(present.Lookup(doc, "qualifier"))
	prefix := ""
	if q != string(secretariat.Exact) {
		prefix = secretariat.EnumQualifier.In(q, lang) + " "
	}
	unit := present.Scalar(present.Lookup(doc, "unit"))
	if unit == "count" {
		unit = ""
	} else {
		unit = " " + secretariat.EnumUnit.In(unit, lang)
	}
	return prefix + present.Scalar(present.Lookup(doc, "value")) + unit
}

// coverage says what a figure covers: its operation, the operations it covers together,
// or the whole programme.
func coverage(doc any, lang secretariat.Lang) string {
	switch secretariat.FigureScope(present.Scalar(present.Lookup(doc, "scope"))) {
	case secretariat.ScopeProgramme:
		return secretariat.EnumFigureScope.In(string(secretariat.ScopeProgramme), lang)
	case secretariat.ScopeOperations:
		return present.Show(doc, "operations", lang)
	}
	return present.Scalar(present.Lookup(doc, "operation"))
}

func figurePeriod(doc any, lang secretariat.Lang) string {
	switch {
	case present.Scalar(present.Lookup(doc, "stage")) != "":
		return label(lang, "stage ", "этап ") + present.Scalar(present.Lookup(doc, "stage"))
	case present.Scalar(present.Lookup(doc, "year")) != "":
		return present.Scalar(present.Lookup(doc, "year"))
	default:
		s := label(lang, "since ", "с ") + present.Scalar(present.Lookup(doc, "since"))
		if asOf := present.Scalar(present.Lookup(doc, "as_of")); asOf != "" {
			s += label(lang, " as of ", " на ") + asOf
		}
		return s
	}
}

func latestLevel(doc any, lang secretariat.Lang) string {
	as, _ := present.Lookup(doc, "assessments").([]any)
	if len(as) == 0 {
		return ""
	}
	last := as[len(as)-1]
	trend := present.Scalar(present.Lookup(last, "trend"))
	return present.Scalar(present.Lookup(last, "level")) + " " + secretariat.EnumTrend.In(trend, lang) + " (" + present.Scalar(present.Lookup(last, "date")) + ")"
}

func responsible(doc any, lang secretariat.Lang) string {
	r := present.Lookup(doc, "responsible")
	kind := present.Scalar(present.Lookup(r, "kind"))
	switch kind {
	case "body":
		return present.Scalar(present.Lookup(r, "body"))
	case "states":
		return present.Show(r, "states", lang)
	}
	return secretariat.EnumResponsibleKind.In(kind, lang)
}

func illustrativeMark(doc any, lang secretariat.Lang) string {
	if b, _ := present.Lookup(doc, "illustrative").(bool); b {
		return label(lang, "illustrative", "иллюстративно")
	}
	return ""
}

// columns gives each kind's listing; kinds not named list ID and the first text.
var columns = map[string][]column{
	"organization": {path("ID", "id"), path("NAME", "name")},
	"source":       {path("ID", "id"), path("CLASS", "class"), path("DATE", "date"), path("TITLE", "title")},
	"state":        {path("ID", "id"), path("CODE", "code"), path("NAME", "name")},
	"body":         {path("ID", "id"), path("KIND", "kind"), path("SHORT", "short"), path("NAME", "name")},
	"session":      {path("ID", "id"), path("BODY", "body"), path("DATE", "date"), path("KIND", "kind"), path("PLACE", "place"), {"", illustrativeMark}},
	"chairmanship": {path("ID", "id"), path("BODY", "body"), path("STATE", "state"), path("FROM", "from"), path("UNTIL", "until")},
	"draft":        {path("ID", "id"), path("BODY", "body"), path("TITLE", "title")},
	"item":         {path("ID", "id"), path("DATE", "date"), path("NO", "number"), path("KIND", "kind"), path("RESULT", "outcome.result"), {"TALLY", tally}, path("TITLE", "title"), {"", illustrativeMark}},
	"position":     {path("ITEM", "item"), path("STATE", "state"), path("STANCE", "stance"), {"", illustrativeMark}},
	"decision":     {path("ID", "id"), path("DATE", "date"), path("KIND", "kind"), path("TITLE", "title"), {"", illustrativeMark}},
	"task":         {path("ID", "id"), path("STATUS", "status"), path("DUE", "due"), {"RESPONSIBLE", responsible}, path("TEXT", "text"), {"", illustrativeMark}},
	"report":       {path("ID", "id"), path("TASK", "task"), path("DATE", "date"), path("PROGRESS", "progress"), path("SPEAKS FOR", "speaks_for")},
	"area":         {path("ID", "id"), path("ISO", "iso"), path("NAME", "name")},
	"operation":    {path("ID", "id"), path("CODE NAME", "code_name"), path("SINCE", "since"), path("MANDATE", "mandate")},
	"threat":       {path("ID", "id"), path("CATEGORY", "category"), {"LEVEL", latestLevel}, path("NAME", "name")},
	"figure":       {path("ID", "id"), {"COVERS", coverage}, {"PERIOD", figurePeriod}, path("STATE", "state"), path("METRIC", "metric"), {"AMOUNT", amount}, path("SOURCE", "source"), {"", illustrativeMark}},
	"publication":  {path("ID", "id"), path("DATE", "date"), path("KIND", "kind"), path("SECTION", "section"), path("TITLE", "title")},
}

type whereFlags []string

func (w *whereFlags) String() string     { return strings.Join(*w, ",") }
func (w *whereFlags) Set(s string) error { *w = append(*w, s); return nil }

func runList(e *env, args []string) error {
	f := newFlags(e, "list", "KIND [--where field=value ...] [--json] [--limit N] [--as-of DATE]").withJSON().withAsOf().withViewer().withLang()
	var where whereFlags
	f.Var(&where, "where", "keep records whose field equals value (repeatable); a list field must contain the value")
	limit := f.Int("limit", 0, "show at most N records (0: all)")
	offset := f.Int("offset", 0, "skip the first N records")
	var filter store.Filter
	pos, st, err := f.start(args, 1, 1, func(pos []string) error {
		// Read once the flags are parsed: before, they hold their defaults.
		filter.Limit, filter.Offset = *limit, *offset
		if err := checkKind(pos[0]); err != nil {
			return err
		}
		for _, w := range where {
			c, err := store.ParseCond(w)
			if err != nil {
				return usagef("--where: %s", secretariat.ErrorMessage(err))
			}
			filter.Where = append(filter.Where, c)
		}
		return nil
	})
	if err != nil {
		return err
	}
	defer st.Close()
	kind := pos[0]
	listKind = kind
	docs, total, err := st.Find(e.ctx, f.reader(), kind, filter)
	if err != nil {
		if secretariat.ErrorCode(err) == secretariat.EINVALID && len(filter.Where) > 0 {
			return usagef("%s", secretariat.ErrorMessage(err))
		}
		return err
	}
	if f.json {
		return writeJSON(e.stdout, struct {
			Kind  string            `json:"kind"`
			Total int               `json:"total"`
			Items []json.RawMessage `json:"items"`
		}{kind, total, nonNil(docs)})
	}
	cols := columns[kind]
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	headers := make([]string, len(cols))
	for i, c := range cols {
		headers[i] = c.header
	}
	fmt.Fprintln(tw, strings.Join(headers, "\t"))
	for _, d := range docs {
		v, err := present.Decode(d)
		if err != nil {
			return err
		}
		cells := make([]string, len(cols))
		for i, c := range cols {
			cells[i] = oneLine(c.cell(v, f.language()), 70)
		}
		fmt.Fprintln(tw, strings.Join(cells, "\t"))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	// The noun agrees with the total in English ("1 of 1 session record"); the Russian
	// names the kind first, so that the count agrees with its noun alone.
	k, _ := secretariat.LookupKind(kind)
	fmt.Fprintln(e.stderr, label(f.language(),
		fmt.Sprintf("%d of %d %s %s", len(docs), total, kind, secretariat.PluralEN(total, "record", "records")),
		fmt.Sprintf("%s: %d %s из %d", k.Title.In(secretariat.RU), len(docs), secretariat.PluralRU(len(docs), "запись", "записи", "записей"), total)))
	return nil
}

func nonNil(docs []json.RawMessage) []json.RawMessage {
	if docs == nil {
		return []json.RawMessage{}
	}
	return docs
}
