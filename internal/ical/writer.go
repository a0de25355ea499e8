package ical

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"
)

// Calendar is a feed of events, written as one VCALENDAR object.
type Calendar struct {
	// ProdID identifies the producer (PRODID, RFC 5545 §3.7.3), e.g.
	// "-//Secretariat//Deadlines//EN". Required.
	ProdID string
	// Name is shown by clients as the calendar's title (X-WR-CALNAME, a
	// widely supported extension). Optional.
	Name string
	// Events are written in the given order, so equal input gives
	// byte-identical output.
	Events []Event
}

// Event is one VEVENT: a task deadline or a session.
type Event struct {
	// UID must be non-empty, globally unique and stable across feed
	// refreshes; clients use it to update rather than duplicate events.
	UID string
	// Stamp is DTSTAMP: when this version of the event was produced. It is
	// written in UTC with a trailing Z. Required.
	Stamp time.Time
	// Start is required. For a timed event it is written in UTC; for an
	// all-day event only its calendar date (in Start's own location) counts.
	Start time.Time
	// End is optional. For a timed event a zero End, or one equal to Start,
	// means an instant (a deadline) and no DTEND is written. For an all-day
	// event End is the last day of the event, inclusive; zero means a
	// single day. DTEND is then written as the following day because
	// iCalendar's DTEND is exclusive.
	End time.Time
	// AllDay writes DTSTART;VALUE=DATE and a date DTEND, so that clients
	// show the event on that day in every time zone.
	AllDay bool
	// Summary, Description and Location are free text; any characters are
	// accepted (see WriteTo for how unrepresentable ones are handled).
	Summary, Description, Location string
	// URL links to the task or session page. It must be an absolute URI.
	URL string
	// Categories are written as one CATEGORIES property; empty entries are
	// skipped.
	Categories []string
	// Status is optional: CONFIRMED, TENTATIVE or CANCELLED (any case).
	Status string
}

// ErrInvalidCalendar is wrapped by every validation error from WriteTo, so
// callers can tell bad input from a failing writer.
var ErrInvalidCalendar = errors.New("invalid calendar")

const (
	dateFormat     = "20060102"
	dateTimeFormat = "20060102T150405Z"
)

// WriteTo writes the calendar as an RFC 5545 stream and implements
// io.WriterTo. Everything is validated before the first byte is written, so
// invalid input yields an error wrapping ErrInvalidCalendar and no partial
// file.
//
// TEXT values are escaped (§3.3.11). Characters that no iCalendar value may
// contain — invalid UTF-8 and control characters other than tab and line
// breaks — are replaced by U+FFFD rather than rejected, because one
// malformed description should not take the whole feed down; line breaks
// (CRLF, CR or LF) become the \n escape. UID is the exception: it
// identifies the event, so it is rejected rather than silently changed.
//
// RFC 5545 requires at least one component in a VCALENDAR, so a calendar
// with no events gets a minimal UTC VTIMEZONE instead of being invalid or an
// error: an organisation with no open deadlines still has a valid feed.
func (c *Calendar) WriteTo(w io.Writer) (int64, error) {
	if c == nil {
		return 0, fmt.Errorf("ical: write calendar: %w: nil *Calendar", ErrInvalidCalendar)
	}
	var buf bytes.Buffer
	if err := c.encode(&buf); err != nil {
		return 0, err
	}
	n, err := w.Write(buf.Bytes())
	if err != nil {
		return int64(n), fmt.Errorf("ical: write calendar: %w", err)
	}
	return int64(n), nil
}

func (c *Calendar) encode(buf *bytes.Buffer) error {
	if strings.TrimSpace(c.ProdID) == "" {
		return fmt.Errorf("ical: write calendar: %w: empty ProdID", ErrInvalidCalendar)
	}
	// Validate every event first so that no output is produced for bad input.
	for i := range c.Events {
		if err := c.Events[i].validate(); err != nil {
			return fmt.Errorf("ical: write calendar: event %d: %w", i, err)
		}
	}
	writeLine(buf, "BEGIN:VCALENDAR")
	writeLine(buf, "VERSION:2.0")
	writeLine(buf, "PRODID:"+escapeText(c.ProdID))
	writeLine(buf, "CALSCALE:GREGORIAN")
	writeLine(buf, "METHOD:PUBLISH")
	if c.Name != "" {
		writeLine(buf, "X-WR-CALNAME:"+escapeText(c.Name))
	}
	for i := range c.Events {
		c.Events[i].encode(buf)
	}
	if len(c.Events) == 0 {
		writeLine(buf, "BEGIN:VTIMEZONE")
		writeLine(buf, "TZID:UTC")
		writeLine(buf, "BEGIN:STANDARD")
		writeLine(buf, "DTSTART:19700101T000000")
		writeLine(buf, "TZOFFSETFROM:+0000")
		writeLine(buf, "TZOFFSETTO:+0000")
		writeLine(buf, "TZNAME:UTC")
		writeLine(buf, "END:STANDARD")
		writeLine(buf, "END:VTIMEZONE")
	}
	writeLine(buf, "END:VCALENDAR")
	return nil
}

func invalid(uid, format string, args ...any) error {
	return fmt.Errorf("UID %q: %w: %s", uid, ErrInvalidCalendar, fmt.Sprintf(format, args...))
}

func (e *Event) validate() error {
	switch {
	case e.UID == "":
		return fmt.Errorf("%w: empty UID", ErrInvalidCalendar)
	case !utf8.ValidString(e.UID):
		return fmt.Errorf("%w: UID %q is not valid UTF-8", ErrInvalidCalendar, e.UID)
	case strings.IndexFunc(e.UID, isControl) >= 0:
		return fmt.Errorf("%w: UID %q contains a control character", ErrInvalidCalendar, e.UID)
	case e.Stamp.IsZero():
		return invalid(e.UID, "zero Stamp (DTSTAMP is required)")
	case e.Start.IsZero():
		return invalid(e.UID, "zero Start (DTSTART is required)")
	}
	if !inYearRange(e.Stamp.UTC()) {
		return invalid(e.UID, "Stamp %v is outside years 1-9999", e.Stamp)
	}
	if e.AllDay {
		first, last := e.days()
		if !inYearRange(first) || !inYearRange(last.AddDate(0, 0, 1)) {
			return invalid(e.UID, "dates outside years 1-9999")
		}
		if last.Before(first) {
			return invalid(e.UID, "End %s is before Start %s", last.Format(time.DateOnly), first.Format(time.DateOnly))
		}
	} else {
		if !inYearRange(e.Start.UTC()) || (!e.End.IsZero() && !inYearRange(e.End.UTC())) {
			return invalid(e.UID, "times outside years 1-9999")
		}
		if !e.End.IsZero() && e.End.Before(e.Start) {
			return invalid(e.UID, "End %v is before Start %v", e.End, e.Start)
		}
	}
	if e.URL != "" {
		// A URI (RFC 5545 §3.3.13): a scheme, and none of the characters RFC 3986
		// never allows unencoded.
		u, err := url.Parse(e.URL)
		if err != nil {
			return invalid(e.UID, "URL: %v", err)
		}
		if u.Scheme == "" {
			return invalid(e.UID, "URL %q has no URI scheme", e.URL)
		}
		if strings.ContainsAny(e.URL, " \t\"<>\\^`{|}") {
			return invalid(e.UID, "URL %q contains a character not allowed in a URI", e.URL)
		}
		if strings.IndexFunc(e.URL, isControl) >= 0 || !utf8.ValidString(e.URL) {
			return invalid(e.UID, "URL %q contains a control character or invalid UTF-8", e.URL)
		}
	}
	if e.Status != "" {
		switch strings.ToUpper(e.Status) {
		case "CONFIRMED", "TENTATIVE", "CANCELLED":
		default:
			return invalid(e.UID, "Status %q is not CONFIRMED, TENTATIVE or CANCELLED", e.Status)
		}
	}
	return nil
}

func inYearRange(t time.Time) bool { return t.Year() >= 1 && t.Year() <= 9999 }

// dateOf drops the clock time but keeps the date as seen in t's location.
func dateOf(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// days returns the first and last (inclusive) day of an all-day event.
func (e *Event) days() (first, last time.Time) {
	first, last = dateOf(e.Start), dateOf(e.Start)
	if !e.End.IsZero() {
		last = dateOf(e.End)
	}
	return first, last
}

func (e *Event) encode(buf *bytes.Buffer) {
	writeLine(buf, "BEGIN:VEVENT")
	writeLine(buf, "UID:"+escapeText(e.UID))
	writeLine(buf, "DTSTAMP:"+e.Stamp.UTC().Format(dateTimeFormat))
	if e.AllDay {
		first, last := e.days()
		writeLine(buf, "DTSTART;VALUE=DATE:"+first.Format(dateFormat))
		writeLine(buf, "DTEND;VALUE=DATE:"+last.AddDate(0, 0, 1).Format(dateFormat))
	} else {
		writeLine(buf, "DTSTART:"+e.Start.UTC().Format(dateTimeFormat))
		// Sub-second differences vanish in the written form, and DTEND must
		// be later than DTSTART, so compare what will actually be written.
		if !e.End.IsZero() && e.End.Truncate(time.Second).After(e.Start.Truncate(time.Second)) {
			writeLine(buf, "DTEND:"+e.End.UTC().Format(dateTimeFormat))
		}
	}
	if e.Summary != "" {
		writeLine(buf, "SUMMARY:"+escapeText(e.Summary))
	}
	if e.Description != "" {
		writeLine(buf, "DESCRIPTION:"+escapeText(e.Description))
	}
	if e.Location != "" {
		writeLine(buf, "LOCATION:"+escapeText(e.Location))
	}
	if e.URL != "" {
		// URL is a URI value, not TEXT: escaping it would change it.
		writeLine(buf, "URL:"+e.URL)
	}
	var cats []string
	for _, cat := range e.Categories {
		if cat != "" {
			cats = append(cats, escapeText(cat))
		}
	}
	if len(cats) > 0 {
		writeLine(buf, "CATEGORIES:"+strings.Join(cats, ","))
	}
	if e.Status != "" {
		writeLine(buf, "STATUS:"+strings.ToUpper(e.Status))
	}
	writeLine(buf, "END:VEVENT")
}

// isControl matches the CTL characters that §3.3.11 keeps out of TEXT
// values, except tab, which is allowed.
func isControl(r rune) bool { return (r < 0x20 && r != '\t') || r == 0x7F }

// escapeText encodes s as a TEXT value (§3.3.11).
func escapeText(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		switch ch := s[i]; ch {
		case '\\':
			b.WriteString(`\\`)
		case ';':
			b.WriteString(`\;`)
		case ',':
			b.WriteString(`\,`)
		case '\r':
			if i+1 < len(s) && s[i+1] == '\n' {
				i++
			}
			b.WriteString(`\n`)
		case '\n':
			b.WriteString(`\n`)
		default:
			if isControl(rune(ch)) {
				b.WriteRune(utf8.RuneError)
			} else {
				b.WriteByte(ch)
			}
		}
	}
	return b.String()
}

// writeLine writes one content line, folded so that no physical line
// exceeds 75 octets (§3.1). Folds only fall on UTF-8 character boundaries:
// the RFC permits splitting octets, but clients that decode each physical
// line separately (many do) would otherwise show mojibake in Russian text.
// maxLineOctets is the longest content line RFC 5545 §3.1 allows, without the CRLF.
const maxLineOctets = 75

func writeLine(buf *bytes.Buffer, line string) {
	limit := maxLineOctets
	for len(line) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(line[cut]) {
			cut--
		}
		if cut == 0 { // not UTF-8; cannot happen for escaped text
			cut = limit
		}
		buf.WriteString(line[:cut])
		buf.WriteString("\r\n ")
		line = line[cut:]
		limit = maxLineOctets - 1 // the leading space counts
	}
	buf.WriteString(line)
	buf.WriteString("\r\n")
}
