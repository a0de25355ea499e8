package icaltest

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"
)

// logicalLine is an unfolded content line and the physical line it starts on.
type logicalLine struct {
	line int
	text []byte
}

// param is one property parameter; values keep their case, names are upper.
type param struct {
	name   string
	values []string
}

// contentLine is a parsed logical line: name *(";" param) ":" value.
type contentLine struct {
	name   string
	params []param
	value  string
}

func (cl *contentLine) param(name string) (string, bool) {
	for _, p := range cl.params {
		if p.name == name && len(p.values) > 0 {
			return p.values[0], true
		}
	}
	return "", false
}

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// unfold splits the stream into physical lines, applies the strict lexical
// rules to them, and joins folded lines (§3.1: CRLF followed by one space or
// tab is removed).
func (c *checker) unfold(data []byte) []logicalLine {
	var out []logicalLine
	lineNo := 0
	prevEndsMidRune := false
	for len(data) > 0 {
		lineNo++
		var phys []byte
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			phys, data = data[:i], data[i+1:]
			if n := len(phys); n > 0 && phys[n-1] == '\r' {
				phys = phys[:n-1]
			} else if c.strict {
				c.lexical("bare LF", lineNo, "line ends with a bare LF instead of CRLF (RFC 5545 §3.1)")
			}
		} else {
			phys, data = data, nil
			if c.strict {
				c.lexical("no CRLF at end", lineNo, "last line is not terminated by CRLF (RFC 5545 §3.1)")
			}
		}
		if c.strict && len(phys) > maxLineOctets {
			c.lexical("long line", lineNo, "line is %d octets long; content lines must be folded at 75 octets (RFC 5545 §3.1)", len(phys))
		}
		if len(phys) > 0 && (phys[0] == ' ' || phys[0] == '\t') {
			cont := phys[1:]
			if len(out) == 0 {
				c.add(lineNo, "continuation line (starting with whitespace) with no content line before it (RFC 5545 §3.1)")
				out = append(out, logicalLine{line: lineNo, text: cont[:len(cont):len(cont)]})
			} else {
				if c.strict && prevEndsMidRune && len(cont) > 0 && !isRuneStart(cont[0]) {
					c.lexical("split UTF-8", lineNo, "fold splits a UTF-8 multi-octet character across lines (RFC 5545 §3.1)")
				}
				last := &out[len(out)-1]
				last.text = append(last.text, cont...)
			}
			prevEndsMidRune = endsMidRune(cont)
			continue
		}
		// The three-index slice makes the first append copy, so unfolding
		// never writes into the caller's buffer.
		out = append(out, logicalLine{line: lineNo, text: phys[:len(phys):len(phys)]})
		prevEndsMidRune = endsMidRune(phys)
	}
	return out
}

// endsMidRune reports whether b ends with an incomplete UTF-8 sequence.
func endsMidRune(b []byte) bool {
	n := len(b)
	if n == 0 || b[n-1] < 0x80 {
		return false
	}
	start := n - 1
	for start > 0 && start > n-utf8.UTFMax && !isRuneStart(b[start]) {
		start--
	}
	return !utf8.FullRune(b[start:])
}

func (c *checker) line(l logicalLine) {
	if c.strict && !utf8.Valid(l.text) {
		c.lexical("not UTF-8", l.line, "content line is not valid UTF-8, the iCalendar default charset (RFC 5545 §3.1.4)")
	}
	if len(l.text) == 0 {
		if f := c.top(); f != nil {
			c.add(l.line, "empty line inside %s; every line of an object must be a content line (RFC 5545 §3.1, §3.4)", f.name)
		} else if c.strict {
			c.lexical("blank line", l.line, "empty line between iCalendar objects (RFC 5545 §3.4)")
		}
		return
	}
	cl, err := parseContentLine(string(l.text))
	if err != nil {
		c.add(l.line, "malformed content line: %v (RFC 5545 §3.1: name *(\";\" param) \":\" value)", err)
		return
	}
	if ctl := findControl(&cl); ctl >= 0 {
		c.add(l.line, "%s contains control character U+%04X, which no iCalendar value may contain (RFC 5545 §3.1, §3.3.11)", cl.name, ctl)
	}
	switch cl.name {
	case "BEGIN":
		c.begin(l.line, &cl)
	case "END":
		c.end(l.line, &cl)
	default:
		c.property(l.line, &cl)
	}
}

// parseContentLine splits a logical line by the §3.1 grammar. Parameter
// values may be quoted; a colon inside quotes does not end the parameters.
func parseContentLine(s string) (contentLine, error) {
	var cl contentLine
	i := 0
	for i < len(s) && isNameChar(s[i]) {
		i++
	}
	if i == 0 {
		return cl, fmt.Errorf("no property name at start of %q", clip(s))
	}
	cl.name = strings.ToUpper(s[:i])
	for {
		if i >= len(s) {
			return cl, fmt.Errorf("no ':' after %q", clip(s))
		}
		switch s[i] {
		case ':':
			cl.value = s[i+1:]
			return cl, nil
		case ';':
			i++
			start := i
			for i < len(s) && isNameChar(s[i]) {
				i++
			}
			if i == start {
				return cl, fmt.Errorf("empty parameter name in %q", clip(s))
			}
			p := param{name: strings.ToUpper(s[start:i])}
			if i >= len(s) || s[i] != '=' {
				return cl, fmt.Errorf("parameter %s has no '=' in %q", p.name, clip(s))
			}
			i++
			for {
				if i < len(s) && s[i] == '"' {
					end := strings.IndexByte(s[i+1:], '"')
					if end < 0 {
						return cl, fmt.Errorf("unterminated quoted value of parameter %s", p.name)
					}
					p.values = append(p.values, s[i+1:i+1+end])
					i += end + 2
				} else {
					start := i
					for i < len(s) && s[i] != ';' && s[i] != ':' && s[i] != ',' && s[i] != '"' {
						i++
					}
					if i < len(s) && s[i] == '"' {
						return cl, fmt.Errorf("'\"' inside unquoted value of parameter %s", p.name)
					}
					p.values = append(p.values, s[start:i])
				}
				if i < len(s) && s[i] == ',' {
					i++
					continue
				}
				break
			}
			cl.params = append(cl.params, p)
		default:
			return cl, fmt.Errorf("unexpected %q after %q", s[i], clip(s[:i]))
		}
	}
}

// clip shortens s for use in a message.
func clip(s string) string {
	const max = 40
	if len(s) <= max {
		return s
	}
	cut := max
	for cut > 0 && !isRuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}

// findControl returns the first control character (CTL other than HTAB)
// in the parameters or value, or -1.
func findControl(cl *contentLine) int {
	check := func(s string) int {
		for i := 0; i < len(s); i++ {
			if b := s[i]; (b < 0x20 && b != '\t') || b == 0x7F {
				return int(b)
			}
		}
		return -1
	}
	for _, p := range cl.params {
		for _, v := range p.values {
			if r := check(v); r >= 0 {
				return r
			}
		}
	}
	return check(cl.value)
}
