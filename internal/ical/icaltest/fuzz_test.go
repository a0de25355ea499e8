package icaltest

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
)

// FuzzCheck feeds arbitrary bytes to the checker. Besides not panicking it
// asserts properties that hold for every input: both modes terminate without
// error, line numbers stay inside the input, the result is deterministic,
// and strict mode reports everything tolerant mode reports (it only adds
// rules).
func FuzzCheck(f *testing.F) {
	f.Add([]byte(event("SUMMARY:Сессия\\, день 1")))
	f.Add([]byte(strings.ReplaceAll(event(), "\r\n", "\n")))
	f.Add([]byte(event("DESCRIPTION:" + strings.Repeat("Длинная строка ", 12))))
	f.Add([]byte("BEGIN:VCALENDAR\r\n BEGIN:VEVENT\r\nX;A=\"b:c\";D=e,f:g\r\n\r\nEND:VTODO\r\n"))
	f.Add([]byte("\xef\xbb\xbfBEGIN:VCALENDAR\rEND:VCALENDAR"))
	f.Fuzz(func(t *testing.T, data []byte) {
		tolerant, err := CheckWith(bytes.NewReader(data), CheckOptions{})
		if err != nil {
			t.Fatalf("tolerant: %v", err)
		}
		strict, err := Check(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("strict: %v", err)
		}
		again, _ := Check(bytes.NewReader(data))
		if fmt.Sprint(strict) != fmt.Sprint(again) {
			t.Fatalf("strict check is not deterministic")
		}
		maxLine := bytes.Count(data, []byte("\n")) + 1
		for _, p := range strict {
			if p.Line < 0 || p.Line > maxLine || p.Message == "" {
				t.Fatalf("bad problem %+v for %d-line input", p, maxLine)
			}
		}
		if len(strict) >= maxProblems {
			return // the cap may cut tolerant-mode problems from the strict report
		}
		seen := map[Problem]int{}
		for _, p := range strict {
			seen[p]++
		}
		for _, p := range tolerant {
			if seen[p] == 0 {
				t.Fatalf("tolerant problem %v missing from strict report %v", p, strict)
			}
			seen[p]--
		}
	})
}
