// Package textdiff computes a word-level difference between two versions of a
// draft text, so that an editor can see which words of a decision changed
// between drafts rather than which lines did: decision texts are long
// paragraphs, and a line diff would flag a whole paragraph for one changed year.
//
// Texts are split into tokens: runs of letters and digits (with combining
// marks, so decomposed Cyrillic such as "й" written as "и"+U+0306 stays one
// word), runs of whitespace, and single other characters (punctuation, dashes,
// quotes, and each byte of invalid UTF-8). Whitespace tokens take part in the
// diff, so the result always reproduces both inputs byte for byte: the Equal
// and Delete texts concatenate to the old text, the Equal and Insert texts to
// the new one.
package textdiff

import (
	"html"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// OpKind says whether a run of text is shared by both versions or exists in
// only one of them.
type OpKind int

// The kinds of Op. Equal is the zero value so that a zero Op is harmless text.
const (
	Equal  OpKind = iota // text present in both versions
	Insert               // text present only in the new version
	Delete               // text present only in the old version
)

// String returns "equal", "insert" or "delete", names fit for JSON and CSS
// classes; an unknown kind renders as "OpKind(n)" so that printing a corrupt
// value never panics.
func (k OpKind) String() string {
	switch k {
	case Equal:
		return "equal"
	case Insert:
		return "insert"
	case Delete:
		return "delete"
	}
	return "OpKind(" + strconv.Itoa(int(k)) + ")"
}

// Op is one step of a diff: a run of consecutive tokens of the same kind,
// joined back exactly as they appeared in the input.
type Op struct {
	Kind OpKind
	Text string
}

// defaultBudget bounds the work of one Words call, counted in diagonal
// extensions and token comparisons of the Myers search (roughly 5–15 ns each).
// A search for D edits costs about D²/2 steps, so the budget lets the
// outermost split succeed for up to about 5,800 edited tokens — a rewrite of
// a quarter of a 20,000-token text — while two unrelated 20,000-token texts
// still finish in about 0.2 s before the fallback takes over.
const defaultBudget = 1 << 24

// Words returns the word-level diff that turns a into b.
//
// The alignment is a minimal token edit script (fewest inserted plus deleted
// tokens) found with Myers' O(ND) algorithm in its linear-space,
// divide-and-conquer form, after trimming the common prefix and suffix. Its cost is O((N+M)·D) time and O(N+M) memory for N and M
// tokens and D edits. So that heavily rewritten texts cannot take unbounded
// time, the search has a fixed work budget; once it is spent, every part not
// yet aligned (after trimming that part's own common prefix and suffix) is
// reported as a deletion of the old middle followed by an insertion of the new
// one. The result is then still a correct diff, only a coarser one.
//
// The alignment is then tidied for reading: adjacent ops of one kind are merged,
// within each changed region the Delete comes before the Insert, and a single
// space (not a line break) between two replaced words is folded into the
// replacement, so that "a b" → "x y" reads as one replacement instead of two
// with a lone equal space between them. No op has empty Text. Identical
// inputs yield a single Equal op, two empty inputs yield nil.
func Words(a, b string) []Op {
	return words(a, b, defaultBudget)
}

// words is Words with an explicit work budget, so tests can force the
// fallback on small inputs.
func words(a, b string, budget int) []Op {
	ta, tb := tokenize(a), tokenize(b)
	ia, ib := intern(a, ta, b, tb)
	d := differ{a: ia, b: ib, budget: budget}
	d.diff(0, len(ia), 0, len(ib))
	segs := tidy(d.segs, a, ta)
	return render(segs, a, ta, b, tb)
}

// Stats returns how many words the ops insert and delete. Every token other
// than whitespace counts as a word, so a changed comma counts as one deleted
// and one inserted word: a punctuation change is a change an editor must see.
func Stats(ops []Op) (inserted, deleted int) {
	for _, op := range ops {
		switch op.Kind {
		case Insert:
			inserted += countWords(op.Text)
		case Delete:
			deleted += countWords(op.Text)
		}
	}
	return inserted, deleted
}

// Marked renders ops as plain text in the notation of wdiff and git's
// --word-diff: deletions as [-...-], insertions as {+...+}. Ops with empty
// Text are skipped, and kinds other than Insert and Delete are written as
// plain text.
func Marked(ops []Op) string {
	var sb strings.Builder
	for _, op := range ops {
		switch {
		case op.Kind == Delete && op.Text != "":
			sb.WriteString("[-")
			sb.WriteString(op.Text)
			sb.WriteString("-]")
		case op.Kind == Insert && op.Text != "":
			sb.WriteString("{+")
			sb.WriteString(op.Text)
			sb.WriteString("+}")
		case op.Kind != Delete && op.Kind != Insert:
			sb.WriteString(op.Text)
		}
	}
	return sb.String()
}

// HTML renders ops as an HTML fragment: every text is escaped (<, >, &, ' and
// "), deletions are wrapped in <del>…</del> and insertions in <ins>…</ins>.
// Line breaks are kept as they are, so the fragment is meant for an element
// styled with white-space: pre-wrap. Ops with empty Text are skipped, and
// kinds other than Insert and Delete are written as plain escaped text.
func HTML(ops []Op) string {
	var sb strings.Builder
	for _, op := range ops {
		switch {
		case op.Kind == Delete && op.Text != "":
			sb.WriteString("<del>")
			sb.WriteString(html.EscapeString(op.Text))
			sb.WriteString("</del>")
		case op.Kind == Insert && op.Text != "":
			sb.WriteString("<ins>")
			sb.WriteString(html.EscapeString(op.Text))
			sb.WriteString("</ins>")
		case op.Kind != Delete && op.Kind != Insert:
			sb.WriteString(html.EscapeString(op.Text))
		}
	}
	return sb.String()
}

// Tokens.

type class uint8

const (
	other class = iota
	word
	space
)

// classify never fails: invalid UTF-8 decodes to utf8.RuneError, which is
// neither a letter nor a space, so each bad byte becomes its own token and is
// carried through the diff unchanged.
func classify(r rune) class {
	switch {
	case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.M, r):
		return word
	case unicode.IsSpace(r):
		return space
	}
	return other
}

// tokenize returns token boundaries as byte offsets: token i is
// s[off[i]:off[i+1]]. Offsets rather than substrings let a run of tokens be
// sliced out of the original in one piece, which is what makes the
// reconstruction exact.
func tokenize(s string) []int {
	off := make([]int, 1, len(s)/3+2)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		c := classify(r)
		j := i + size
		if c != other {
			for j < len(s) {
				r2, size2 := utf8.DecodeRuneInString(s[j:])
				if classify(r2) != c {
					break
				}
				j += size2
			}
		}
		off = append(off, j)
		i = j
	}
	return off
}

func countWords(s string) int {
	off := tokenize(s)
	n := 0
	for i := 0; i+1 < len(off); i++ {
		r, _ := utf8.DecodeRuneInString(s[off[i]:])
		if classify(r) != space {
			n++
		}
	}
	return n
}

// intern maps equal tokens to equal small integers so the search compares
// integers instead of strings.
func intern(a string, ta []int, b string, tb []int) (ia, ib []int) {
	ids := make(map[string]int, (len(ta)+len(tb))/2+1)
	conv := func(s string, off []int) []int {
		out := make([]int, len(off)-1)
		for i := range out {
			tok := s[off[i]:off[i+1]]
			id, ok := ids[tok]
			if !ok {
				id = len(ids)
				ids[tok] = id
			}
			out[i] = id
		}
		return out
	}
	return conv(a, ta), conv(b, tb)
}

// Search.

// seg is a piece of the edit script in token indices. For an equal seg na ==
// nb; a change seg deletes na tokens of a at a0 and inserts nb tokens of b at
// b0. Segments are contiguous in both sequences, so merging neighbours only
// adds counts.
type seg struct {
	equal  bool
	a0, na int
	b0, nb int
}

// differ is one diff computation: the interned tokens, the work left, scratch
// vectors shared by all bisections, and the edit script built so far.
type differ struct {
	a, b   []int
	budget int // work left; at or below zero every unsolved middle becomes a replacement
	v1, v2 []int
	segs   []seg
}

func (d *differ) emit(equal bool, a0, na, b0, nb int) {
	if na == 0 && nb == 0 {
		return
	}
	if n := len(d.segs); n > 0 && d.segs[n-1].equal == equal {
		d.segs[n-1].na += na
		d.segs[n-1].nb += nb
		return
	}
	d.segs = append(d.segs, seg{equal: equal, a0: a0, na: na, b0: b0, nb: nb})
}

// diff appends the edit script for a[a0:a1] → b[b0:b1]. Recursion depth is
// O(log D): each split is at the middle of the edit path, so both halves have
// at most about half the edits.
func (d *differ) diff(a0, a1, b0, b1 int) {
	p := 0
	for a0+p < a1 && b0+p < b1 && d.a[a0+p] == d.b[b0+p] {
		p++
	}
	d.emit(true, a0, p, b0, p)
	a0 += p
	b0 += p
	s := 0
	for a0 < a1-s && b0 < b1-s && d.a[a1-s-1] == d.b[b1-s-1] {
		s++
	}
	a1 -= s
	b1 -= s

	switch {
	case a0 == a1 || b0 == b1:
		d.emit(false, a0, a1-a0, b0, b1-b0)
	default:
		x, y, ok := d.bisect(a0, a1, b0, b1)
		// A split at either corner would recurse on the same problem; the
		// search never yields one after trimming, but the guard keeps
		// termination independent of that argument.
		if !ok || (x == a0 && y == b0) || (x == a1 && y == b1) {
			d.emit(false, a0, a1-a0, b0, b1-b0)
		} else {
			d.diff(a0, x, b0, y)
			d.diff(x, a1, y, b1)
		}
	}
	d.emit(true, a1, s, b1, s)
}

// vectors returns the two furthest-reaching-path vectors, reusing one pair of
// buffers across the recursion so memory stays O(N+M).
func (d *differ) vectors(n int) (v1, v2 []int) {
	if cap(d.v1) < n {
		d.v1 = make([]int, n)
		d.v2 = make([]int, n)
	}
	v1, v2 = d.v1[:n], d.v2[:n]
	for i := range v1 {
		v1[i] = -1
		v2[i] = -1
	}
	return v1, v2
}

// bisect finds where the forward and reverse Myers searches of
// a[a0:a1] → b[b0:b1] meet and returns that point of a shortest edit path. It
// reports false when the budget runs out or no common token exists. The
// bookkeeping follows the bisect of Neil Fraser's diff-match-patch: k1start
// and friends skip diagonals whose paths already ran off the grid.
func (d *differ) bisect(a0, a1, b0, b1 int) (x, y int, ok bool) {
	A, B := d.a[a0:a1], d.b[b0:b1]
	n, m := len(A), len(B)
	maxD := (n + m + 1) / 2
	off := maxD
	vlen := 2*maxD + 2
	v1, v2 := d.vectors(vlen)
	v1[off+1] = 0
	v2[off+1] = 0
	delta := n - m
	// With an odd delta the paths can first meet during a forward step,
	// with an even one during a reverse step.
	front := delta%2 != 0
	k1start, k1end, k2start, k2end := 0, 0, 0, 0
	for dd := 0; dd < maxD; dd++ {
		if d.budget <= 0 {
			return 0, 0, false
		}
		for k1 := -dd + k1start; k1 <= dd-k1end; k1 += 2 {
			k1o := off + k1
			var x1 int
			if k1 == -dd || (k1 != dd && v1[k1o-1] < v1[k1o+1]) {
				x1 = v1[k1o+1]
			} else {
				x1 = v1[k1o-1] + 1
			}
			y1 := x1 - k1
			start := x1
			for x1 < n && y1 < m && A[x1] == B[y1] {
				x1++
				y1++
			}
			d.budget -= x1 - start + 1
			v1[k1o] = x1
			switch {
			case x1 > n:
				k1end += 2
			case y1 > m:
				k1start += 2
			case front:
				k2o := off + delta - k1
				if k2o >= 0 && k2o < vlen && v2[k2o] != -1 && x1 >= n-v2[k2o] {
					return a0 + x1, b0 + y1, true
				}
			}
		}
		for k2 := -dd + k2start; k2 <= dd-k2end; k2 += 2 {
			k2o := off + k2
			var x2 int
			if k2 == -dd || (k2 != dd && v2[k2o-1] < v2[k2o+1]) {
				x2 = v2[k2o+1]
			} else {
				x2 = v2[k2o-1] + 1
			}
			y2 := x2 - k2
			start := x2
			for x2 < n && y2 < m && A[n-x2-1] == B[m-y2-1] {
				x2++
				y2++
			}
			d.budget -= x2 - start + 1
			v2[k2o] = x2
			switch {
			case x2 > n:
				k2end += 2
			case y2 > m:
				k2start += 2
			case !front:
				k1o := off + delta - k2
				if k1o >= 0 && k1o < vlen && v1[k1o] != -1 {
					x1 := v1[k1o]
					y1 := x1 - (k1o - off)
					if x1 >= n-x2 {
						return a0 + x1, b0 + y1, true
					}
				}
			}
		}
	}
	return 0, 0, false
}

// Presentation.

// tidy merges a lone single-line whitespace equal between two replacements
// into one replacement. Minimal diffs of "a b c" → "x y z" keep the spaces
// equal and read as three separate edits; an editor reads one rewritten
// phrase. Line breaks are never folded, so paragraph structure stays visible.
// Only replacements (both deleting and inserting) are joined: folding a space
// into a pure insertion would move it inside the markup ("[-a -]{+x y+}").
func tidy(segs []seg, a string, ta []int) []seg {
	replace := func(s seg) bool { return !s.equal && s.na > 0 && s.nb > 0 }
	out := make([]seg, 0, len(segs))
	for i := 0; i < len(segs); i++ {
		s := segs[i]
		if s.equal && len(out) > 0 && replace(out[len(out)-1]) &&
			i+1 < len(segs) && replace(segs[i+1]) && inlineSpace(a[ta[s.a0]:ta[s.a0+s.na]]) {
			last := &out[len(out)-1]
			last.na += s.na + segs[i+1].na
			last.nb += s.nb + segs[i+1].nb
			i++
			continue
		}
		out = append(out, s)
	}
	return out
}

func inlineSpace(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r == '\n' || r == '\r' || r == '\v' || r == '\f' || r == '\u2028' || r == '\u2029' || r == '\u0085' || !unicode.IsSpace(r) {
			return false
		}
	}
	return true
}

func render(segs []seg, a string, ta []int, b string, tb []int) []Op {
	var ops []Op
	for _, s := range segs {
		if s.equal {
			ops = append(ops, Op{Equal, a[ta[s.a0]:ta[s.a0+s.na]]})
			continue
		}
		if s.na > 0 {
			ops = append(ops, Op{Delete, a[ta[s.a0]:ta[s.a0+s.na]]})
		}
		if s.nb > 0 {
			ops = append(ops, Op{Insert, b[tb[s.b0]:tb[s.b0+s.nb]]})
		}
	}
	return ops
}
