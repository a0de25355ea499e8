package ical

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"secretariat/internal/ical/icaltest"
)

var (
	msk   = time.FixedZone("MSK", 3*3600)
	stamp = time.Date(2026, 1, 15, 12, 30, 45, 999, time.UTC)
)

func sampleCalendar() *Calendar {
	return &Calendar{
		ProdID: "-//Secretariat//Deadlines//RU",
		Name:   "Сроки, сессии; 2026",
		Events: []Event{
			{
				UID:         "task-17@secretariat.example",
				Stamp:       stamp.In(msk),
				Start:       time.Date(2026, 3, 1, 9, 0, 0, 0, msk),
				End:         time.Date(2026, 3, 1, 11, 0, 0, 0, msk),
				Summary:     "Report, part 1; draft",
				Description: "Line 1\nLine 2 \\ end",
				Location:    "Room A",
				URL:         "https://secretariat.example/tasks/17?lang=ru",
				Categories:  []string{"deadline", "", "report, annual"},
				Status:      "confirmed",
			},
			{
				UID:     "session-3@secretariat.example",
				Stamp:   stamp,
				Start:   time.Date(2026, 4, 6, 23, 30, 0, 0, msk), // date counts in its own zone
				End:     time.Date(2026, 4, 10, 0, 0, 0, 0, msk),
				AllDay:  true,
				Summary: "Сессия",
			},
			{
				UID:   "deadline-only@secretariat.example",
				Stamp: stamp,
				Start: time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC),
			},
		},
	}
}

func TestWriteToGolden(t *testing.T) {
	want := crlf(
		"BEGIN:VCALENDAR",
		"VERSION:2.0",
		"PRODID:-//Secretariat//Deadlines//RU",
		"CALSCALE:GREGORIAN",
		"METHOD:PUBLISH",
		`X-WR-CALNAME:Сроки\, сессии\; 2026`,
		"BEGIN:VEVENT",
		"UID:task-17@secretariat.example",
		"DTSTAMP:20260115T123045Z",
		"DTSTART:20260301T060000Z",
		"DTEND:20260301T080000Z",
		`SUMMARY:Report\, part 1\; draft`,
		`DESCRIPTION:Line 1\nLine 2 \\ end`,
		"LOCATION:Room A",
		"URL:https://secretariat.example/tasks/17?lang=ru",
		`CATEGORIES:deadline,report\, annual`,
		"STATUS:CONFIRMED",
		"END:VEVENT",
		"BEGIN:VEVENT",
		"UID:session-3@secretariat.example",
		"DTSTAMP:20260115T123045Z",
		"DTSTART;VALUE=DATE:20260406",
		"DTEND;VALUE=DATE:20260411",
		"SUMMARY:Сессия",
		"END:VEVENT",
		"BEGIN:VEVENT",
		"UID:deadline-only@secretariat.example",
		"DTSTAMP:20260115T123045Z",
		"DTSTART:20260501T000000Z",
		"END:VEVENT",
		"END:VCALENDAR",
	)
	var buf bytes.Buffer
	n, err := sampleCalendar().WriteTo(&buf)
	if err != nil {
		t.Fatalf("WriteTo: %v", err)
	}
	if got := buf.String(); got != want {
		t.Fatalf("output mismatch\n got: %q\nwant: %q", got, want)
	}
	if n != int64(buf.Len()) {
		t.Errorf("WriteTo returned %d, wrote %d bytes", n, buf.Len())
	}
	if probs, err := icaltest.Check(&buf); err != nil || probs != nil {
		t.Errorf("strict check: %v %v", probs, err)
	}
}

func TestWriteToDeterministic(t *testing.T) {
	var a, b bytes.Buffer
	if _, err := sampleCalendar().WriteTo(&a); err != nil {
		t.Fatal(err)
	}
	if _, err := sampleCalendar().WriteTo(&b); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Fatal("two writes of the same calendar differ")
	}
}

func TestWriteToFoldsRussianText(t *testing.T) {
	summary := strings.Repeat("Проверка сроков; доклад, пункт 3. ", 6)
	desc := "Первая строка\r\nвторая строка\nтретья: «кавычки» и \\ обратная черта"
	cal := &Calendar{ProdID: "-//Test//EN", Events: []Event{{
		UID: "ru@secretariat.example", Stamp: stamp, Start: stamp, Summary: summary, Description: desc,
	}}}
	var buf bytes.Buffer
	if _, err := cal.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	physical := strings.Split(strings.TrimSuffix(out, "\r\n"), "\r\n")
	folds := 0
	for i, line := range physical {
		if len(line) > 75 {
			t.Errorf("line %d is %d octets: %q", i+1, len(line), line)
		}
		if !utf8.ValidString(line) {
			t.Errorf("line %d splits a UTF-8 character: %q", i+1, line)
		}
		if strings.HasPrefix(line, " ") {
			folds++
		}
	}
	if folds < 5 {
		t.Errorf("expected the long summary to be folded several times, got %d folds", folds)
	}
	if probs, err := icaltest.Check(strings.NewReader(out)); err != nil || probs != nil {
		t.Fatalf("strict check: %v %v", probs, err)
	}
	_, events := decodeOutput(t, out)
	if got := events[0]["SUMMARY"]; got != summary {
		t.Errorf("SUMMARY round trip:\n got %q\nwant %q", got, summary)
	}
	if got, want := events[0]["DESCRIPTION"], wantText(desc); got != want {
		t.Errorf("DESCRIPTION round trip:\n got %q\nwant %q", got, want)
	}
}

func TestWriteLineFoldBoundaries(t *testing.T) {
	// Every offset of a two-octet letter relative to the fold point.
	for pad := 0; pad < 4; pad++ {
		for n := 60; n < 200; n += 7 {
			line := "SUMMARY:" + strings.Repeat("a", pad) + strings.Repeat("ж", n)
			var buf bytes.Buffer
			writeLine(&buf, line)
			out := buf.String()
			for _, phys := range strings.Split(strings.TrimSuffix(out, "\r\n"), "\r\n") {
				if len(phys) > 75 || !utf8.ValidString(phys) {
					t.Fatalf("pad %d n %d: bad physical line %q", pad, n, phys)
				}
			}
			if got := strings.ReplaceAll(strings.TrimSuffix(out, "\r\n"), "\r\n ", ""); got != line {
				t.Fatalf("pad %d n %d: unfolding does not restore the line", pad, n)
			}
		}
	}
}

func TestEscapeText(t *testing.T) {
	for in, want := range map[string]string{
		"plain":           "plain",
		`a\b`:             `a\\b`,
		"a;b,c":           `a\;b\,c`,
		"l1\r\nl2\rl3\n":  `l1\nl2\nl3\n`,
		"tab\tkept":       "tab\tkept",
		"nul\x00bell\x07": "nul\uFFFDbell\uFFFD",
		"bad\xffutf8":     "bad\uFFFDutf8",
		"colon: stays":    "colon: stays",
		"Сессия; «итог»":  `Сессия\; «итог»`,
	} {
		if got := escapeText(in); got != want {
			t.Errorf("escapeText(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestWriteToValidation(t *testing.T) {
	valid := func() Event {
		return Event{UID: "u@example.org", Stamp: stamp, Start: stamp}
	}
	cases := map[string]func(c *Calendar){
		"empty ProdID":       func(c *Calendar) { c.ProdID = " " },
		"empty UID":          func(c *Calendar) { c.Events[1].UID = "" },
		"UID with newline":   func(c *Calendar) { c.Events[1].UID = "a\nb" },
		"UID not UTF-8":      func(c *Calendar) { c.Events[1].UID = "a\xffb" },
		"zero Stamp":         func(c *Calendar) { c.Events[1].Stamp = time.Time{} },
		"zero Start":         func(c *Calendar) { c.Events[1].Start = time.Time{} },
		"End before Start":   func(c *Calendar) { c.Events[1].End = stamp.Add(-time.Hour) },
		"all-day End before": func(c *Calendar) { c.Events[1].AllDay = true; c.Events[1].End = stamp.AddDate(0, 0, -1) },
		"year 10000":         func(c *Calendar) { c.Events[1].Start = time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC) },
		"all-day ends in 10000": func(c *Calendar) {
			c.Events[1].AllDay = true
			c.Events[1].Start = time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC)
		},
		"bad Status":         func(c *Calendar) { c.Events[1].Status = "DONE" },
		"URL without scheme": func(c *Calendar) { c.Events[1].URL = "secretariat.example/x" },
		"URL with space":     func(c *Calendar) { c.Events[1].URL = "https://x.example/a b" },
		"URL with newline":   func(c *Calendar) { c.Events[1].URL = "https://x.example/a\nb" },
	}
	for name, mutate := range cases {
		t.Run(name, func(t *testing.T) {
			cal := &Calendar{ProdID: "-//Test//EN", Events: []Event{valid(), valid()}}
			mutate(cal)
			var buf bytes.Buffer
			n, err := cal.WriteTo(&buf)
			if !errors.Is(err, ErrInvalidCalendar) {
				t.Fatalf("want ErrInvalidCalendar, got %v", err)
			}
			if n != 0 || buf.Len() != 0 {
				t.Fatalf("invalid input produced %d bytes of output", buf.Len())
			}
		})
	}
	var nilCal *Calendar
	if _, err := nilCal.WriteTo(&bytes.Buffer{}); !errors.Is(err, ErrInvalidCalendar) {
		t.Errorf("nil calendar: %v", err)
	}
}

func TestWriteToEdgeCases(t *testing.T) {
	t.Run("no events is still a valid calendar", func(t *testing.T) {
		var buf bytes.Buffer
		if _, err := (&Calendar{ProdID: "-//Test//EN"}).WriteTo(&buf); err != nil {
			t.Fatal(err)
		}
		if probs, err := icaltest.Check(&buf); err != nil || probs != nil {
			t.Fatalf("strict check: %v %v", probs, err)
		}
	})
	t.Run("sub-second End equal to Start writes no DTEND", func(t *testing.T) {
		cal := &Calendar{ProdID: "x", Events: []Event{{UID: "u", Stamp: stamp, Start: stamp, End: stamp.Add(time.Millisecond)}}}
		var buf bytes.Buffer
		if _, err := cal.WriteTo(&buf); err != nil {
			t.Fatal(err)
		}
		if strings.Contains(buf.String(), "DTEND") {
			t.Fatalf("DTEND written for an instant:\n%s", buf.String())
		}
		if probs, _ := icaltest.Check(&buf); probs != nil {
			t.Fatal(probs)
		}
	})
	t.Run("single all-day event ends the next day", func(t *testing.T) {
		cal := &Calendar{ProdID: "x", Events: []Event{{UID: "u", Stamp: stamp, Start: time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC), AllDay: true}}}
		var buf bytes.Buffer
		if _, err := cal.WriteTo(&buf); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(buf.String(), "DTSTART;VALUE=DATE:20261231\r\nDTEND;VALUE=DATE:20270101\r\n") {
			t.Fatalf("unexpected dates:\n%s", buf.String())
		}
	})
	t.Run("writer error is wrapped", func(t *testing.T) {
		boom := errors.New("disk full")
		_, err := sampleCalendar().WriteTo(failingWriter{boom})
		if !errors.Is(err, boom) || errors.Is(err, ErrInvalidCalendar) {
			t.Fatalf("want wrapped writer error, got %v", err)
		}
	})
}

type failingWriter struct{ err error }

func (w failingWriter) Write([]byte) (int, error) { return 0, w.err }
