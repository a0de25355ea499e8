package ical

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// This file holds a deliberately naive, test-only reader for the writer's
// output, written independently of the package code so that writer tests do
// not grade the writer with its own logic.

// decodedEvent maps property name to its first value, already unescaped.
type decodedEvent map[string]string

// decodeOutput unfolds CRLF-folded output and returns the VCALENDAR-level
// properties and each VEVENT's properties.
func decodeOutput(t testing.TB, data string) (decodedEvent, []decodedEvent) {
	t.Helper()
	if !strings.HasSuffix(data, "\r\n") {
		t.Fatalf("output does not end with CRLF")
	}
	unfolded := strings.ReplaceAll(data, "\r\n ", "")
	cal := decodedEvent{}
	var events []decodedEvent
	var cur decodedEvent
	for _, line := range strings.Split(strings.TrimSuffix(unfolded, "\r\n"), "\r\n") {
		name, value, ok := strings.Cut(line, ":")
		if !ok {
			t.Fatalf("line without colon: %q", line)
		}
		switch line {
		case "BEGIN:VEVENT":
			cur = decodedEvent{}
			continue
		case "END:VEVENT":
			events = append(events, cur)
			cur = nil
			continue
		}
		target := cal
		if cur != nil {
			target = cur
		}
		if _, dup := target[name]; !dup {
			target[name] = decodeTextForTest(value)
		}
	}
	return cal, events
}

func decodeTextForTest(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' || i+1 == len(s) {
			b.WriteByte(s[i])
			continue
		}
		i++
		if s[i] == 'n' || s[i] == 'N' {
			b.WriteByte('\n')
		} else {
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

// wantText restates WriteTo's documented policy for free text: invalid UTF-8
// and control characters other than tab become U+FFFD; CRLF, CR and LF
// become a newline.
func wantText(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	return strings.Map(func(r rune) rune {
		if r != '\n' && r != '\t' && (r < 0x20 || r == 0x7F) {
			return utf8.RuneError
		}
		return r
	}, s)
}

// uidRejected restates which UIDs WriteTo must refuse.
func uidRejected(uid string) bool {
	return uid == "" || !utf8.ValidString(uid) || strings.ContainsFunc(uid, func(r rune) bool {
		return (r < 0x20 && r != '\t') || r == 0x7F
	})
}

// crlf joins lines as content lines: each ends with CRLF.
func crlf(lines ...string) string { return strings.Join(lines, "\r\n") + "\r\n" }
