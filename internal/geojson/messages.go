package geojson

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"unicode/utf8"
)

// describe names the kind of a decoded JSON value for messages.
func describe(v any) string {
	switch v := v.(type) {
	case nil:
		return "null"
	case bool:
		return "a boolean"
	case json.Number:
		return "the number " + shorten(string(v))
	case string:
		return "the string " + quote(v)
	case []any:
		return "an array"
	case map[string]any:
		return "an object"
	}
	return fmt.Sprintf("%T", v)
}

// describeRaw names the kind of a raw JSON value, known to be valid, from
// its first byte, without decoding what may be a large value.
func describeRaw(raw []byte) string {
	raw = trimSpace(raw)
	if len(raw) == 0 {
		return "nothing"
	}
	switch raw[0] {
	case '{':
		return "an object"
	case '[':
		return "an array"
	case '"':
		return "a string"
	case 't', 'f':
		return "a boolean"
	case 'n':
		return "null"
	}
	return "the number " + shorten(string(raw))
}

// literal gives a number as it was written in the input, shortened, because
// that is what the person will search for in their text.
func literal(v any) string {
	n, _ := v.(json.Number)
	return shorten(string(n))
}

// quote quotes a string from the input, shortened so messages stay short.
func quote(s string) string {
	if utf8.RuneCountInString(s) <= maxShown {
		return strconv.Quote(s)
	}
	r := []rune(s)
	return strconv.Quote(string(r[:maxShown])) + "…"
}

// shorten cuts a number literal to maxShown bytes; number literals are
// ASCII, so cutting bytes cannot split a character.
func shorten(s string) string {
	if len(s) <= maxShown {
		return s
	}
	return s[:maxShown] + "…"
}

func join(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}

func index(path string, i int) string {
	return path + "[" + strconv.Itoa(i) + "]"
}

func prefix(path string) string {
	if path == "" {
		return ""
	}
	return path + ": "
}

func fail(path, format string, args ...any) error {
	return errors.New(prefix(path) + fmt.Sprintf(format, args...))
}
