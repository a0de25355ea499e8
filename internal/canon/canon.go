// Package canon writes canonical JSON: object keys sorted by their UTF-8 bytes, no
// insignificant whitespace, no HTML escaping, numbers as encoding/json writes them.
// The journal hashes canonical JSON, so the same record always hashes the same, and an
// auditor can recompute a hash with any JSON library that sorts keys.
package canon

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"unicode/utf8"
)

// Marshal returns the canonical JSON of v: what Canonicalize makes of json.Marshal(v),
// byte for byte, but written directly from v (see encode.go). Values the direct encoder
// cannot vouch for, and every value json.Marshal refuses, take the long way, so errors
// are encoding/json's. A panic in a MarshalJSON, MarshalText or IsZero method is
// returned as an error.
func Marshal(v any) ([]byte, error) {
	if out, err := marshalFast(v); err == nil {
		return out, nil
	}
	return marshalSlowRecover(v)
}

// marshalSlowRecover runs marshalSlow, turning a panic into an error: a record that
// cannot be encoded must fail its write, not bring the process down.
func marshalSlowRecover(v any) (out []byte, err error) {
	defer func() {
		if r := recover(); r != nil {
			out, err = nil, fmt.Errorf("canonical json: panic encoding %T: %v", v, r)
		}
	}()
	return marshalSlow(v)
}

// marshalSlow is the definition of Marshal's output: encoding/json's, reshaped by
// Canonicalize. The fast path is tested against it, and falls back to it.
func marshalSlow(v any) ([]byte, error) {
	raw, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("canonical json: %w", err)
	}
	return Canonicalize(raw)
}

// Canonicalize rewrites JSON text in canonical form. It refuses anything that is not a
// single JSON value.
func Canonicalize(raw []byte) ([]byte, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, fmt.Errorf("canonical json: %w", err)
	}
	// dec.More alone misses a stray ']' or '}' after the value; json.Marshal refuses
	// such MarshalJSON output, so Canonicalize must too for Marshal to agree with it.
	if dec.More() || !onlySpace(raw[dec.InputOffset():]) {
		return nil, fmt.Errorf("canonical json: trailing data after the value")
	}
	var buf bytes.Buffer
	buf.Grow(len(raw))
	if err := write(&buf, v); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// onlySpace reports whether b is JSON whitespace.
func onlySpace(b []byte) bool {
	for _, c := range b {
		if c != ' ' && c != '\t' && c != '\n' && c != '\r' {
			return false
		}
	}
	return true
}

func write(buf *bytes.Buffer, v any) error {
	switch x := v.(type) {
	case nil:
		buf.WriteString("null")
	case bool:
		buf.WriteString(strconv.FormatBool(x))
	case json.Number:
		buf.WriteString(x.String())
	case string:
		AppendString(buf, x)
	case []any:
		buf.WriteByte('[')
		for i, e := range x {
			if i > 0 {
				buf.WriteByte(',')
			}
			if err := write(buf, e); err != nil {
				return err
			}
		}
		buf.WriteByte(']')
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		buf.WriteByte('{')
		for i, k := range keys {
			if i > 0 {
				buf.WriteByte(',')
			}
			AppendString(buf, k)
			buf.WriteByte(':')
			if err := write(buf, x[k]); err != nil {
				return err
			}
		}
		buf.WriteByte('}')
	default:
		return fmt.Errorf("canonical json: unexpected %T", v)
	}
	return nil
}

const hex = "0123456789abcdef"

// AppendString writes s as a JSON string the way encoding/json does with HTML escaping
// off: quotes, backslashes and control characters escaped, U+2028 and U+2029 escaped,
// invalid UTF-8 replaced by U+FFFD.
func AppendString(buf *bytes.Buffer, s string) {
	buf.WriteByte('"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < 0x80 {
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
		if r == 0xFFFD && size == 1 {
			buf.WriteString(s[start:i])
			buf.WriteString(`\ufffd`)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			buf.WriteString(s[start:i])
			buf.WriteString(`\u202`)
			buf.WriteByte(hex[r&0xf])
			i += size
			start = i
			continue
		}
		i += size
	}
	buf.WriteString(s[start:])
	buf.WriteByte('"')
}
