// Package safetext names the characters that have no place in the record's text and
// that a terminal would obey rather than show: control characters (NUL, BEL, ESC, a lone
// carriage return…), DEL and the C1 controls, the bidirectional embeddings, overrides and
// isolates that reorder what a reader sees (Trojan Source, CVE-2021-42574), and bytes
// that are not UTF-8. The importers refuse such text with Problem; the command line
// passes everything it prints through Escape or a Writer, so that a record that holds
// "\x1b[2K" cannot rewrite the user's screen.
package safetext

import (
	"fmt"
	"io"
	"strings"
	"sync"
	"unicode/utf8"
)

// bidiNames names the bidirectional formatting characters that embed, override or
// isolate: they change the order in which the text around them is displayed. The marks
// (LRM, RLM, ALM) only lend a direction to neutral characters and belong in Arabic and
// Hebrew names, so they pass.
var bidiNames = map[rune]string{
	0x202A: "LEFT-TO-RIGHT EMBEDDING",
	0x202B: "RIGHT-TO-LEFT EMBEDDING",
	0x202C: "POP DIRECTIONAL FORMATTING",
	0x202D: "LEFT-TO-RIGHT OVERRIDE",
	0x202E: "RIGHT-TO-LEFT OVERRIDE",
	0x2066: "LEFT-TO-RIGHT ISOLATE",
	0x2067: "RIGHT-TO-LEFT ISOLATE",
	0x2068: "FIRST STRONG ISOLATE",
	0x2069: "POP DIRECTIONAL ISOLATE",
}

// controlNames are the C0 controls people know by name.
var controlNames = map[rune]string{
	0x00: "NUL", 0x07: "BEL", 0x08: "BS", 0x0B: "VT", 0x0C: "FF", 0x0D: "CR", 0x1B: "ESC", 0x7F: "DEL",
}

// Unsafe reports whether r is a character the record refuses and a terminal must not
// receive raw: a C0 control other than tab and line feed, DEL, a C1 control, or a
// bidirectional embedding, override or isolate.
func Unsafe(r rune) bool {
	switch {
	case r < 0x20:
		return r != '\t' && r != '\n'
	case r < 0x7F:
		return false
	case r <= 0x9F:
		return true // DEL and the C1 controls
	}
	return r >= 0x202A && r <= 0x202E || r >= 0x2066 && r <= 0x2069 // see bidiNames
}

// Name describes an unsafe character for an error message: "ESC (U+001B)", "a
// bidirectional override (U+202E RIGHT-TO-LEFT OVERRIDE)".
func Name(r rune) string {
	if n, ok := bidiNames[r]; ok {
		return fmt.Sprintf("a bidirectional control (U+%04X %s)", r, n)
	}
	if n, ok := controlNames[r]; ok {
		return fmt.Sprintf("%s (U+%04X)", n, r)
	}
	return fmt.Sprintf("a control character (U+%04X)", r)
}

// Problem says what is wrong with s as text for the record, or "" when nothing is: the
// first byte that is not UTF-8, or the first unsafe character, with its place (a
// 1-based character count).
func Problem(s string) string {
	n := 0
	for i := 0; i < len(s); {
		n++
		if c := s[i]; c >= 0x20 && c < 0x7F || c == '\t' || c == '\n' {
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			return fmt.Sprintf("byte 0x%02X at character %d is not UTF-8 (is the file in another encoding, such as Latin-1 or Windows-1251? save it as UTF-8)", s[i], n)
		}
		if Unsafe(r) {
			return fmt.Sprintf("%s at character %d: text may not hold control characters", Name(r), n)
		}
		i += size
	}
	return ""
}

// LineProblem is Problem for a text of several lines: it gives the 1-based line of the
// first problem too, or 0 and "" when there is none.
func LineProblem(s string) (int, string) {
	for i, line := range strings.Split(s, "\n") {
		if p := Problem(line); p != "" {
			return i + 1, p
		}
	}
	return 0, ""
}

// Blank replaces every unsafe character of s with a space, and says how many it
// replaced. It is for free text known to carry debris (text extracted from PDF holds
// backspaces). s must be UTF-8 (check it with Problem or utf8.ValidString first): a byte
// that is not would come out as U+FFFD.
func Blank(s string) (string, int) {
	n := 0
	out := strings.Map(func(r rune) rune {
		if Unsafe(r) {
			n++
			return ' '
		}
		return r
	}, s)
	if n == 0 {
		return s, 0
	}
	return out, n
}

// Escape returns s with every unsafe character written as an escape a person can read
// and a terminal does not obey: ASCII controls as \x1b, other characters as \u202e,
// bytes that are not UTF-8 as \xff. Tab and line feed pass, and so does a carriage
// return that ends a line (CRLF). The escapes of characters other than ASCII controls
// and bad bytes are also JSON's, so JSON text passed through Escape keeps its meaning
// (JSON itself escapes every ASCII control inside its strings).
func Escape(s string) string {
	if clean(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	escapeTo(&b, s)
	return b.String()
}

// clean reports quickly whether s needs no escape.
func clean(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 && c != '\t' && c != '\n' || c == 0x7F || c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// escapeTo writes s, escaped, to b. A carriage return passes only before a line feed.
func escapeTo(b *strings.Builder, s string) {
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c != 0x7F && c < utf8.RuneSelf || c == '\t' || c == '\n' {
			b.WriteByte(c)
			i++
			continue
		}
		if c == '\r' && i+1 < len(s) && s[i+1] == '\n' {
			b.WriteString("\r\n")
			i += 2
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(b, `\x%02x`, c)
		case r < utf8.RuneSelf:
			fmt.Fprintf(b, `\x%02x`, r)
		case Unsafe(r):
			fmt.Fprintf(b, `\u%04x`, r)
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
}

// Writer escapes everything written through it (see Escape) before passing it on. A
// character split across two writes, or a carriage return at the end of one write, is
// held until the next write or Flush, so that it is judged whole. It is safe for
// concurrent use.
type Writer struct {
	mu   sync.Mutex
	w    io.Writer
	held []byte
}

// NewWriter returns a Writer that escapes for w.
func NewWriter(w io.Writer) *Writer { return &Writer{w: w} }

// Write escapes p and writes it on. It reports len(p) written when the escaped text was
// written whole.
func (w *Writer) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	buf := append(w.held, p...)
	cut := len(buf) - heldTail(buf)
	w.held = append(w.held[:0:0], buf[cut:]...)
	if cut == 0 {
		return len(p), nil
	}
	s := string(buf[:cut])
	if !clean(s) {
		var b strings.Builder
		escapeTo(&b, s)
		s = b.String()
	}
	if _, err := io.WriteString(w.w, s); err != nil {
		return 0, err
	}
	return len(p), nil
}

// Flush writes what is held back (an unfinished character, a final carriage return),
// escaped.
func (w *Writer) Flush() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if len(w.held) == 0 {
		return nil
	}
	var b strings.Builder
	escapeTo(&b, string(w.held))
	w.held = nil
	_, err := io.WriteString(w.w, b.String())
	return err
}

// heldTail returns how many bytes at the end of p must wait for the next write: a
// carriage return (a line feed may follow), or the start of a UTF-8 sequence that is not
// complete yet.
func heldTail(p []byte) int {
	if n := len(p); n > 0 && p[n-1] == '\r' {
		return 1
	}
	// A UTF-8 sequence is at most 4 bytes: look back at most 3 for its start.
	for k := 1; k <= 3 && k <= len(p); k++ {
		c := p[len(p)-k]
		if c < utf8.RuneSelf {
			return 0
		}
		if utf8.RuneStart(c) {
			if need := seqLen(c); need > k {
				return k
			}
			return 0
		}
	}
	return 0
}

// seqLen is the length of the UTF-8 sequence that starts with c (1 for a byte that
// starts none).
func seqLen(c byte) int {
	switch {
	case c&0xE0 == 0xC0:
		return 2
	case c&0xF0 == 0xE0:
		return 3
	case c&0xF8 == 0xF0:
		return 4
	}
	return 1
}
