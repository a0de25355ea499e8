// Package similarity finds near-duplicate task (mandate) texts.
//
// # Measure: TF-IDF cosine over stemmed words
//
// Every text is reduced to stemmed terms by package analyze (Terms: stop
// words removed), weighted by sublinear TF-IDF
//
//	w(t, d) = (1 + ln tf(t, d)) · idf(t),   idf(t) = ln((1+N)/(1+df(t))) + 1
//
// and compared by the cosine of the L2-normalized vectors.
//
// Why this rather than shingles with MinHash: task texts are short (one
// sentence, 8–25 words), and the duplicates we are after are rewordings
// ("Подготовить план…" vs "Разработать и подготовить план…"), with words
// added, dropped and reordered. Word shingles of such short texts break at
// every edit, so two rewordings would share few shingles and their Jaccard
// similarity would be low and noisy; MinHash would only approximate that already
// weak signal, and its speed is not needed at a few thousand documents.
// A bag of stemmed words ignores order and word form, which is exactly the
// variation of a rewording, and IDF makes the words that identify a task
// ("контртеррористической", "антинаркотическую", "Канал") count for more
// than the boilerplate every mandate shares ("подготовить", "план",
// "обеспечить"). Bigrams were tried and left out: with texts this short
// a single inserted word breaks two bigrams, so they lowered the scores of
// genuine rewordings more than those of unrelated texts (on the test
// corpus the reworded English pair fell from 0.79 to 0.55, the closest
// unrelated pair only from 0.30 to 0.22).
// The smoothed IDF keeps weights finite and positive even for a term that
// occurs in every document, and the sublinear TF stops a repeated word from
// dominating.
//
// # Languages and translations
//
// A Doc has an optional Russian and an optional English text. Each
// language is a separate vector space with its own IDF (Russian and English
// stems never coincide, and mixing them would distort document frequencies).
// The score of a pair is the maximum of the per-language cosines over the
// languages both documents have. That is how tasks are compared across
// ru/en through their translations: a Russian-only task and an English-only
// task have no language in common and are never compared, but a Russian task
// that carries an English translation is compared with an English-only task
// in English. Taking the maximum (rather than an average) is deliberate: a
// careless translation must not hide a duplicate that is obvious in the
// other language.
//
// # Scale
//
// Vectors are sparse and an inverted index (term → documents) drives the
// scoring, so only pairs sharing at least one term are ever scored; the
// cost grows with the sum of squared document frequencies, not with N².
// A pair sharing no term has score 0 and is never reported.
package similarity

import (
	"cmp"
	"math"
	"slices"

	"secretariat/internal/analyze"
)

// DefaultThreshold is the score from which two task texts are reported as
// near-duplicates. On the test corpus (similarity_test.go) the two planted
// rewordings score 0.76 (Russian) and 0.79 (through English translations),
// while the closest unrelated tasks, which share only generic words such
// as "совместных учений" or "план … 2020", score at most 0.30. 0.5 sits in
// that gap with a margin of about 0.2 on both sides: looser rewordings than
// the planted ones are still reported, boilerplate overlap is not. Callers
// (the overlaps command) should let reviewers raise or lower it.
const DefaultThreshold = 0.5

// Doc is one task text: an ID chosen by the caller (usually the task's
// identifier, from which the caller finds its decision) and its Russian
// and/or English text. Either text may be empty.
type Doc struct {
	ID     string
	RU, EN string
}

// Pair is two near-duplicate documents, A < B.
type Pair struct {
	A, B  string
	Score float64
	// Lang is "ru" or "en": the language in which the best score was found
	// (on a tie, "ru").
	Lang string
}

// langs names the per-language views of a Doc, in tie-break order.
var langs = [...]struct {
	name string
	text func(Doc) string
}{
	{"ru", func(d Doc) string { return d.RU }},
	{"en", func(d Doc) string { return d.EN }},
}

type entry struct {
	term int32 // index into the language's vocabulary
	w    float64
}

type posting struct {
	doc int32
	w   float64
}

// space is one language's document vectors and inverted index.
type space struct {
	vecs     [][]entry   // per document; nil if the document has no text in this language
	postings [][]posting // per term, documents in increasing index order
}

// Pairs returns all pairs of documents with score >= threshold and score > 0,
// highest score first, ties ordered by A then B. IDs should be unique; two
// documents with the same ID are never paired with each other.
func Pairs(docs []Doc, threshold float64) []Pair {
	if len(docs) < 2 {
		return nil
	}
	var spaces [len(langs)]space
	for l := range langs {
		spaces[l] = buildSpace(docs, langs[l].text)
	}

	n := len(docs)
	var acc [len(langs)][]float64
	for l := range acc {
		acc[l] = make([]float64, n)
	}
	seen := make([]bool, n)
	var touched []int32
	var out []Pair

	for i := range docs {
		// Accumulate dot products with every later document that shares a
		// term with document i, per language. Postings are in document
		// order, so walking them backwards stops at the first j <= i.
		for l := range spaces {
			sp := &spaces[l]
			for _, e := range sp.vecs[i] {
				ps := sp.postings[e.term]
				for k := len(ps) - 1; k >= 0 && int(ps[k].doc) > i; k-- {
					j := ps[k].doc
					acc[l][j] += e.w * ps[k].w
					if !seen[j] {
						seen[j] = true
						touched = append(touched, j)
					}
				}
			}
		}
		for _, j := range touched {
			best, lang := 0.0, ""
			for l := range langs {
				if s := acc[l][j]; s > best {
					best, lang = s, langs[l].name
				}
				acc[l][j] = 0
			}
			seen[j] = false
			// Rounding can push the cosine of identical texts just past 1.
			best = min(best, 1)
			if best <= 0 || best < threshold {
				continue
			}
			a, b := docs[i].ID, docs[j].ID
			if a == b {
				continue
			}
			if a > b {
				a, b = b, a
			}
			out = append(out, Pair{A: a, B: b, Score: best, Lang: lang})
		}
		touched = touched[:0]
	}

	slices.SortFunc(out, func(x, y Pair) int {
		if c := cmp.Compare(y.Score, x.Score); c != 0 {
			return c
		}
		if c := cmp.Compare(x.A, y.A); c != 0 {
			return c
		}
		return cmp.Compare(x.B, y.B)
	})
	return out
}

// buildSpace analyzes one language of every document into normalized
// TF-IDF vectors and their inverted index.
func buildSpace(docs []Doc, text func(Doc) string) space {
	sp := space{vecs: make([][]entry, len(docs))}
	vocab := map[string]int32{}
	var df []int
	type tf struct {
		term string
		n    int
	}
	counts := make([][]tf, len(docs))
	nDocs := 0

	for i, d := range docs {
		terms := analyze.Terms(text(d))
		if len(terms) == 0 {
			continue
		}
		nDocs++
		// Sorting terms makes every sum below run in term order, so a
		// pair's score is bit-for-bit the same whatever order the documents
		// come in (symmetry, and stable output across runs).
		slices.Sort(terms)
		var c []tf
		for _, t := range terms {
			if len(c) > 0 && c[len(c)-1].term == t {
				c[len(c)-1].n++
				continue
			}
			c = append(c, tf{t, 1})
			id, ok := vocab[t]
			if !ok {
				id = int32(len(df))
				vocab[t] = id
				df = append(df, 0)
			}
			df[id]++
		}
		counts[i] = c
	}

	sp.postings = make([][]posting, len(df))
	for i, c := range counts {
		if len(c) == 0 {
			continue
		}
		vec := make([]entry, len(c))
		var norm float64
		for k, t := range c {
			id := vocab[t.term]
			idf := math.Log(float64(1+nDocs)/float64(1+df[id])) + 1
			w := (1 + math.Log(float64(t.n))) * idf
			vec[k] = entry{id, w}
			norm += w * w
		}
		norm = math.Sqrt(norm)
		for k := range vec {
			vec[k].w /= norm
			sp.postings[vec[k].term] = append(sp.postings[vec[k].term], posting{int32(i), vec[k].w})
		}
		sp.vecs[i] = vec
	}
	return sp
}
