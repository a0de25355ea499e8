package chart

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Widths of the text estimate, in ems; see the package doc for where they come from.
const (
	charEm  = 0.55 // lower-case letters, digits, punctuation, spaces
	capEm   = 0.68 // capital letters, wider in every sans-serif face
	boldMul = 1.09 // bold faces run about 9% wider
)

// Vertical text metrics, as fractions of the font size, used to keep text inside the
// canvas: glyphs rise at most ascent above the baseline and drop at most descent below it.
const (
	ascent  = 0.8
	descent = 0.25
	// midline is how far below the visual middle of a line of lower-case text and digits
	// the baseline lies, to centre a label on a point.
	midline = 0.35
)

// TextWidth estimates the advance width in points of s set in size-point type: 0.55 em a
// character, 0.68 em a capital letter, 9% more in bold. The layout uses it to decide what
// fits, and a renderer with real font metrics can use it to check its font agrees.
func TextWidth(s string, size float64, bold bool) float64 {
	w := 0.0
	for _, r := range s {
		w += runeEm(r)
	}
	if bold {
		w *= boldMul
	}
	return w * size
}

func runeEm(r rune) float64 {
	if unicode.IsUpper(r) {
		return capEm
	}
	return charEm
}

// clean makes s safe to draw: valid UTF-8, no control characters and no characters XML
// forbids, runs of spaces collapsed, no leading or trailing space. Non-breaking spaces stay,
// as they are meant ("1 000", "т. е.").
func clean(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.Map(func(r rune) rune {
		switch {
		case unicode.IsControl(r), r == '\u2028', r == '\u2029':
			return ' '
		case r == 0xFFFE, r == 0xFFFF:
			return '\uFFFD'
		}
		return r
	}, s)
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool { return r == ' ' }), " ")
}

// truncate shortens s with "…" so that it is at most maxW wide, cutting after a whole
// character and dropping the space or punctuation the cut would leave before the ellipsis.
// It returns "" when not even the ellipsis fits.
func truncate(s string, size float64, bold bool, maxW float64) string {
	if !(maxW > 0) {
		return ""
	}
	if TextWidth(s, size, bold) <= maxW+1e-9 {
		return s
	}
	room := maxW - TextWidth("…", size, bold)
	if room < -1e-9 {
		return ""
	}
	mul := size
	if bold {
		mul *= boldMul
	}
	w, cut := 0.0, 0
	for i, r := range s {
		w += runeEm(r) * mul
		if w > room+1e-9 {
			break
		}
		cut = i + utf8.RuneLen(r)
	}
	return strings.TrimRight(s[:cut], " ,;:.-–—") + "…"
}

// wrap breaks s at spaces into at most maxLines lines no wider than maxW; what does not fit
// in the last line is cut off with "…", as is a single word longer than a line.
func wrap(s string, size float64, bold bool, maxW float64, maxLines int) []string {
	if s == "" || maxLines < 1 || !(maxW > 0) {
		return nil
	}
	fits := func(t string) bool { return TextWidth(t, size, bold) <= maxW+1e-9 }
	words := strings.Split(s, " ")
	var lines []string
	for i := 0; i < len(words); {
		if len(lines) == maxLines-1 {
			// The last line takes whatever is left.
			if t := truncate(strings.Join(words[i:], " "), size, bold, maxW); t != "" {
				lines = append(lines, t)
			}
			break
		}
		line := words[i]
		i++
		for i < len(words) && fits(line+" "+words[i]) {
			line += " " + words[i]
			i++
		}
		if t := truncate(line, size, bold, maxW); t != "" {
			lines = append(lines, t)
		}
	}
	return lines
}
