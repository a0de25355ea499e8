// Package canon writes canonical JSON as RFC 8785 defines it (the JSON Canonicalization
// Scheme, JCS): object members sorted by the UTF-16 code units of their names, no
// insignificant whitespace, strings with only the escapes JSON requires, and numbers as
// ECMAScript writes an IEEE 754 double. The journal hashes canonical JSON, so an auditor
// recomputes every hash with any JCS implementation, in any language.
//
// Input that JCS cannot represent faithfully is refused rather than changed: duplicate
// member names, invalid UTF-8 or lone surrogates, numbers beyond a double's range, and
// integers above 2^53 that a double would round.
package canon

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// maxDepth bounds the nesting of arrays and objects, as encoding/json's decoder does.
const maxDepth = 10000

// Marshal returns the canonical JSON of v: encoding/json's encoding of v, canonicalized.
// A panic in a MarshalJSON, MarshalText or IsZero method is returned as an error: a
// record that cannot be encoded must fail its write, not bring the process down.
func Marshal(v any) (out []byte, err error) {
	defer func() {
		if r := recover(); r != nil {
			out, err = nil, fmt.Errorf("canonical json: panic encoding %T: %v", v, r)
		}
	}()
	raw, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("canonical json: %w", err)
	}
	return Canonicalize(raw)
}

// Canonicalize rewrites one JSON value in canonical form. It refuses anything that is
// not a single JSON value, and input that JCS cannot represent faithfully.
func Canonicalize(raw []byte) ([]byte, error) {
	p := parser{data: raw}
	p.space()
	out, err := p.value(make([]byte, 0, len(raw)))
	if err != nil {
		return nil, fmt.Errorf("canonical json: %w", err)
	}
	p.space()
	if p.pos != len(p.data) {
		return nil, fmt.Errorf("canonical json: trailing data after the value at byte %d", p.pos)
	}
	return out, nil
}

// AppendString writes s as a canonical JSON string into buf. Invalid UTF-8 becomes
// U+FFFD, as encoding/json makes it.
func AppendString(buf *bytes.Buffer, s string) {
	buf.Write(appendString(nil, s))
}

// appendString writes s as JCS writes strings: quotation mark, reverse solidus and the
// control characters escaped (the five with short forms as \b \t \n \f \r, the others as
// \u00xx), every other character as itself.
func appendString(dst []byte, s string) []byte {
	const hex = "0123456789abcdef"
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' && c < utf8.RuneSelf {
			i++
			continue
		}
		if c >= utf8.RuneSelf {
			r, size := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && size == 1 {
				dst = append(dst, s[start:i]...)
				dst = append(dst, "\uFFFD"...)
				i++
				start = i
				continue
			}
			i += size
			continue
		}
		dst = append(dst, s[start:i]...)
		switch c {
		case '"', '\\':
			dst = append(dst, '\\', c)
		case '\b':
			dst = append(dst, '\\', 'b')
		case '\t':
			dst = append(dst, '\\', 't')
		case '\n':
			dst = append(dst, '\\', 'n')
		case '\f':
			dst = append(dst, '\\', 'f')
		case '\r':
			dst = append(dst, '\\', 'r')
		default:
			dst = append(dst, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
		}
		i++
		start = i
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}

// AppendNumber writes f as ECMAScript's Number.prototype.toString writes a double, which
// is what JCS requires. NaN and the infinities have no JSON form.
func AppendNumber(dst []byte, f float64) ([]byte, error) {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return dst, fmt.Errorf("%v has no JSON form", f)
	}
	if f == 0 {
		return append(dst, '0'), nil // -0 too
	}
	if f < 0 {
		dst = append(dst, '-')
		f = -f
	}
	// The shortest digits that round-trip, and n such that f = 0.d1d2…dk × 10^n.
	e := strconv.AppendFloat(nil, f, 'e', -1, 64)
	mant, exp, _ := bytes.Cut(e, []byte("e"))
	digits := slices.DeleteFunc(slices.Clone(mant), func(c byte) bool { return c == '.' })
	x, _ := strconv.Atoi(string(exp))
	k, n := len(digits), x+1
	switch {
	case k <= n && n <= 21:
		dst = append(dst, digits...)
		for range n - k {
			dst = append(dst, '0')
		}
	case 0 < n && n <= 21:
		dst = append(dst, digits[:n]...)
		dst = append(dst, '.')
		dst = append(dst, digits[n:]...)
	case -6 < n && n <= 0:
		dst = append(dst, '0', '.')
		for range -n {
			dst = append(dst, '0')
		}
		dst = append(dst, digits...)
	default:
		dst = append(dst, digits[0])
		if k > 1 {
			dst = append(dst, '.')
			dst = append(dst, digits[1:]...)
		}
		dst = append(dst, 'e')
		if n-1 >= 0 {
			dst = append(dst, '+')
		}
		dst = strconv.AppendInt(dst, int64(n-1), 10)
	}
	return dst, nil
}

// parser reads JSON text and writes its canonical form as it goes.
type parser struct {
	data  []byte
	pos   int
	depth int
}

func (p *parser) space() {
	for p.pos < len(p.data) {
		switch p.data[p.pos] {
		case ' ', '\t', '\n', '\r':
			p.pos++
		default:
			return
		}
	}
}

func (p *parser) errorf(format string, args ...any) error {
	return fmt.Errorf("at byte %d: %s", p.pos, fmt.Sprintf(format, args...))
}

func (p *parser) value(out []byte) ([]byte, error) {
	if p.pos >= len(p.data) {
		return out, p.errorf("unexpected end of input")
	}
	switch c := p.data[p.pos]; {
	case c == '{':
		return p.object(out)
	case c == '[':
		return p.array(out)
	case c == '"':
		s, err := p.string()
		if err != nil {
			return out, err
		}
		return appendString(out, s), nil
	case c == 't':
		return p.literal(out, "true")
	case c == 'f':
		return p.literal(out, "false")
	case c == 'n':
		return p.literal(out, "null")
	case c == '-' || (c >= '0' && c <= '9'):
		return p.number(out)
	}
	return out, p.errorf("unexpected character %q", p.data[p.pos])
}

func (p *parser) literal(out []byte, lit string) ([]byte, error) {
	if !bytes.HasPrefix(p.data[p.pos:], []byte(lit)) {
		return out, p.errorf("invalid literal")
	}
	p.pos += len(lit)
	return append(out, lit...), nil
}

func (p *parser) enter() error {
	p.depth++
	if p.depth > maxDepth {
		return p.errorf("nested deeper than %d levels", maxDepth)
	}
	return nil
}

func (p *parser) array(out []byte) ([]byte, error) {
	if err := p.enter(); err != nil {
		return out, err
	}
	p.pos++
	out = append(out, '[')
	p.space()
	if p.pos < len(p.data) && p.data[p.pos] == ']' {
		p.pos++
		p.depth--
		return append(out, ']'), nil
	}
	for {
		var err error
		p.space()
		if out, err = p.value(out); err != nil {
			return out, err
		}
		p.space()
		if p.pos >= len(p.data) {
			return out, p.errorf("unterminated array")
		}
		switch p.data[p.pos] {
		case ',':
			p.pos++
			out = append(out, ',')
		case ']':
			p.pos++
			p.depth--
			return append(out, ']'), nil
		default:
			return out, p.errorf("expected , or ] in an array")
		}
	}
}

// member is one object member: its name, and its value's canonical bytes in the
// object's scratch buffer.
type member struct {
	name       string
	start, end int
}

func (p *parser) object(out []byte) ([]byte, error) {
	if err := p.enter(); err != nil {
		return out, err
	}
	p.pos++
	var members []member
	var scratch []byte
	p.space()
	if p.pos < len(p.data) && p.data[p.pos] == '}' {
		p.pos++
		p.depth--
		return append(out, '{', '}'), nil
	}
	for {
		p.space()
		if p.pos >= len(p.data) || p.data[p.pos] != '"' {
			return out, p.errorf("expected a member name")
		}
		name, err := p.string()
		if err != nil {
			return out, err
		}
		p.space()
		if p.pos >= len(p.data) || p.data[p.pos] != ':' {
			return out, p.errorf("expected : after a member name")
		}
		p.pos++
		p.space()
		start := len(scratch)
		if scratch, err = p.value(scratch); err != nil {
			return out, err
		}
		members = append(members, member{name: name, start: start, end: len(scratch)})
		p.space()
		if p.pos >= len(p.data) {
			return out, p.errorf("unterminated object")
		}
		if p.data[p.pos] == ',' {
			p.pos++
			continue
		}
		if p.data[p.pos] != '}' {
			return out, p.errorf("expected , or } in an object")
		}
		p.pos++
		p.depth--
		break
	}
	slices.SortFunc(members, func(a, b member) int { return compareUTF16(a.name, b.name) })
	out = append(out, '{')
	for i, m := range members {
		if i > 0 {
			if members[i-1].name == m.name {
				return out, fmt.Errorf("the member name %q appears twice in one object", m.name)
			}
			out = append(out, ',')
		}
		out = appendString(out, m.name)
		out = append(out, ':')
		out = append(out, scratch[m.start:m.end]...)
	}
	return append(out, '}'), nil
}

// compareUTF16 orders strings by their UTF-16 code units, as JCS sorts member names. A
// rune beyond the Basic Multilingual Plane starts with a high surrogate (U+D800–U+DBFF),
// which sorts before U+E000–U+FFFF although the rune itself is larger.
func compareUTF16(a, b string) int {
	for a != "" && b != "" {
		ra, na := utf8.DecodeRuneInString(a)
		rb, nb := utf8.DecodeRuneInString(b)
		if ra != rb {
			ua, ub := firstUnit(ra), firstUnit(rb)
			if ua != ub {
				return int(ua) - int(ub)
			}
			return int(ra) - int(rb)
		}
		a, b = a[na:], b[nb:]
	}
	return len(a) - len(b)
}

func firstUnit(r rune) rune {
	if r >= 0x10000 {
		hi, _ := utf16.EncodeRune(r)
		return hi
	}
	return r
}

// string reads a JSON string and returns its value. It refuses control characters,
// invalid UTF-8, bad escapes and lone surrogates.
func (p *parser) string() (string, error) {
	p.pos++ // the opening quote
	start := p.pos
	// Most strings have no escapes: their value is their bytes.
	for p.pos < len(p.data) {
		c := p.data[p.pos]
		if c == '"' {
			s := p.data[start:p.pos]
			if !utf8.Valid(s) {
				return "", p.errorf("a string is not valid UTF-8")
			}
			p.pos++
			return string(s), nil
		}
		if c == '\\' {
			break
		}
		if c < 0x20 {
			return "", p.errorf("a control character in a string must be escaped")
		}
		p.pos++
	}
	buf := append([]byte(nil), p.data[start:p.pos]...)
	for p.pos < len(p.data) {
		c := p.data[p.pos]
		switch {
		case c == '"':
			if !utf8.Valid(buf) {
				return "", p.errorf("a string is not valid UTF-8")
			}
			p.pos++
			return string(buf), nil
		case c < 0x20:
			return "", p.errorf("a control character in a string must be escaped")
		case c != '\\':
			buf = append(buf, c)
			p.pos++
			continue
		}
		if p.pos+1 >= len(p.data) {
			break
		}
		esc := p.data[p.pos+1]
		p.pos += 2
		switch esc {
		case '"', '\\', '/':
			buf = append(buf, esc)
		case 'b':
			buf = append(buf, '\b')
		case 'f':
			buf = append(buf, '\f')
		case 'n':
			buf = append(buf, '\n')
		case 'r':
			buf = append(buf, '\r')
		case 't':
			buf = append(buf, '\t')
		case 'u':
			r, err := p.hex4()
			if err != nil {
				return "", err
			}
			if utf16.IsSurrogate(r) {
				if r >= 0xDC00 || !bytes.HasPrefix(p.data[p.pos:], []byte(`\u`)) {
					return "", p.errorf("a lone surrogate \\u%04x has no character", r)
				}
				p.pos += 2
				lo, err := p.hex4()
				if err != nil {
					return "", err
				}
				if r = utf16.DecodeRune(r, lo); r == utf8.RuneError {
					return "", p.errorf("an invalid surrogate pair")
				}
			}
			buf = utf8.AppendRune(buf, r)
		default:
			return "", p.errorf("invalid escape \\%c", esc)
		}
	}
	return "", p.errorf("unterminated string")
}

func (p *parser) hex4() (rune, error) {
	if p.pos+4 > len(p.data) {
		return 0, p.errorf("a \\u escape needs four hex digits")
	}
	v, err := strconv.ParseUint(string(p.data[p.pos:p.pos+4]), 16, 32)
	if err != nil {
		return 0, p.errorf("a \\u escape needs four hex digits")
	}
	p.pos += 4
	return rune(v), nil
}

// significant returns the significant digits of a decimal number's text, without
// leading or trailing zeros, and the power of ten of the first of them; "" for zero.
func significant(text string) (digits string, exp int) {
	text = strings.TrimPrefix(text, "-")
	mant, e, _ := strings.Cut(strings.ToLower(text), "e")
	if e != "" {
		exp, _ = strconv.Atoi(e)
	}
	whole, frac, _ := strings.Cut(mant, ".")
	all := strings.TrimLeft(whole+frac, "0")
	exp += len(whole) - 1 - (len(whole+frac) - len(all))
	return strings.TrimRight(all, "0"), exp
}

// number reads a JSON number and writes it as JCS does.
func (p *parser) number(out []byte) ([]byte, error) {
	start := p.pos
	if p.data[p.pos] == '-' {
		p.pos++
	}
	digits := func() int {
		n := 0
		for p.pos < len(p.data) && p.data[p.pos] >= '0' && p.data[p.pos] <= '9' {
			p.pos++
			n++
		}
		return n
	}
	intStart := p.pos
	if n := digits(); n == 0 || (n > 1 && p.data[intStart] == '0') {
		return out, p.errorf("invalid number")
	}
	integer := true
	if p.pos < len(p.data) && p.data[p.pos] == '.' {
		p.pos++
		integer = false
		if digits() == 0 {
			return out, p.errorf("invalid number")
		}
	}
	if p.pos < len(p.data) && (p.data[p.pos] == 'e' || p.data[p.pos] == 'E') {
		p.pos++
		integer = false
		if p.pos < len(p.data) && (p.data[p.pos] == '+' || p.data[p.pos] == '-') {
			p.pos++
		}
		if digits() == 0 {
			return out, p.errorf("invalid number")
		}
	}
	text := string(p.data[start:p.pos])
	f, err := strconv.ParseFloat(text, 64)
	if err != nil {
		return out, p.errorf("the number %s is beyond the range of a double", text)
	}
	// An integer with more significant digits than a double keeps (9007199254740993,
	// above 2^53) would come out as another integer: refuse it rather than change it. A
	// decimal fraction is a double's approximation anyway, and JCS rounds it (RFC 8785
	// §3.2.2.3 writes 333333333.33333329 as 333333333.3333333).
	if d, e := significant(text); integer && d != "" {
		if sd, se := significant(strconv.FormatFloat(f, 'e', -1, 64)); sd != d || se != e {
			return out, p.errorf("the integer %s is above 2^53 and is not a double: it would not be kept exactly", text)
		}
	}
	return AppendNumber(out, f)
}
