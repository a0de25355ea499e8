package store

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"sync"

	"secretariat"
	"secretariat/internal/analyze"
	"secretariat/internal/canon"
	"secretariat/internal/search"
)

// The full-text search index (migration 0008): one row of search_doc per searchable
// record and language, holding its words stemmed by internal/analyze. SQLite searches it
// with FTS5, PostgreSQL with a tsvector of the same stems; the query is stemmed the same
// way, so both databases find the same records.

// searchKinds are the kinds the search covers: those whose records are Searchable.
var searchKinds = sync.OnceValue(func() map[string]bool {
	out := map[string]bool{}
	for _, k := range secretariat.Kinds() {
		if _, ok := k.New().(secretariat.Searchable); ok {
			out[k.Name] = true
		}
	}
	return out
})

// SearchKinds returns the kinds of record the search covers, in the registry's order.
func SearchKinds() []string {
	var out []string
	for _, k := range secretariat.Kinds() {
		if searchKinds()[k.Name] {
			out = append(out, k.Name)
		}
	}
	return out
}

// searchLangs are the languages the index keeps a row for.
var searchLangs = []secretariat.Lang{secretariat.RU, secretariat.EN}

// in returns a text's form in one language, without falling back to the other: the
// index keeps each language's words apart.
func in(t secretariat.Text, lang secretariat.Lang) string {
	if lang == secretariat.RU {
		return t.RU
	}
	return t.EN
}

// indexSearch writes the index rows of one version of a record, written by entry seq.
func indexSearch(ctx context.Context, ex execer, kind, id string, doc []byte, seq int64) error {
	if !searchKinds()[kind] {
		return nil
	}
	info, _ := secretariat.LookupKind(kind)
	rec := info.New()
	if err := json.Unmarshal(doc, rec); err != nil {
		return fmt.Errorf("indexing %s %s: %w", kind, id, err)
	}
	st := rec.(secretariat.Searchable).SearchText()
	access := rec.AccessOf()
	accessDoc, err := canon.Marshal(struct {
		Parties []string `json:"parties,omitempty"`
	}{access.Parties})
	if err != nil {
		return err
	}
	for _, lang := range searchLangs {
		title := analyze.Stemmed(in(st.Title, lang))
		var words []string
		for _, t := range st.Texts {
			if w := analyze.Stemmed(in(t, lang)); w != "" {
				words = append(words, w)
			}
		}
		if title == "" && len(words) == 0 {
			if _, err := ex.ExecContext(ctx, `DELETE FROM search_doc WHERE kind = ? AND id = ? AND lang = ?`, kind, id, string(lang)); err != nil {
				return classify(err, "indexing "+kind+" "+id)
			}
			continue
		}
		states := ""
		if len(st.States) > 0 {
			states = " " + strings.Join(st.States, " ") + " "
		}
		if _, err := ex.ExecContext(ctx, `INSERT INTO search_doc(kind, id, lang, title, words, body_id, year, status, states, classification, doc, seq)
			VALUES (?,?,?,?,?,?,?,?,?,?,?,?)
			ON CONFLICT (kind, id, lang) DO UPDATE SET title = excluded.title, words = excluded.words, body_id = excluded.body_id,
				year = excluded.year, status = excluded.status, states = excluded.states, classification = excluded.classification,
				doc = excluded.doc, seq = excluded.seq`,
			kind, id, string(lang), title, strings.Join(words, " "), st.Body, st.Year, st.Status, states, string(access.Level()), string(accessDoc), seq); err != nil {
			return classify(err, "indexing "+kind+" "+id)
		}
	}
	return nil
}

// Reindex rebuilds the search index from the records as they stand: what a damaged index,
// or an analyzer that changed, calls for. It is one transaction and one pass over the
// searchable records; it writes no journal entry, since the index is not the record.
func (s *Store) Reindex(ctx context.Context, progress Progress) (int64, error) {
	if s.writer == nil {
		return 0, secretariat.Errorf(secretariat.EFORBIDDEN, "the record is open read-only")
	}
	tx, err := s.writer.BeginTx(ctx, nil)
	if err != nil {
		return 0, classify(err, "starting the reindex")
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `DELETE FROM search_doc`); err != nil {
		return 0, classify(err, "emptying the index")
	}
	n, err := fillSearchIn(ctx, tx, progress)
	if err != nil {
		return n, err
	}
	return n, classify(tx.Commit(), "committing the reindex")
}

// fillSearch is migration 8's step: the index of a record made before it.
func fillSearch(ctx context.Context, tx *sqlTx) error {
	_, err := fillSearchIn(ctx, tx, nil)
	return err
}

// fillSearchIn indexes every current version of every searchable record, a kind at a
// time and a chunk at a time (reads closed before writes: PostgreSQL serves one statement
// at a time on a connection).
func fillSearchIn(ctx context.Context, tx *sqlTx, progress Progress) (int64, error) {
	var n int64
	for _, kind := range SearchKinds() {
		after := ""
		for {
			rows, err := tx.QueryContext(ctx, `SELECT id, doc, seq FROM `+table(kind)+` WHERE id > ? ORDER BY id LIMIT 500`, after)
			if err != nil {
				return n, classify(err, "reading "+kind)
			}
			type rec struct {
				id  string
				doc []byte
				seq int64
			}
			var chunk []rec
			for rows.Next() {
				var r rec
				if err := rows.Scan(&r.id, &r.doc, &r.seq); err != nil {
					rows.Close()
					return n, classify(err, "reading "+kind)
				}
				chunk = append(chunk, r)
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				return n, classify(err, "reading "+kind)
			}
			for _, r := range chunk {
				if err := indexSearch(ctx, tx, kind, r.id, r.doc, r.seq); err != nil {
					return n, err
				}
				n++
			}
			if progress != nil {
				progress(n, 0)
			}
			if len(chunk) < 500 {
				break
			}
			after = chunk[len(chunk)-1].id
		}
	}
	return n, nil
}

// SearchFilter narrows a search and pages it.
type SearchFilter struct {
	Kind, Body, State, Status, Classification string
	Year                                      int
	// Lang keeps the matches in one language's words; empty for both.
	Lang secretariat.Lang
	// Show is the language of titles and snippets (the reader's).
	Show          secretariat.Lang
	Limit, Offset int
}

// SearchHit is one record a search found, with the words that show why.
type SearchHit struct {
	Kind    string           `json:"kind"`
	ID      string           `json:"id"`
	Title   secretariat.Text `json:"title"`
	Snippet []search.Span    `json:"snippet,omitempty"`
	// Rank orders the hits: lower is better. Past the bound (SearchBound), unranked, it
	// is the hit's place in the order Search describes, from 1.
	Rank float64 `json:"rank"`
}

// SearchBound is the most records a search ranks and counts. Ranking costs time in
// proportion to the matches (BM25 on SQLite even reads every row of each word for its
// weight), and a word that is in most of the record (решение, decision) matches hundreds
// of thousands of rows: past the bound a search answers in an order that costs no more
// than reading the bound's rows (see Search), and says that more records match. A
// variable, so that the tests of the search's callers can reach past it on the demo.
var SearchBound = 500

// SearchResult is a page of a search's hits, and how many records matched.
type SearchResult struct {
	// Hits are the page's records, best first.
	Hits []SearchHit
	// Total is how many records match: all of them, or the bound when More.
	Total int
	// More says that more records match than Total: the pages end at Total, in the
	// order Search describes, and the reader should narrow the words or filter.
	More bool
}

// Search finds the records that match the query and the filter and that the viewer may
// see, with the number of all matching records: ranked best first (a match in the title
// above one in the text) when they are no more than the bound. Past the bound, neither
// ranked nor counted further: the newest of the records that hold every word sought in
// their titles come first, then the newest of the others, as many as the bound, with
// More set. Newest is the last indexed on SQLite, whose index yields its matches in that
// order; on PostgreSQL the last written.
func (s *Store) Search(ctx context.Context, v secretariat.Viewer, q search.Query, f SearchFilter) (SearchResult, error) {
	if s.past {
		// The index holds the words of the record as it stands; an old version's words
		// are not kept.
		return SearchResult{}, secretariat.Errorf(secretariat.EINVALID, "the search reads the record as it stands now: leave out as of")
	}
	if f.Kind != "" && !searchKinds()[f.Kind] {
		return SearchResult{}, secretariat.Errorf(secretariat.EINVALID, "the search covers %s, not %q", strings.Join(SearchKinds(), ", "), f.Kind)
	}
	if f.Limit <= 0 || f.Limit > 100 {
		f.Limit = 20
	}
	var where []string
	var args []any
	add := func(cond string, arg any) { where = append(where, cond); args = append(args, arg) }
	if f.Kind != "" {
		add("d.kind = ?", f.Kind)
	}
	if f.Body != "" {
		add("d.body_id = ?", f.Body)
	}
	if f.Year != 0 {
		add("d.year = ?", f.Year)
	}
	if f.Status != "" {
		add("d.status = ?", f.Status)
	}
	if f.Classification != "" {
		add("d.classification = ?", f.Classification)
	}
	if f.State != "" {
		add("d.states LIKE ?", "% "+f.State+" %")
	}
	if f.Lang != "" {
		add("d.lang = ?", string(f.Lang))
	}
	clause, cargs := s.accessClause(v, "d")
	where = append(where, clause)
	args = append(args, cargs...)
	filter := strings.Join(where, " AND ")
	// A record has a row in each language: twice the bound in rows, and one more, holds
	// more than the bound's records whenever more match.
	rows := 2*SearchBound + 1
	all := s.d.searchMatch(q, false)
	newest, n, err := s.firstMatches(ctx, all, filter, args, rows)
	if err != nil {
		return SearchResult{}, err
	}
	var out SearchResult
	if n < rows && len(newest) <= SearchBound {
		// Every match is in hand, few enough to rank them all.
		out.Total = len(newest)
		if out.Hits, err = s.rankMatches(ctx, all, filter, args, f.Limit, f.Offset); err != nil {
			return SearchResult{}, err
		}
	} else {
		titled, _, err := s.firstMatches(ctx, s.d.searchMatch(q, true), filter, args, rows)
		if err != nil {
			return SearchResult{}, err
		}
		order := titled
		seen := map[[2]string]bool{}
		for _, h := range titled {
			seen[[2]string{h.Kind, h.ID}] = true
		}
		for _, h := range newest {
			if !seen[[2]string{h.Kind, h.ID}] {
				order = append(order, h)
			}
		}
		order = order[:SearchBound]
		for i := range order {
			order[i].Rank = float64(i + 1)
		}
		out.Total, out.More = SearchBound, true
		from := min(max(f.Offset, 0), len(order))
		if to := min(from+f.Limit, len(order)); to > from {
			out.Hits = order[from:to]
		}
	}
	show := f.Show
	if show == "" {
		show = secretariat.EN
	}
	terms := q.Terms()
	for i := range out.Hits {
		h := &out.Hits[i]
		doc, err := s.Get(ctx, v, h.Kind, h.ID)
		if err != nil {
			return SearchResult{}, err
		}
		info, _ := secretariat.LookupKind(h.Kind)
		rec := info.New()
		if err := json.Unmarshal(doc, rec); err != nil {
			return SearchResult{}, fmt.Errorf("reading %s %s for its snippet: %w", h.Kind, h.ID, err)
		}
		st := rec.(secretariat.Searchable).SearchText()
		h.Title = st.Title
		h.Snippet = snippetOf(st, terms, show)
	}
	return out, nil
}

// firstMatches reads the first n rows that match, newest first, unranked (the order
// the index yields them in costs nothing to sort), and returns their records, each once,
// and the number of rows read.
func (s *Store) firstMatches(ctx context.Context, m searchSQL, filter string, args []any, n int) ([]SearchHit, int, error) {
	r, err := s.rd(ctx).QueryContext(ctx, `SELECT d.kind, d.id FROM `+m.from+` WHERE `+m.match+` AND `+filter+
		` ORDER BY `+m.newest+` DESC LIMIT `+strconv.Itoa(n), append(append([]any{}, m.matchArgs...), args...)...)
	if err != nil {
		return nil, 0, classify(err, "searching")
	}
	defer r.Close()
	var out []SearchHit
	seen := map[[2]string]bool{}
	read := 0
	for r.Next() {
		var h SearchHit
		if err := r.Scan(&h.Kind, &h.ID); err != nil {
			return nil, 0, classify(err, "searching")
		}
		read++
		if k := [2]string{h.Kind, h.ID}; !seen[k] {
			seen[k] = true
			out = append(out, h)
		}
	}
	return out, read, classify(r.Err(), "searching")
}

// rankMatches ranks every match and returns a page of them, without titles or snippets.
func (s *Store) rankMatches(ctx context.Context, m searchSQL, filter string, args []any, limit, offset int) ([]SearchHit, error) {
	// The matches are read once, as a materialized CTE: FTS5's rank functions cannot be
	// used in a query SQLite would flatten into another.
	r, err := s.rd(ctx).QueryContext(ctx, `WITH m AS MATERIALIZED (SELECT d.kind, d.id, `+m.rank+` AS rank FROM `+m.from+` WHERE `+m.match+` AND `+filter+`)
		SELECT kind, id, min(rank) AS best FROM m GROUP BY kind, id ORDER BY best, kind, id LIMIT `+strconv.Itoa(limit)+` OFFSET `+strconv.Itoa(max(offset, 0)),
		append(append(append([]any{}, m.rankArgs...), m.matchArgs...), args...)...)
	if err != nil {
		return nil, classify(err, "searching")
	}
	defer r.Close()
	var hits []SearchHit
	for r.Next() {
		var h SearchHit
		if err := r.Scan(&h.Kind, &h.ID, &h.Rank); err != nil {
			return nil, classify(err, "searching")
		}
		hits = append(hits, h)
	}
	return hits, classify(r.Err(), "searching")
}

// snippetOf cuts the snippet of a hit from its title or texts, in the language shown
// first, then in the other.
func snippetOf(st secretariat.SearchText, terms []string, show secretariat.Lang) []search.Span {
	other := secretariat.RU
	if show == secretariat.RU {
		other = secretariat.EN
	}
	for _, lang := range []secretariat.Lang{show, other} {
		for _, t := range append([]secretariat.Text{st.Title}, st.Texts...) {
			if sn := search.Snippet(in(t, lang), terms); sn != nil {
				return sn
			}
		}
	}
	return nil
}
