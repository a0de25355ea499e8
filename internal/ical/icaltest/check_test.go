package icaltest

import (
	"errors"
	"strings"
	"testing"
	"testing/iotest"
)

// crlf joins lines into a stream with CRLF after every line.
func crlf(lines ...string) string { return strings.Join(lines, "\r\n") + "\r\n" }

var (
	calHead  = []string{"BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Test//Check//EN"}
	calTail  = []string{"END:VCALENDAR"}
	evtProps = []string{"UID:1@example.org", "DTSTAMP:20260101T000000Z", "DTSTART:20260301T090000Z"}
)

// calendar wraps body lines in a minimal valid VCALENDAR.
func calendar(body ...string) string {
	lines := append(append(append([]string{}, calHead...), body...), calTail...)
	return crlf(lines...)
}

// event is a calendar with one VEVENT holding the required properties plus
// extra.
func event(extra ...string) string {
	body := append(append([]string{"BEGIN:VEVENT"}, evtProps...), extra...)
	return calendar(append(body, "END:VEVENT")...)
}

func check(t *testing.T, input string, strict bool) []Problem {
	t.Helper()
	probs, err := CheckWith(strings.NewReader(input), CheckOptions{Strict: strict})
	if err != nil {
		t.Fatalf("CheckWith: %v", err)
	}
	return probs
}

func TestCheckRules(t *testing.T) {
	long := "DESCRIPTION:" + strings.Repeat("x", 70)
	ru := "SUMMARY:" + strings.Repeat("Ж", 40) // 88 octets
	cases := []struct {
		name  string
		input string
		// want is a message fragment expected in tolerant mode ("" = no
		// problems); wantStrict likewise for strict mode.
		want, wantStrict string
	}{
		{"valid event", event("DTEND:20260301T100000Z", "SUMMARY:Сессия\\, день 1"), "", ""},
		{"sequence of calendars", event() + event(), "", ""},
		{"lower-case names are case-insensitive", strings.ToLower(event()), "", ""},
		{"quoted parameter with colon and semicolon", event(`ATTENDEE;CN="Doe; John: Chair":mailto:j@example.org`), "", ""},
		{"properly folded long line", event(long[:75], " "+long[75:]), "", ""},
		{"METHOD makes DTSTART optional", calendar("METHOD:PUBLISH", "BEGIN:VEVENT", "UID:1", "DTSTAMP:20260101T000000Z", "END:VEVENT"), "", ""},
		{"TZID reference resolved through TEXT escape", calendar(
			"BEGIN:VTIMEZONE", `TZID:Pacific\, Tijuana`, "BEGIN:STANDARD", "DTSTART:19700101T000000",
			"TZOFFSETFROM:-0700", "TZOFFSETTO:-0800", "END:STANDARD", "END:VTIMEZONE",
			"BEGIN:VEVENT", "UID:1", "DTSTAMP:20260101T000000Z", `DTSTART;TZID="Pacific, Tijuana":20260301T090000`, "END:VEVENT"), "", ""},

		// Transport-level rules: strict mode only.
		{"bare LF", strings.ReplaceAll(event(), "\r\n", "\n"), "", "bare LF"},
		{"long line", event(long), "", "octets long"},
		{"fold splits UTF-8", event(ru[:41], " "+ru[41:]), "", "splits a UTF-8"},
		{"invalid UTF-8", event("SUMMARY:caf\xe9"), "", "not valid UTF-8"},
		{"byte order mark", "\xef\xbb\xbf" + event(), "", "byte order mark"},
		{"no CRLF at end", strings.TrimSuffix(event(), "\r\n"), "", "not terminated by CRLF"},
		{"blank line between objects", event() + "\r\n" + event(), "", "empty line between"},
		{"undefined TEXT escape", event(`DESCRIPTION:say \"hi\"`), "", `the undefined escape "\\\""`},
		{"unescaped comma in TEXT", event("SUMMARY:a, b"), "", `an unescaped ","`},
		{"unescaped semicolon in TEXT", event("LOCATION:a; b"), "", `an unescaped ";"`},
		{"commas separate CATEGORIES", event(`CATEGORIES:a,b\,c`), "", ""},
		{"backslash at end of TEXT", event(`SUMMARY:trailing\`), "", "at end of value"},

		// Structure.
		{"blank line inside object", strings.Replace(event(), "END:VEVENT", "\r\nEND:VEVENT", 1), "empty line inside VEVENT", "empty line inside VEVENT"},
		{"continuation first", " " + event(), "continuation line", "continuation line"},
		{"no colon", event("SUMMARY"), "malformed content line", "malformed"},
		{"bad name", event("SUM.MARY:x"), "malformed content line", "malformed"},
		{"unterminated quote", event(`ATTENDEE;CN="Doe:mailto:x@example.org`), "unterminated quoted", "unterminated quoted"},
		{"quote inside unquoted param", event(`ATTENDEE;CN=Do"e:mailto:x@example.org`), "inside unquoted", "inside unquoted"},
		{"empty parameter name", event("SUMMARY;=x:y"), "empty parameter name", "empty parameter name"},
		{"control character", event("SUMMARY:a\x01b"), "control character U+0001", "control character"},
		{"mismatched END", strings.Replace(event(), "END:VEVENT", "END:VTODO", 1), "does not match", "does not match"},
		{"unclosed component", strings.Replace(event(), "END:VEVENT\r\n", "", 1), "BEGIN:VEVENT is not closed", ""},
		{"truncated stream", strings.TrimSuffix(event(), "END:VCALENDAR\r\n"), "never closed", "never closed"},
		{"END without BEGIN", event() + crlf("END:VEVENT"), "without a matching BEGIN", ""},
		{"nested VCALENDAR", crlf("BEGIN:VCALENDAR") + event() + crlf("END:VCALENDAR"), "VCALENDAR nested", ""},
		{"component outside VCALENDAR", crlf("BEGIN:VEVENT", "UID:1", "DTSTAMP:20260101T000000Z", "END:VEVENT"), "outside any VCALENDAR", ""},
		{"property outside component", crlf("VERSION:2.0") + event(), "outside any component", ""},
		{"no VCALENDAR", "", "no VCALENDAR object", "no VCALENDAR object"},
		{"VALARM in VCALENDAR", calendar("BEGIN:VALARM", "ACTION:DISPLAY", "TRIGGER:-PT5M", "END:VALARM"), "VALARM cannot appear inside VCALENDAR", ""},
		{"empty VCALENDAR", calendar(), "contains no components", ""},
		{"bad component name", calendar("BEGIN:V EVENT", "END:V EVENT"), "does not name a component", ""},

		// VCALENDAR properties.
		{"missing VERSION", strings.Replace(event(), "VERSION:2.0\r\n", "", 1), "no VERSION", ""},
		{"VERSION 1.0", strings.Replace(event(), "VERSION:2.0", "VERSION:1.0", 1), "VERSION:1.0", ""},
		{"VERSION min;max", strings.Replace(event(), "VERSION:2.0", "VERSION:1.0;2.0", 1), "", ""},
		{"two PRODIDs", strings.Replace(event(), "VERSION:2.0", "VERSION:2.0\r\nPRODID:x", 1), "2 PRODID properties", ""},
		{"missing PRODID", strings.Replace(event(), "PRODID:-//Test//Check//EN\r\n", "", 1), "no PRODID", ""},
		{"two METHODs", calendar("METHOD:PUBLISH", "METHOD:REQUEST", "BEGIN:VEVENT", "UID:1", "DTSTAMP:20260101T000000Z", "END:VEVENT"), "2 METHOD properties", ""},
		{"bad CALSCALE", calendar("CALSCALE:GREG ORIAN", "BEGIN:VEVENT", "UID:1", "DTSTAMP:20260101T000000Z", "DTSTART:20260101T000000Z", "END:VEVENT"), "CALSCALE", ""},

		// VEVENT cardinality.
		{"missing UID", strings.Replace(event(), "UID:1@example.org\r\n", "", 1), "VEVENT has no UID", ""},
		{"two UIDs", event("UID:2@example.org"), "2 UID properties", ""},
		{"missing DTSTAMP", strings.Replace(event(), "DTSTAMP:20260101T000000Z\r\n", "", 1), "VEVENT has no DTSTAMP", ""},
		{"missing DTSTART without METHOD", strings.Replace(event(), "DTSTART:20260301T090000Z\r\n", "", 1), "VEVENT has no DTSTART", ""},
		{"two SUMMARYs", event("SUMMARY:a", "SUMMARY:b"), "2 SUMMARY properties", ""},
		{"DTEND and DURATION", event("DTEND:20260301T100000Z", "DURATION:PT1H"), "both DTEND and DURATION", ""},
		{"VTODO without UID and DTSTAMP", calendar("BEGIN:VTODO", "END:VTODO"), "VTODO has no UID", ""},
		{"VTODO DUE and DURATION", calendar("BEGIN:VTODO", "UID:1", "DTSTAMP:20260101T000000Z", "DTSTART:20260101T000000Z", "DUE:20260102T000000Z", "DURATION:PT1H", "END:VTODO"), "both DUE and DURATION", ""},
		{"VTODO DURATION without DTSTART", calendar("BEGIN:VTODO", "UID:1", "DTSTAMP:20260101T000000Z", "DURATION:PT1H", "END:VTODO"), "DURATION but no DTSTART", ""},
		{"VJOURNAL without DTSTAMP", calendar("BEGIN:VJOURNAL", "UID:1", "END:VJOURNAL"), "VJOURNAL has no DTSTAMP", ""},
		{"VFREEBUSY without UID", calendar("BEGIN:VFREEBUSY", "DTSTAMP:20260101T000000Z", "END:VFREEBUSY"), "VFREEBUSY has no UID", ""},

		// Date and time values.
		{"DTSTAMP not UTC", strings.Replace(event(), "DTSTAMP:20260101T000000Z", "DTSTAMP:20260101T000000", 1), "not a UTC DATE-TIME", ""},
		{"DTSTAMP impossible date", strings.Replace(event(), "DTSTAMP:20260101T000000Z", "DTSTAMP:20260230T000000Z", 1), "not a UTC DATE-TIME", ""},
		{"DTSTAMP trailing space", strings.Replace(event(), "DTSTAMP:20260101T000000Z", "DTSTAMP:20260101T000000Z ", 1), "not a UTC DATE-TIME", ""},
		{"LAST-MODIFIED not UTC", event("LAST-MODIFIED:20260101T000000"), "LAST-MODIFIED", ""},
		{"DATE without VALUE=DATE", strings.Replace(event(), "DTSTART:20260301T090000Z", "DTSTART:20260301", 1), "lacks VALUE=DATE", ""},
		{"VALUE=DATE with DATE-TIME", strings.Replace(event(), "DTSTART:20260301T090000Z", "DTSTART;VALUE=DATE:20260301T090000Z", 1), "is not a DATE of the form", ""},
		{"VALUE=DATE ok", strings.Replace(event(), "DTSTART:20260301T090000Z", "DTSTART;VALUE=DATE:20260301", 1), "", ""},
		{"bad DATE-TIME", strings.Replace(event(), "DTSTART:20260301T090000Z", "DTSTART:20260301T250000Z", 1), "not a DATE-TIME", ""},
		{"VALUE=TEXT on DTSTART", strings.Replace(event(), "DTSTART:20260301T090000Z", "DTSTART;VALUE=TEXT:soon", 1), "only DATE or DATE-TIME", ""},
		{"UTC with TZID", calendar(
			"BEGIN:VTIMEZONE", "TZID:X", "BEGIN:STANDARD", "DTSTART:19700101T000000", "TZOFFSETFROM:+0000", "TZOFFSETTO:+0000", "END:STANDARD", "END:VTIMEZONE",
			"BEGIN:VEVENT", "UID:1", "DTSTAMP:20260101T000000Z", "DTSTART;TZID=X:20260101T000000Z", "END:VEVENT"), "in UTC but carries TZID", ""},
		{"DATE with TZID", calendar(
			"BEGIN:VTIMEZONE", "TZID:X", "BEGIN:STANDARD", "DTSTART:19700101T000000", "TZOFFSETFROM:+0000", "TZOFFSETTO:+0000", "END:STANDARD", "END:VTIMEZONE",
			"BEGIN:VEVENT", "UID:1", "DTSTAMP:20260101T000000Z", "DTSTART;TZID=X;VALUE=DATE:20260101", "END:VEVENT"), "DATE but carries TZID", ""},
		{"DTEND type differs", event("DTEND;VALUE=DATE:20260302"), "same value type", ""},
		{"DTEND before DTSTART", event("DTEND:20260301T080000Z"), "earlier than DTSTART", ""},
		{"DTEND local, DTSTART UTC", event("DTEND:20260301T100000"), "mix UTC and local", ""},
		{"DTEND equal to DTSTART", event("DTEND:20260301T090000Z"), "", ""},
		{"bad DURATION", event("DURATION:PT1H30S"), "not a valid duration", ""},
		{"time DURATION on DATE start", strings.Replace(event("DURATION:PT1H"), "DTSTART:20260301T090000Z", "DTSTART;VALUE=DATE:20260301", 1), "use days or weeks", ""},
		{"day DURATION on DATE start", strings.Replace(event("DURATION:P2D"), "DTSTART:20260301T090000Z", "DTSTART;VALUE=DATE:20260301", 1), "", ""},

		// VALARM and VTIMEZONE.
		{"VALARM without ACTION", event("BEGIN:VALARM", "TRIGGER:-PT15M", "END:VALARM"), "VALARM has no ACTION", ""},
		{"VALARM DURATION without REPEAT", event("BEGIN:VALARM", "ACTION:DISPLAY", "DESCRIPTION:x", "TRIGGER:-PT15M", "DURATION:PT5M", "END:VALARM"), "DURATION and REPEAT", ""},
		{"absolute TRIGGER without VALUE", event("BEGIN:VALARM", "ACTION:DISPLAY", "DESCRIPTION:x", "TRIGGER:20260101T000000Z", "END:VALARM"), "needs VALUE=DATE-TIME", ""},
		{"absolute TRIGGER", event("BEGIN:VALARM", "ACTION:DISPLAY", "DESCRIPTION:x", "TRIGGER;VALUE=DATE-TIME:20260101T000000Z", "END:VALARM"), "", ""},
		{"VTIMEZONE without TZID", calendar("BEGIN:VTIMEZONE", "BEGIN:STANDARD", "DTSTART:19700101T000000", "TZOFFSETFROM:+0000", "TZOFFSETTO:+0000", "END:STANDARD", "END:VTIMEZONE"), "VTIMEZONE has no TZID", ""},
		{"VTIMEZONE without observance", calendar("BEGIN:VTIMEZONE", "TZID:X", "END:VTIMEZONE"), "no STANDARD or DAYLIGHT", ""},
		{"observance missing offsets", calendar("BEGIN:VTIMEZONE", "TZID:X", "BEGIN:DAYLIGHT", "DTSTART:19700101T000000", "END:DAYLIGHT", "END:VTIMEZONE"), "DAYLIGHT has no TZOFFSETFROM", ""},
		{"bad UTC offset", calendar("BEGIN:VTIMEZONE", "TZID:X", "BEGIN:STANDARD", "DTSTART:19700101T000000", "TZOFFSETFROM:-0000", "TZOFFSETTO:+0000", "END:STANDARD", "END:VTIMEZONE"), "not a UTC offset", ""},
		{"TZID without VTIMEZONE", strings.Replace(event(), "DTSTART:20260301T090000Z", "DTSTART;TZID=Europe/Moscow:20260301T090000", 1), "has no VTIMEZONE", ""},

		// Other property values.
		{"bad GEO", event(`GEO:1.5\;2.5`), "GEO", ""},
		{"good GEO", event("GEO:-37.386013;2.238985"), "", ""},
		{"empty CLASS", event("CLASS:"), "CLASS", ""},
		{"bad STATUS", event("STATUS:DONE"), "not allowed in VEVENT", ""},
		{"bad TRANSP", event("TRANSP:BUSY"), "TRANSP", ""},
		{"bad PRIORITY", event("PRIORITY:10"), "PRIORITY", ""},
		{"bad SEQUENCE", event("SEQUENCE:-1"), "SEQUENCE", ""},
		{"ATTENDEE without scheme", event("ATTENDEE:someone@example.org"), "no URI scheme", ""},
		{"ORGANIZER with space", event("ORGANIZER:mailto:a b@example.org"), "not allowed in a URI", ""},
		{"URL ok", event("URL:https://example.org/tasks/1?a=b"), "", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			for _, mode := range []struct {
				strict bool
				want   string
			}{{false, tc.want}, {true, tc.wantStrict}} {
				probs := check(t, tc.input, mode.strict)
				want := mode.want
				if mode.strict && want == "" && tc.want != "" {
					want = tc.want // strict mode includes every tolerant rule
				}
				if want == "" {
					if len(probs) != 0 {
						t.Errorf("strict=%v: want no problems, got %v", mode.strict, probs)
					}
					continue
				}
				if !hasMessage(probs, want) {
					t.Errorf("strict=%v: want a problem containing %q, got %v", mode.strict, want, probs)
				}
			}
		})
	}
}

func TestCheckLineNumbers(t *testing.T) {
	input := crlf("BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:x", "BEGIN:VEVENT", "UID:1",
		"DTSTAMP:2026", " 0101T000000Z", "DTSTART:bad", "END:VEVENT", "END:VCALENDAR")
	probs := check(t, input, true)
	if len(probs) != 1 || probs[0].Line != 8 {
		t.Fatalf("want one problem on line 8 (folded DTSTAMP is valid after unfolding), got %v", probs)
	}
}

func TestCheckBounds(t *testing.T) {
	t.Run("size", func(t *testing.T) {
		_, err := CheckWith(strings.NewReader(event()), CheckOptions{MaxBytes: 10})
		if !errors.Is(err, ErrTooLarge) {
			t.Fatalf("want ErrTooLarge, got %v", err)
		}
	})
	t.Run("depth", func(t *testing.T) {
		var lines []string
		for i := 0; i < 100; i++ {
			lines = append(lines, "BEGIN:X-DEEP")
		}
		probs := check(t, calendar(lines...), false)
		if !hasMessage(probs, "nested more than") {
			t.Fatalf("want depth problem, got %v", probs)
		}
	})
	t.Run("problem cap", func(t *testing.T) {
		probs := check(t, strings.Repeat("garbage\r\n", 5000), false)
		if len(probs) != maxProblems+1 || !strings.Contains(probs[len(probs)-1].Message, "too many problems") {
			t.Fatalf("want %d problems ending with the cap notice, got %d", maxProblems+1, len(probs))
		}
	})
	t.Run("lexical repeats are summarised", func(t *testing.T) {
		var body []string
		for i := 0; i < 50; i++ {
			body = append(body, "COMMENT:x")
		}
		probs := check(t, strings.ReplaceAll(event(body...), "\r\n", "\n"), true)
		lf := 0
		for _, p := range probs {
			if strings.HasPrefix(p.Message, "line ends with a bare LF") {
				lf++
			}
		}
		if lf != lexicalRepeat || !hasMessage(probs, "more lines with the problem \"bare LF\"") {
			t.Fatalf("want %d bare-LF problems and a summary, got %d: %v", lexicalRepeat, lf, probs)
		}
	})
	t.Run("read error", func(t *testing.T) {
		boom := errors.New("boom")
		if _, err := Check(iotest.ErrReader(boom)); !errors.Is(err, boom) {
			t.Fatalf("want wrapped read error, got %v", err)
		}
	})
}

func TestValueGrammars(t *testing.T) {
	durations := map[string]durationKind{
		"P1W": durWeek, "-P2W": durWeek, "P1D": durDay, "+P15D": durDay,
		"PT1H": durTime, "PT1H30M": durTime, "PT1H30M15S": durTime, "PT00H15M00S": durTime,
		"P1DT12H": durTime, "PT5M": durTime, "PT90S": durTime, "PT86400S": durTime,
		"": durInvalid, "P": durInvalid, "PT": durInvalid, "P1DT": durInvalid, "P1W2D": durInvalid,
		"-P1W6DT15H": durInvalid, "PT1H30S": durInvalid, "PT1S30M": durInvalid, "P1H": durInvalid,
		"1D": durInvalid, "P1.5D": durInvalid, "PT1H ": durInvalid, "pt15m": durTime,
	}
	for in, want := range durations {
		if got := classifyDuration(in); got != want {
			t.Errorf("classifyDuration(%q) = %v, want %v", in, got, want)
		}
	}
	times := map[string]timeKind{
		"20260301": kindDate, "20240229": kindDate, "20230229": kindInvalid, "20261301": kindInvalid,
		"20260301T090000": kindFloating, "20260301T090000Z": kindUTC, "20261231T235960Z": kindUTC,
		"20260301T240000Z": kindInvalid, "2026031T090000Z": kindInvalid, "20260301t090000z": kindUTC,
		"20260301T090000+0100": kindInvalid, "-0011130T100000": kindInvalid, "": kindInvalid,
	}
	for in, want := range times {
		if got := classifyDateTime(in); got != want {
			t.Errorf("classifyDateTime(%q) = %v, want %v", in, got, want)
		}
	}
	for in, want := range map[string]bool{"+0100": true, "-0530": true, "+013045": true, "-0000": false, "+2400": false, "0100": false, "+01:00": false} {
		if got := isUTCOffset(in); got != want {
			t.Errorf("isUTCOffset(%q) = %v", in, got)
		}
	}
	for in, want := range map[string]string{
		`plain`: "", `a\\b\;c\,d\ne\N`: "", `say \"x\"`: `the undefined escape "\\\""`, `tab\t`: `the undefined escape "\\t"`,
		`end\`: "a backslash at end of value", `\Ж`: `the undefined escape "\\Ж"`, `a,b`: `an unescaped ","`, `a;b`: `an unescaped ";"`,
	} {
		if got := textProblem(in, false); got != want {
			t.Errorf("textProblem(%q) = %q, want %q", in, got, want)
		}
	}
	if got := textProblem("a,b", true); got != "" {
		t.Errorf("textProblem on a multi-valued property rejects a separator: %q", got)
	}
	for in, want := range map[string]bool{
		"mailto:a@example.org": true, "https://x.org/p?q=1": true, "urn:uuid:1": true, "invalid:nomail": true,
		"a@example.org": false, ":x": false, "1http:x": false, "mailto:a b": false, `mailto:"x"`: false,
	} {
		if got := uriProblem(in) == ""; got != want {
			t.Errorf("uriProblem(%q) ok=%v, want %v", in, got, want)
		}
	}
}
