package store

import (
	"bytes"
	"strconv"
	"unicode/utf8"
)

// Journal entries written before the record adopted RFC 8785 (record_meta's jcs_from)
// were hashed with secretariat's first canonical form: the same key order and layout,
// but strings escaped as encoding/json escapes them (U+2028, U+2029 and invalid UTF-8 as
// \u escapes) and numbers as encoding/json wrote them. Their after-images are kept as
// they were hashed; only the envelope around them is rebuilt, with these strings.

// legacyCanonicalEntry is CanonicalEntry in the first canonical form.
func legacyCanonicalEntry(seq int64, at, actor, verb, entity, id string, after []byte) []byte {
	var b bytes.Buffer
	b.Grow(len(after) + 200)
	b.WriteString(`{"actor":`)
	legacyAppendString(&b, actor)
	b.WriteString(`,"after":`)
	b.Write(after)
	b.WriteString(`,"at":`)
	legacyAppendString(&b, at)
	b.WriteString(`,"entity":`)
	legacyAppendString(&b, entity)
	b.WriteString(`,"id":`)
	legacyAppendString(&b, id)
	b.WriteString(`,"seq":`)
	b.WriteString(strconv.FormatInt(seq, 10))
	b.WriteString(`,"verb":`)
	legacyAppendString(&b, verb)
	b.WriteByte('}')
	return b.Bytes()
}

// legacyAppendString writes s as encoding/json does with HTML escaping off.
func legacyAppendString(buf *bytes.Buffer, s string) {
	const hex = "0123456789abcdef"
	buf.WriteByte('"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			buf.WriteString(s[start:i])
			switch c {
			case '"', '\\':
				buf.WriteByte('\\')
				buf.WriteByte(c)
			case '\n':
				buf.WriteString(`\n`)
			case '\r':
				buf.WriteString(`\r`)
			case '\t':
				buf.WriteString(`\t`)
			case '\b':
				buf.WriteString(`\b`)
			case '\f':
				buf.WriteString(`\f`)
			default:
				buf.WriteString(`\u00`)
				buf.WriteByte(hex[c>>4])
				buf.WriteByte(hex[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || r == '\u2028' || r == '\u2029' {
			buf.WriteString(s[start:i])
			if r == utf8.RuneError {
				buf.WriteString(`\ufffd`)
			} else {
				buf.WriteString(`\u202`)
				buf.WriteByte(hex[r&0xf])
			}
			i += size
			start = i
			continue
		}
		i += size
	}
	buf.WriteString(s[start:])
	buf.WriteByte('"')
}
