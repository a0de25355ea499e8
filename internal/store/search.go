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
	// Rank orders the hits: lower is better.
	Rank float64 `json:"rank"`
}

// Search finds the records that match the query and the filter and that the viewer may
// see, best first (a match in the title above one in the text), with the number of all
// matching records.
func (s *Store) Search(ctx context.Context, v secretariat.Viewer, q search.Query, f SearchFilter) ([]SearchHit, int, error) {
	if s.past {
		// The index holds the words of the record as it stands; an old version's words
		// are not kept.
		return nil, 0, secretariat.Errorf(secretariat.EINVALID, "the search reads the record as it stands now: leave out as of")
	}
	if f.Kind != "" && !searchKinds()[f.Kind] {
		return nil, 0, secretariat.Errorf(secretariat.EINVALID, "the search covers %s, not %q", strings.Join(SearchKinds(), ", "), f.Kind)
	}
	if f.Limit <= 0 || f.Limit > 100 {
		f.Limit = 20
	}
	from, match, rank, margs := s.d.searchMatch(q)
	where := []string{match}
	args := append([]any{}, margs...)
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
	inner := `SELECT d.kind, d.id, ` + rank + ` AS rank FROM ` + from + ` WHERE ` + strings.Join(where, " AND ")
	var total int
	// The matches are read once, as a materialized CTE: FTS5's rank functions cannot be
	// used in a query SQLite would flatten into another.
	with := `WITH m AS MATERIALIZED (` + inner + `) `
	if err := s.rd(ctx).QueryRowContext(ctx, with+`SELECT count(*) FROM (SELECT DISTINCT kind, id FROM m) c`, args...).Scan(&total); err != nil {
		return nil, 0, classify(err, "searching")
	}
	rows, err := s.rd(ctx).QueryContext(ctx, with+`SELECT kind, id, min(rank) AS best FROM m
		GROUP BY kind, id ORDER BY best, kind, id LIMIT `+strconv.Itoa(f.Limit)+` OFFSET `+strconv.Itoa(max(f.Offset, 0)), args...)
	if err != nil {
		return nil, 0, classify(err, "searching")
	}
	var hits []SearchHit
	for rows.Next() {
		var h SearchHit
		if err := rows.Scan(&h.Kind, &h.ID, &h.Rank); err != nil {
			rows.Close()
			return nil, 0, classify(err, "searching")
		}
		hits = append(hits, h)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, 0, classify(err, "searching")
	}
	show := f.Show
	if show == "" {
		show = secretariat.EN
	}
	terms := q.Terms()
	for i := range hits {
		h := &hits[i]
		doc, err := s.Get(ctx, v, h.Kind, h.ID)
		if err != nil {
			return nil, 0, err
		}
		info, _ := secretariat.LookupKind(h.Kind)
		rec := info.New()
		if err := json.Unmarshal(doc, rec); err != nil {
			return nil, 0, err
		}
		st := rec.(secretariat.Searchable).SearchText()
		h.Title = st.Title
		h.Snippet = snippetOf(st, terms, show)
	}
	return hits, total, nil
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
