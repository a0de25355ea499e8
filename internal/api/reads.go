package api

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"time"

	"secretariat"
	"secretariat/internal/present"
	"secretariat/internal/report"
	"secretariat/internal/search"
	"secretariat/internal/store"
)

// Page sizes of listings.
const (
	DefaultLimit = 50
	MaxLimit     = 500
)

// ListAnswer is a page of a kind's records.
type ListAnswer struct {
	Kind string `json:"kind"`
	// Total is how many records match, on every page.
	Total int               `json:"total"`
	Items []json.RawMessage `json:"items"`
	// Next is the cursor of the next page; absent on the last.
	Next string `json:"next,omitempty"`
	// Labels, with lang, give each record's title and enumerated values in that
	// language, in the order of items.
	Labels []map[string]string `json:"labels,omitempty"`
}

// GetAnswer is one record: its view (the record, or for some kinds the record with
// what belongs to it) and its version, which is also the ETag.
type GetAnswer struct {
	Kind    string `json:"kind"`
	ID      string `json:"id"`
	Version int64  `json:"version"`
	Data    any    `json:"data"`
	// Labels, with lang, give the record's title and enumerated values in that language.
	Labels map[string]string `json:"labels,omitempty"`
}

// cursor is where a listing's next page starts. It is opaque to clients: base64 of this
// JSON, bound to the listing it came from.
type cursor struct {
	Offset int    `json:"o"`
	Seq    int64  `json:"s"`
	Filter string `json:"f"`
}

func listRoute(kind string) route {
	return route{method: "GET", path: Prefix + "/" + plural[kind], op: "list_" + plural[kind], tag: kind,
		summary: "List " + plural[kind] + ", filtered and a page at a time", list: kind,
		params: []param{pWhere, pLimit, pCursor, pAsOf, pLang},
		read:   func(c *call) (any, error) { return list(c, kind) }}
}

func list(c *call, kind string) (any, error) {
	q := c.r.URL.Query()
	var f store.Filter
	for _, w := range q["where"] {
		cond, err := store.ParseCond(w)
		if err != nil {
			return nil, &apiError{code: codeInvalid, message: secretariat.ErrorMessage(err), fields: map[string]string{"where": "field=value"}}
		}
		f.Where = append(f.Where, cond)
	}
	f.Limit = DefaultLimit
	if s := q.Get("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 {
			return nil, &apiError{code: codeInvalid, message: fmt.Sprintf("limit %q is not a positive number", s), fields: map[string]string{"limit": "a number from 1 to 500"}}
		}
		f.Limit = min(n, MaxLimit)
	}
	key := filterKey(kind, q["where"])
	st := c.st
	if s := q.Get("cursor"); s != "" {
		cur, err := decodeCursor(s, key)
		if err != nil {
			return nil, err
		}
		f.Offset = cur.Offset
		st = c.a.st.AsOfEntry(cur.Seq)
	}
	head, _, err := st.Head(c.ctx())
	if err != nil {
		return nil, err
	}
	docs, total, err := st.Find(c.ctx(), c.viewer(), kind, f)
	if err != nil {
		return nil, err
	}
	out := ListAnswer{Kind: kind, Total: total, Items: docs}
	if out.Items == nil {
		out.Items = []json.RawMessage{}
	}
	if f.Offset+len(docs) < total && len(docs) > 0 {
		out.Next = encodeCursor(cursor{Offset: f.Offset + len(docs), Seq: head, Filter: key})
	}
	if c.lang != "" {
		for _, d := range docs {
			l, err := labels(kind, d, c.lang)
			if err != nil {
				return nil, err
			}
			out.Labels = append(out.Labels, l)
		}
	}
	return out, nil
}

// filterKey binds a cursor to its listing.
func filterKey(kind string, where []string) string {
	sum := sha256.Sum256([]byte(kind + "\x00" + strings.Join(where, "\x00")))
	return hex.EncodeToString(sum[:8])
}

func encodeCursor(c cursor) string {
	b, _ := json.Marshal(c)
	return base64.RawURLEncoding.EncodeToString(b)
}

func decodeCursor(s, key string) (cursor, error) {
	bad := &apiError{code: codeInvalid, message: "the cursor is not one this listing gave: start from the first page, or pass the next field of the page before with the same where",
		fields: map[string]string{"cursor": "not a cursor of this listing"}}
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil || len(b) > 200 {
		return cursor{}, bad
	}
	var c cursor
	if err := json.Unmarshal(b, &c); err != nil || c.Filter != key || c.Offset < 0 || c.Seq < 0 {
		return cursor{}, bad
	}
	return c, nil
}

func getRoute(kind string) route {
	out := recordType(kind)
	if vt, ok := viewTypes[kind]; ok {
		out = vt
	}
	summary := "Read one " + kind
	if _, ok := viewTypes[kind]; ok {
		summary += ", with what belongs to it"
	}
	return route{method: "GET", path: Prefix + "/" + plural[kind] + "/{id}", op: "get_" + kind, tag: kind,
		summary: summary, out: out, etag: true, params: []param{pAsOf, pLang},
		primary: kind, read: func(c *call) (any, error) { return get(c, kind) }}
}

func get(c *call, kind string) (any, error) {
	id := c.path("id")
	// The version is read before the view: if the record changes between the two, the
	// ETag is older than what is shown, and a write with it is refused rather than
	// allowed on a version the client never saw.
	version, err := c.st.Version(c.ctx(), c.viewer(), kind, id)
	if err != nil {
		return nil, err
	}
	view, err := c.st.View(c.ctx(), c.viewer(), kind, id)
	if err != nil {
		return nil, err
	}
	c.version = version
	out := GetAnswer{Kind: kind, ID: id, Version: version, Data: view}
	if c.lang != "" {
		doc, err := recordOf(kind, view)
		if err != nil {
			return nil, err
		}
		if out.Labels, err = labels(kind, doc, c.lang); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// recordOf returns the record part of a view, as JSON.
func recordOf(kind string, view any) ([]byte, error) {
	if raw, ok := view.(json.RawMessage); ok {
		return raw, nil
	}
	b, err := json.Marshal(view)
	if err != nil {
		return nil, err
	}
	var parts map[string]json.RawMessage
	if err := json.Unmarshal(b, &parts); err != nil {
		return nil, err
	}
	return parts[kind], nil
}

// labels gives a record's title, and each of its enumerated values, in lang: what a
// reader in that language sees where the record has a code ("in_progress" →
// "выполняется").
func labels(kind string, doc []byte, lang secretariat.Lang) (map[string]string, error) {
	v, err := present.Decode(doc)
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	for _, key := range []string{"title", "name", "code_name", "text"} {
		if t, ok := present.Lookup(v, key).(map[string]any); ok {
			if s := textIn(t, lang); s != "" {
				out["title"] = s
				break
			}
		}
	}
	walkLabels(kind, v, "", "", lang, out)
	return out, nil
}

func textIn(t map[string]any, lang secretariat.Lang) string {
	ru, _ := t["ru"].(string)
	en, _ := t["en"].(string)
	return secretariat.Text{RU: ru, EN: en}.In(lang)
}

// walkLabels labels every enumerated string of a decoded record: path is its path with
// list indexes (for the answer), field without (for the enumeration).
func walkLabels(kind string, v any, path, field string, lang secretariat.Lang, out map[string]string) {
	join := func(a, b string) string {
		if a == "" {
			return b
		}
		return a + "." + b
	}
	switch x := v.(type) {
	case map[string]any:
		for k, sub := range x {
			walkLabels(kind, sub, join(path, k), join(field, k), lang, out)
		}
	case []any:
		for i, sub := range x {
			walkLabels(kind, sub, path+"["+strconv.Itoa(i)+"]", field, lang, out)
		}
	case string:
		if e, ok := secretariat.FieldEnum(kind, field); ok {
			out[path] = e.In(x, lang)
		}
	}
}

// viewRoutes are the questions the command line asks of the record beyond one record.
// DecisionTasks is a decision with its tasks, as GET /decisions/{id}/tasks answers.
type DecisionTasks struct {
	Decision string             `json:"decision"`
	Tasks    []secretariat.Task `json:"tasks"`
	Progress secretariat.Rollup `json:"progress"`
}

func viewRoutes() []route {
	period := func(c *call) (store.Period, error) {
		var p store.Period
		for name, d := range map[string]*secretariat.Date{"from": &p.From, "to": &p.To} {
			if s := c.query(name); s != "" {
				v, err := secretariat.ParseDate(s)
				if err != nil {
					return p, &apiError{code: codeInvalid, message: secretariat.ErrorMessage(err), fields: map[string]string{name: "a date YYYY-MM-DD"}}
				}
				*d = v
			}
		}
		return p, nil
	}
	view := func(path, op, tag, summary string, out reflect.Type, params []param, read func(c *call) (any, error)) route {
		return route{method: "GET", path: Prefix + path, op: op, tag: tag, summary: summary, out: out, params: append(params, pAsOf), read: read}
	}
	return []route{
		view("/states/{id}/votes", "voting_record", "state", "A state's voting record over a period, with counts per stance",
			reflect.TypeFor[store.VotingRecord](), []param{pFrom, pTo}, func(c *call) (any, error) {
				p, err := period(c)
				if err != nil {
					return nil, err
				}
				return c.st.VotingRecord(c.ctx(), c.viewer(), c.path("id"), p)
			}),
		view("/states/{id}/agreement/{other}", "agreement", "state", "How often two states took the same position, over a period",
			reflect.TypeFor[store.Agreement](), []param{pFrom, pTo}, func(c *call) (any, error) {
				p, err := period(c)
				if err != nil {
					return nil, err
				}
				return c.st.Agreement(c.ctx(), c.viewer(), c.path("id"), c.path("other"), p)
			}),
		view("/sessions/{id}/tasks", "session_task_status", "session", "Of the tasks a session set, how many are fulfilled (on as_of, or today) and which are not",
			reflect.TypeFor[store.SessionTasks](), nil, func(c *call) (any, error) {
				return c.st.TasksOfSession(c.ctx(), c.viewer(), c.path("id"), c.on())
			}),
		view("/mandates/open", "open_tasks", "task", "The tasks still expected of a party (of every party without responsible), the overdue first",
			reflect.TypeFor[[]store.TaskLine](), []param{{name: "responsible", doc: "a body, a state, secretariat or all_states"}}, func(c *call) (any, error) {
				return c.st.OpenTasks(c.ctx(), c.viewer(), c.query("responsible"), c.on())
			}),
		view("/chairmanships/{id}/priorities", "priorities", "chairmanship", "Each priority of a chairmanship, assessed from the tasks that serve it, beside the chair's statement",
			reflect.TypeFor[store.ChairmanshipView](), nil, func(c *call) (any, error) {
				return c.st.ChairmanshipView(c.ctx(), c.viewer(), c.path("id"))
			}),
		view("/decisions/{id}/progress", "decision_progress", "decision", "The progress of a decision's tasks, rolled up",
			reflect.TypeFor[secretariat.Rollup](), nil, func(c *call) (any, error) {
				if _, err := c.st.Version(c.ctx(), c.viewer(), "decision", c.path("id")); err != nil {
					return nil, err
				}
				return c.st.DecisionProgress(c.ctx(), c.viewer(), c.path("id"))
			}),
		view("/decisions/{id}/tasks", "decision_tasks", "decision", "A decision with its tasks: every task the reader may see, with its status and progress, and their roll-up",
			reflect.TypeFor[DecisionTasks](), nil, func(c *call) (any, error) {
				id := c.path("id")
				if _, err := c.st.Version(c.ctx(), c.viewer(), "decision", id); err != nil {
					return nil, err
				}
				tasks, _, err := store.FindAll[secretariat.Task](c.ctx(), c.st, c.viewer(), store.Where("decision", id))
				if err != nil {
					return nil, err
				}
				rollup, err := c.st.DecisionProgress(c.ctx(), c.viewer(), id)
				if err != nil {
					return nil, err
				}
				return DecisionTasks{Decision: id, Tasks: tasks, Progress: rollup}, nil
			}),
		view("/threats/{id}/history", "threat_history", "threat", "A threat's level over a period, and what answers it",
			reflect.TypeFor[store.ThreatView](), []param{pFrom, pTo}, func(c *call) (any, error) {
				p, err := period(c)
				if err != nil {
					return nil, err
				}
				return c.st.ThreatView(c.ctx(), c.viewer(), c.path("id"), p)
			}),
		view("/history/{kind}/{id}", "history", "journal", "Every journal entry that wrote a record, with the record as each left it",
			reflect.TypeFor[[]store.HistoryEntry](), nil, func(c *call) (any, error) {
				kind := c.path("kind")
				if _, ok := secretariat.LookupKind(kind); !ok {
					return nil, errorf(codeNotFound, fmt.Sprintf("%q is not a kind of record; the kinds are: %s", kind, strings.Join(secretariat.KindNames(), ", ")))
				}
				return c.st.History(c.ctx(), c.viewer(), kind, c.path("id"))
			}),
		view("/reviews/{year}", "year_review", "review", "The year in review, computed from the record as it stood at the end of the year (or as_of), with its narrative in lang",
			reflect.TypeFor[reviewAnswer](), []param{pLang}, review),
	}
}

// on is the day a question about tasks is asked on: as_of's, or today.
func (c *call) on() secretariat.Date {
	if s := c.query("as_of"); s != "" {
		t, _ := parseAsOf(s)
		return secretariat.DateOf(t.Add(-time.Nanosecond))
	}
	return secretariat.DateOf(c.a.now())
}

// reviewAnswer is the year in review as report.RenderJSON writes it: the data, and the
// narrative in one language.
type reviewAnswer struct {
	*report.YearReview
	Lang      secretariat.Lang   `json:"lang"`
	Narrative []report.Paragraph `json:"narrative"`
}

func review(c *call) (any, error) {
	year, err := strconv.Atoi(c.path("year"))
	if err != nil || year < 1 || year > 9999 {
		return nil, errorf(codeNotFound, fmt.Sprintf("%q is not a year", c.path("year")))
	}
	var asOf time.Time
	if s := c.query("as_of"); s != "" {
		asOf, _ = parseAsOf(s)
	}
	r, err := report.Build(c.ctx(), c.a.st, year, asOf, c.viewer())
	if err != nil {
		return nil, err
	}
	lang := c.lang
	if lang == "" {
		lang = secretariat.EN
	}
	var buf bytes.Buffer
	if err := report.RenderJSON(&buf, r, report.RenderOptions{Lang: lang}); err != nil {
		return nil, err
	}
	return json.RawMessage(buf.Bytes()), nil
}

// SearchAnswer is a page of a full-text search: the records found, best first.
type SearchAnswer struct {
	Query string `json:"query"`
	// Total is how many records match, on every page; when more is set, more records
	// match than a search counts, and the pages end at total.
	Total int `json:"total"`
	// More says that more records match than total: narrow the words or filter.
	More bool              `json:"more,omitempty"`
	Hits []store.SearchHit `json:"hits"`
	// Next is the offset of the next page; absent on the last.
	Next *int `json:"next,omitempty"`
}

func searchRoute() route {
	p := func(name, doc string) param { return param{name: name, doc: doc} }
	return route{method: "GET", path: Prefix + "/search", op: "search", tag: "search",
		summary: "Find records by their words, in Russian and English, best first, with the words that matched marked",
		out:     reflect.TypeFor[SearchAnswer](),
		params: []param{
			{name: "q", required: true, doc: `the words: every form of a word matches (решение finds решений, decide finds decisions); "a phrase" in quotes, OR between alternatives, -word to leave out`},
			p("kind", "one kind of record: "+strings.Join(store.SearchKinds(), ", ")),
			p("body", "records of this body"), p("state", "records that name this state"),
			p("status", "records with this status"), p("classification", "public, restricted or confidential"),
			{name: "year", typ: "integer", doc: "records of this year"},
			p("in", "ru or en: match only words in this language"),
			pLang, pLimit, {name: "offset", typ: "integer", doc: "how many hits to skip: the next field of the previous page"},
		},
		read: searchRecords}
}

func searchRecords(c *call) (any, error) {
	q := c.r.URL.Query()
	if q.Has("as_of") {
		return nil, &apiError{code: codeInvalid, message: "the search reads the record as it stands now: leave out as_of", fields: map[string]string{"as_of": "not taken by search"}}
	}
	query, err := search.Parse(q.Get("q"))
	if err != nil {
		return nil, &apiError{code: codeInvalid, message: secretariat.ErrorMessage(err), fields: map[string]string{"q": "words to find"}}
	}
	f := store.SearchFilter{Kind: q.Get("kind"), Body: q.Get("body"), State: q.Get("state"), Status: q.Get("status"),
		Classification: q.Get("classification"), Show: c.lang, Limit: 20}
	number := func(name string, lo, hi int) (int, error) {
		n, err := strconv.Atoi(q.Get(name))
		if err != nil || n < lo || n > hi {
			return 0, &apiError{code: codeInvalid, message: fmt.Sprintf("%s %q is not a number from %d to %d", name, q.Get(name), lo, hi), fields: map[string]string{name: fmt.Sprintf("a number from %d to %d", lo, hi)}}
		}
		return n, nil
	}
	if q.Has("year") {
		if f.Year, err = number("year", 1, 9999); err != nil {
			return nil, err
		}
	}
	if q.Has("limit") {
		if f.Limit, err = number("limit", 1, 100); err != nil {
			return nil, err
		}
	}
	if q.Has("offset") {
		if f.Offset, err = number("offset", 0, 1<<30); err != nil {
			return nil, err
		}
	}
	if s := q.Get("in"); s != "" {
		if f.Lang, err = secretariat.ParseLang(s); err != nil {
			return nil, &apiError{code: codeInvalid, message: secretariat.ErrorMessage(err), fields: map[string]string{"in": "use ru or en"}}
		}
	}
	res, err := c.st.Search(c.ctx(), c.viewer(), query, f)
	if err != nil {
		return nil, err
	}
	hits, total := res.Hits, res.Total
	out := SearchAnswer{Query: q.Get("q"), Total: total, More: res.More, Hits: hits}
	if out.Hits == nil {
		out.Hits = []store.SearchHit{}
	}
	if next := f.Offset + len(hits); next < total && len(hits) > 0 {
		out.Next = &next
	}
	return out, nil
}
