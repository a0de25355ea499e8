// Package analyze is the single text analyzer shared by full-text search and
// similarity detection, so that a query, the index and the near-duplicate
// detector all agree on what a "word" is.
//
// Text is split into runs of letters and digits; every run is lowercased,
// ё is folded to е (Russian texts use ё inconsistently), and the run is
// stemmed with the Russian Snowball stemmer if it contains any Cyrillic
// letter, otherwise with the English one. Runs containing a digit ("2020",
// "g20", "res60") are codes or numbers and are kept verbatim, because
// stemming them would only corrupt identifiers.
//
// A few details keep the analyzer robust on real documents:
//   - hyphens, dashes, slashes and every other non-alphanumeric character
//     separate terms: "государств-членов" is "государств" + "член",
//     "COVID-19" is "covid" + "19";
//   - an apostrophe (' or ’) between two Latin letters stays inside the word,
//     so the English stemmer can strip the possessive ("Council's" → "council")
//     instead of leaving a stray "s" term; any apostrophe left after stemming
//     is removed ("don't" → "dont");
//   - combining marks continue a word; the decomposed forms of й and ё
//     (и+U+0306, е+U+0308) are composed/folded and stress accents on
//     Cyrillic letters are dropped, so text pasted from other tools matches;
//   - invalid UTF-8 bytes act as separators; nothing here panics.
package analyze

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/english"
	"github.com/blevesearch/snowballstem/russian"
)

// Token is a term together with the byte offsets, in the original text, of
// the word it came from; text[Start:End] is that word, for highlighting.
type Token struct {
	Term       string
	Start, End int
}

// Tokens returns the terms of text in order of appearance.
func Tokens(text string) []string {
	var out []string
	scan(text, func(_ string, term string, _, _ int) {
		out = append(out, term)
	})
	return out
}

// TokensWithOffsets returns the terms of text with their byte offsets.
// Offsets are strictly increasing and never overlap.
func TokensWithOffsets(text string) []Token {
	var out []Token
	scan(text, func(_ string, term string, start, end int) {
		out = append(out, Token{Term: term, Start: start, End: end})
	})
	return out
}

// Stemmed returns the terms of text joined by single spaces: the form stored
// in a full-text index (and sent as its query). Terms consist of letters,
// digits and combining marks only, so an index tokenizer that splits on
// anything else sees exactly the terms this package produces.
func Stemmed(text string) string {
	return strings.Join(Tokens(text), " ")
}

// Terms returns Tokens minus stop words. Stop words carry no topic and,
// being in almost every task text, would only inflate similarity between
// unrelated texts; search keeps them (Tokens) so phrase queries still work.
// Stop words are matched on the lowercased, ё-folded word before stemming,
// so a content word whose stem happens to equal a stop word is kept.
func Terms(text string) []string {
	var out []string
	scan(text, func(word string, term string, _, _ int) {
		if !stopWords[word] {
			out = append(out, term)
		}
	})
	return out
}

// stopWords holds the function words of both languages in folded surface
// form (ё already folded, hence "ее").
var stopWords = map[string]bool{
	// Russian
	"и": true, "в": true, "на": true, "по": true, "с": true, "о": true,
	"об": true, "для": true, "не": true, "что": true, "к": true, "из": true,
	"от": true, "до": true, "за": true, "как": true, "а": true,
	"также": true, "его": true, "ее": true, "их": true,
	// English
	"the": true, "of": true, "and": true, "to": true, "in": true, "on": true,
	"for": true, "a": true, "an": true, "by": true, "with": true, "at": true,
	"from": true, "as": true, "is": true, "be": true, "that": true,
}

// envPool reuses Snowball environments: the stemmers allocate nothing else,
// and analysis runs for every document on every index rebuild.
var envPool = sync.Pool{New: func() any { return snowballstem.NewEnv("") }}

// scan walks text and calls emit for every word with its folded surface
// form, its term and its byte offsets.
func scan(text string, emit func(word, term string, start, end int)) {
	env := envPool.Get().(*snowballstem.Env)
	defer envPool.Put(env)

	var buf []rune
	start, end := -1, -1
	hasCyr, hasDigit := false, false

	flush := func() {
		if start >= 0 && len(buf) > 0 {
			word := string(buf)
			emit(word, stem(env, word, hasCyr, hasDigit), start, end)
		}
		buf = buf[:0]
		start, end = -1, -1
		hasCyr, hasDigit = false, false
	}

	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		if r == utf8.RuneError && size <= 1 {
			// Invalid byte: a separator, so offsets always cut valid UTF-8.
			flush()
			i += size
			continue
		}
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if start < 0 {
				start = i
			}
			lr := unicode.ToLower(r)
			if lr == 'ё' {
				lr = 'е'
			}
			if unicode.Is(unicode.Cyrillic, lr) {
				hasCyr = true
			}
			if unicode.IsDigit(lr) {
				hasDigit = true
			}
			buf = append(buf, lr)
			end = i + size
		case start >= 0 && unicode.Is(unicode.M, r):
			buf = appendMark(buf, r)
			end = i + size
		case start >= 0 && (r == '\'' || r == '’') && isLatinLetter(buf[len(buf)-1]) && latinLetterAt(text, i+size):
			buf = append(buf, '\'')
			end = i + size
		default:
			flush()
		}
		i += size
	}
	flush()
}

// appendMark applies a combining mark to the word being built. Only the
// cases that matter for Russian are normalized (full Unicode normalization
// would need golang.org/x/text); other marks are kept so that distinct
// words do not collapse.
func appendMark(buf []rune, m rune) []rune {
	last := buf[len(buf)-1]
	switch {
	case m == '\u0306' && last == 'и': // decomposed й
		buf[len(buf)-1] = 'й'
		return buf
	case m == '\u0308' && last == 'е': // decomposed ё, folded like ё
		return buf
	case (m == '\u0301' || m == '\u0300') && unicode.Is(unicode.Cyrillic, last):
		// Stress marks in dictionaries and quoted texts are not spelling.
		return buf
	}
	return append(buf, m)
}

func isLatinLetter(r rune) bool {
	return unicode.Is(unicode.Latin, r)
}

func latinLetterAt(text string, i int) bool {
	if i >= len(text) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(text[i:])
	return isLatinLetter(r)
}

// nominalizations join the English nouns in -sion to the verbs they come from, which
// Snowball leaves apart (decision → "decis", decide → "decid"): a stem that ends so is
// written as the verb's. The list is the common Latin families; it errs towards
// joining, since a search that finds "decisions" for "decide" is what readers expect.
var nominalizations = []struct{ noun, verb string }{
	{"cis", "cid"},   // decision, decide; incision, incise
	{"ivis", "ivid"}, // division, divide
	{"clus", "clud"}, // conclusion, conclude; inclusion, include; exclusion, exclude
	{"vis", "vid"},   // provision, provide; revision → revid, as revise's "revis" is
	{"lus", "lud"},   // collusion, collude; allusion, allude
}

// conflate writes an English stem of a noun in -sion as its verb's stem.
func conflate(s string) string {
	for _, n := range nominalizations {
		if strings.HasSuffix(s, n.noun) && len(s) > len(n.noun)+1 {
			return s[:len(s)-len(n.noun)] + n.verb
		}
	}
	return s
}

// stem returns the term for a folded word. Words with digits are kept as
// they are; a word with any Cyrillic letter is Russian even if it also has
// Latin look-alikes (a common typo: Latin "С" in "Сирия").
func stem(env *snowballstem.Env, word string, hasCyr, hasDigit bool) string {
	if hasDigit {
		return word
	}
	env.SetCurrent(word)
	if hasCyr {
		russian.Stem(env)
	} else {
		english.Stem(env)
	}
	s := env.Current()
	if !hasCyr {
		s = conflate(s)
	}
	if strings.ContainsRune(s, '\'') {
		// The apostrophe only helped the stemmer find the possessive; terms
		// stay pure alphanumerics so any downstream tokenizer keeps them whole.
		s = strings.ReplaceAll(s, "'", "")
	}
	if s != "" {
		return s
	}
	// The stemmers never strip a whole word, but an empty term would
	// poison an index; fall back to the word itself.
	return word
}
