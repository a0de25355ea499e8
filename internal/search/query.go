// Package search reads the queries people type into the record's full-text search, and
// cuts the snippets that show where a result matched. The index and the ranking live in
// the store, which writes the parsed query in its database's syntax; both sides stem
// words with internal/analyze, so "решение" finds "решения" and "решений", and "decide"
// finds "decided".
package search

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"secretariat"
	"secretariat/internal/analyze"
)

// MaxQueryLength bounds a query, in bytes.
const MaxQueryLength = 500

// maxTerms bounds the words and phrases of a query.
const maxTerms = 32

// Phrase is a sequence of stemmed terms that must stand together, in order; a single word
// is a phrase of one term.
type Phrase []string

// Query is a parsed search: every group must match (one of its phrases does), and no
// excluded phrase may.
type Query struct {
	// Groups are the query's parts joined by AND; the phrases of a group are joined by OR.
	Groups [][]Phrase
	// Not are the phrases a result must not contain.
	Not []Phrase
}

// Terms returns every stemmed term the query looks for (not the excluded ones), for
// highlighting.
func (q Query) Terms() []string {
	var out []string
	seen := map[string]bool{}
	for _, g := range q.Groups {
		for _, p := range g {
			for _, t := range p {
				if !seen[t] {
					seen[t] = true
					out = append(out, t)
				}
			}
		}
	}
	return out
}

// Parse reads a query as people write them in search boxes:
//   - words are all required: `decision migration`;
//   - "quoted words" must stand together: `"joint operation"`;
//   - OR offers alternatives to the word or phrase before it: `terrorism OR extremism`;
//   - a leading minus excludes: `-drills`, `-"joint staff"`.
//
// Words are stemmed as the index is. A query with nothing to look for (empty, only
// punctuation, only exclusions) is an error that says so.
func Parse(s string) (Query, error) {
	if len(s) > MaxQueryLength {
		return Query{}, secretariat.Errorf(secretariat.EINVALID, "the query is %d bytes long; the limit is %d", len(s), MaxQueryLength)
	}
	if !utf8.ValidString(s) {
		return Query{}, secretariat.Errorf(secretariat.EINVALID, "the query is not valid UTF-8")
	}
	var q Query
	orNext := false
	n := 0
	for _, tok := range lex(s) {
		if tok.or {
			orNext = len(q.Groups) > 0
			continue
		}
		p := Phrase(analyze.Tokens(tok.text))
		if len(p) == 0 {
			continue // punctuation alone
		}
		if n++; n > maxTerms {
			return Query{}, secretariat.Errorf(secretariat.EINVALID, "the query has more than %d words and phrases", maxTerms)
		}
		switch {
		case tok.not:
			q.Not = append(q.Not, p)
		case orNext:
			last := len(q.Groups) - 1
			q.Groups[last] = append(q.Groups[last], p)
		default:
			q.Groups = append(q.Groups, []Phrase{p})
		}
		orNext = false
	}
	if len(q.Groups) == 0 {
		return Query{}, secretariat.Errorf(secretariat.EINVALID, "the query has no word to look for: write words, \"a phrase\", OR between alternatives, -word to exclude")
	}
	return q, nil
}

type token struct {
	text    string
	not, or bool
}

// lex splits a query into words, quoted phrases, OR, and excluded words or phrases. An
// unclosed quote runs to the end of the query.
func lex(s string) []token {
	var out []token
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) {
			i += size
			continue
		}
		not := false
		if r == '-' && i+1 < len(s) && !unicode.IsSpace(rune(s[i+1])) {
			not = true
			i++
		}
		if i < len(s) && s[i] == '"' {
			end := strings.IndexByte(s[i+1:], '"')
			text := s[i+1:]
			if end >= 0 {
				text = s[i+1 : i+1+end]
				i += end + 2
			} else {
				i = len(s)
			}
			out = append(out, token{text: text, not: not})
			continue
		}
		start := i
		for i < len(s) {
			r, size := utf8.DecodeRuneInString(s[i:])
			if unicode.IsSpace(r) || r == '"' {
				break
			}
			i += size
		}
		word := s[start:i]
		if word == "OR" && !not {
			out = append(out, token{or: true})
			continue
		}
		out = append(out, token{text: word, not: not})
	}
	return out
}
