package ical

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"

	"secretariat/internal/ical/icaltest"
)

// FuzzWriter builds calendars from arbitrary strings. Either WriteTo rejects
// the UID (the only field it refuses rather than sanitises), or its output
// passes the strict checker and decodes back to the input text.
func FuzzWriter(f *testing.F) {
	f.Add("Сессия", "Описание, с запятой; и точкой с запятой\nи новой строкой", "uid-1@secretariat.example")
	f.Add(strings.Repeat("ж", 100), strings.Repeat("\\n,;", 30), "x")
	f.Add("", "", "")
	f.Add("a\x00b\r\nc\rd", "\xff\xfe", "uid\twith tab")
	f.Fuzz(func(t *testing.T, summary, description, uid string) {
		ts := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
		cal := &Calendar{
			ProdID: "-//Fuzz//EN",
			Name:   summary,
			Events: []Event{
				{
					UID: uid, Stamp: ts, Start: ts, End: ts.Add(time.Hour),
					Summary: summary, Description: description, Location: description,
					Categories: []string{summary, description}, Status: "tentative",
				},
				{UID: uid + "-day", Stamp: ts, Start: ts, AllDay: true, Summary: description},
			},
		}
		var buf bytes.Buffer
		_, err := cal.WriteTo(&buf)
		if uidRejected(uid) {
			if !errors.Is(err, ErrInvalidCalendar) || buf.Len() != 0 {
				t.Fatalf("UID %q: want ErrInvalidCalendar and no output, got %v and %d bytes", uid, err, buf.Len())
			}
			return
		}
		if err != nil {
			t.Fatalf("WriteTo: %v", err)
		}
		out := buf.String()
		if probs, err := icaltest.Check(strings.NewReader(out)); err != nil || probs != nil {
			t.Fatalf("strict check failed: %v %v\n%q", probs, err, out)
		}
		calProps, events := decodeOutput(t, out)
		if len(events) != 2 {
			t.Fatalf("decoded %d events, want 2", len(events))
		}
		checks := []struct{ name, got, want string }{
			{"UID", events[0]["UID"], uid},
			{"second UID", events[1]["UID"], uid + "-day"},
		}
		if summary != "" {
			checks = append(checks, struct{ name, got, want string }{"SUMMARY", events[0]["SUMMARY"], wantText(summary)},
				struct{ name, got, want string }{"X-WR-CALNAME", calProps["X-WR-CALNAME"], wantText(summary)})
		}
		if description != "" {
			checks = append(checks, struct{ name, got, want string }{"DESCRIPTION", events[0]["DESCRIPTION"], wantText(description)})
		}
		for _, c := range checks {
			if c.got != c.want {
				t.Fatalf("%s round trip:\n got %q\nwant %q", c.name, c.got, c.want)
			}
		}
	})
}
