package pdf

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// rgb is a colour as fpdf takes it.
type rgb struct{ r, g, b int }

// style is how a run of text is set. Styles are compared with ==, so that a line's
// words of one style are written as one string.
type style struct {
	size  float64
	bold  bool
	color rgb
	// link is an http(s) address the text links to, or "".
	link string
}

// span is a run of text in one style.
type span struct {
	text string
	st   style
}

// token is a word: the unit lines are broken between.
type token struct {
	text string
	st   style
	w    float64
	// space says a breakable space precedes the word; gap is its width once the word is
	// placed on a line (0 at the start of a line).
	space bool
	gap   float64
	// breaks is the number of forced line breaks before the word.
	breaks int
}

// clean makes text safe for fpdf: valid UTF-8, no control characters but the line
// breaks, and only characters of the Basic Multilingual Plane, the only ones fpdf's
// UTF-8 fonts can map (beyond it, its width table is indexed out of range).
func clean(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n':
			return r
		case r == '\t', r == '\r', r == '\u2028', r == '\u2029':
			return ' '
		case unicode.IsControl(r):
			return -1
		case r > 0xFFFF, r == 0xFFFE, r == 0xFFFF:
			return '\uFFFD'
		}
		return r
	}, s)
}

// tokenize cuts spans into words at ordinary spaces. A no-break space is not a break: it
// keeps "250 000" and "kind id" whole.
func tokenize(spans []span) []token {
	var out []token
	space, breaks := false, 0
	for _, sp := range spans {
		for li, line := range strings.Split(clean(sp.text), "\n") {
			if li > 0 {
				breaks++
				space = false
			}
			for wi, w := range strings.Split(line, " ") {
				if wi > 0 {
					space = true
				}
				if w == "" {
					continue
				}
				out = append(out, token{text: w, st: sp.st, space: space && len(out) > 0, breaks: breaks})
				space, breaks = false, 0
			}
		}
	}
	return out
}

// layout breaks words into lines no wider than maxW. A word wider than a line is cut,
// after a hyphen, slash or comma if one allows, else between letters.
func (d *doc) layout(toks []token, maxW float64) [][]token {
	var lines [][]token
	var cur []token
	curW := 0.0
	flush := func() {
		lines = append(lines, cur)
		cur, curW = nil, 0
	}
	for _, t := range toks {
		if t.breaks > 0 && (len(cur) > 0 || len(lines) > 0) {
			flush()
			for i := 1; i < t.breaks; i++ {
				lines = append(lines, nil)
			}
		}
		t.w = d.width(t.text, t.st)
		t.gap = 0
		if t.space && len(cur) > 0 {
			t.gap = d.width(" ", t.st)
		}
		if len(cur) > 0 && curW+t.gap+t.w > maxW {
			flush()
			t.gap = 0
		}
		if len(cur) == 0 && t.w > maxW {
			pieces := d.split(t, maxW)
			for _, p := range pieces[:len(pieces)-1] {
				lines = append(lines, []token{p})
			}
			t = pieces[len(pieces)-1]
		}
		cur = append(cur, t)
		curW += t.gap + t.w
	}
	if len(cur) > 0 {
		flush()
	}
	return lines
}

// split cuts a word into pieces no wider than maxW (but for a single character wider
// than the line, which is left to stick out rather than lost).
func (d *doc) split(t token, maxW float64) []token {
	var out []token
	rest := t.text
	for rest != "" {
		cut, soft := 0, 0
		for i, r := range rest {
			end := i + utf8.RuneLen(r)
			if d.width(rest[:end], t.st) > maxW {
				break
			}
			cut = end
			if strings.ContainsRune("-/,_.", r) && end < len(rest) {
				soft = end
			}
		}
		if cut == len(rest) {
			break
		}
		if soft > 0 {
			cut = soft
		}
		if cut == 0 {
			_, size := utf8.DecodeRuneInString(rest)
			cut = size
		}
		out = append(out, token{text: rest[:cut], st: t.st, w: d.width(rest[:cut], t.st)})
		rest = rest[cut:]
	}
	if rest != "" {
		out = append(out, token{text: rest, st: t.st, w: d.width(rest, t.st)})
	}
	if len(out) == 0 {
		out = append(out, t)
	}
	return out
}

// lineWidth is the width of a laid-out line.
func lineWidth(line []token) float64 {
	w := 0.0
	for _, t := range line {
		w += t.gap + t.w
	}
	return w
}

// lineSize is the largest type size on a line.
func lineSize(line []token) float64 {
	s := 0.0
	for _, t := range line {
		s = max(s, t.st.size)
	}
	return s
}

// baseline places the baseline in a line box of height lead so that capitals and
// digits sit in its middle.
func baseline(top, lead, size float64) float64 { return top + lead/2 + 0.36*size }

// drawLine writes a line with its left end at x. Neighbouring words of one style are
// written as one string, which keeps the text whole for copy and search.
func (d *doc) drawLine(line []token, x, base float64) {
	cx := x
	for i := 0; i < len(line); {
		cx += line[i].gap
		st := line[i].st
		s, w := line[i].text, line[i].w
		j := i + 1
		for ; j < len(line) && line[j].st == st; j++ {
			// Words written together keep their own spacing: a word that follows
			// another span without a space ("2003" then ".") gets none.
			if line[j].gap > 0 {
				s += " "
			}
			s += line[j].text
			w += line[j].gap + line[j].w
		}
		d.text(cx, base, s, st)
		if st.link != "" {
			d.f.LinkString(cx, base-0.9*st.size, w, 1.15*st.size, st.link)
		}
		cx += w
		i = j
	}
}

// flow sets spans as a ragged-right paragraph from the cursor, x to x+w, lead points a
// line, breaking pages as needed. deco, if given, is called for each line box (to draw
// a rule beside it, say).
func (d *doc) flow(spans []span, x, w, lead float64, deco func(y, h float64)) {
	for _, line := range d.layout(tokenize(spans), w) {
		d.room(lead)
		if deco != nil {
			deco(d.y, lead)
		}
		if len(line) > 0 {
			d.drawLine(line, x, baseline(d.y, lead, lineSize(line)))
		}
		d.y += lead
	}
}

// setFont selects the face and size of st, unless they are selected already.
func (d *doc) setFont(st style) {
	if d.cur.set && d.cur.bold == st.bold && d.cur.size == st.size {
		return
	}
	family := d.fonts.regular.family
	if st.bold && d.fonts.bold != nil {
		family = d.fonts.bold.family
	}
	d.f.SetFont(family, "", st.size)
	d.cur.bold, d.cur.size, d.cur.set = st.bold, st.size, true
}

// width measures s in style st.
func (d *doc) width(s string, st style) float64 {
	d.setFont(st)
	return d.f.GetStringWidth(s)
}

// fauxBoldWidth is the outline stroke that fakes bold when there is no bold face: thin
// enough to leave the advance widths as they are.
func fauxBoldWidth(size float64) float64 { return 0.05 * size }

// text writes s with its baseline's left end at (x, y).
func (d *doc) text(x, y float64, s string, st style) {
	if s == "" {
		return
	}
	d.setFont(st)
	f := d.f
	f.SetTextColor(st.color.r, st.color.g, st.color.b)
	if st.bold && d.fonts.bold == nil {
		// One font file for both faces: bold is made by stroking the outlines as well as
		// filling them, so headings still stand out.
		f.SetDrawColor(st.color.r, st.color.g, st.color.b)
		f.SetLineWidth(fauxBoldWidth(st.size))
		f.SetTextRenderingMode(2)
		f.Text(x, y, s)
		f.SetTextRenderingMode(0)
		return
	}
	f.Text(x, y, s)
}
