package search

import (
	"strings"
	"unicode"

	"secretariat/internal/analyze"
)

// Span is a piece of a snippet: text, marked where it matched the query.
type Span struct {
	Text string `json:"text"`
	Hit  bool   `json:"hit,omitempty"`
}

// snippetWords is about how many words a snippet shows.
const snippetWords = 24

// Snippet cuts from text the stretch around the first word that matches one of the
// stemmed terms, with every matching word marked, so that a reader sees why the result
// came up in the words of the record itself. It returns nil when no word matches.
func Snippet(text string, terms []string) []Span {
	want := map[string]bool{}
	for _, t := range terms {
		want[t] = true
	}
	toks := analyze.TokensWithOffsets(text)
	first := -1
	for i, t := range toks {
		if want[t.Term] {
			first = i
			break
		}
	}
	if first < 0 {
		return nil
	}
	from := max(0, first-snippetWords/3)
	to := min(len(toks), from+snippetWords)
	start, end := toks[from].Start, toks[to-1].End
	if from == 0 {
		start = 0
	}
	if to == len(toks) {
		end = len(text)
	}
	var out []Span
	if from > 0 {
		out = append(out, Span{Text: "…"})
	}
	at := start
	for _, t := range toks[from:to] {
		if !want[t.Term] {
			continue
		}
		if t.Start > at {
			out = append(out, Span{Text: text[at:t.Start]})
		}
		out = append(out, Span{Text: text[t.Start:t.End], Hit: true})
		at = t.End
	}
	if end > at {
		out = append(out, Span{Text: text[at:end]})
	}
	if to < len(toks) {
		out = append(out, Span{Text: "…"})
	}
	for i := range out {
		out[i].Text = collapseSpace(out[i].Text)
	}
	return out
}

// collapseSpace writes every run of white space (line breaks included) as one space.
func collapseSpace(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			space = true
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	if space {
		b.WriteByte(' ')
	}
	return b.String()
}
