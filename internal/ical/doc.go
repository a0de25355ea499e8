// Package ical writes and checks iCalendar (RFC 5545) data for the
// secretariat's published feed of task deadlines and session dates.
//
// The writer ([Calendar.WriteTo]) produces a feed that real clients parse:
// CRLF line endings, lines folded at 75 octets without splitting UTF-8
// characters (summaries are often Russian, two octets per letter), TEXT
// values escaped, and timed values in UTC so that no VTIMEZONE is needed.
//
// The checker ([Check], [CheckWith]) exists so that tests can hold the
// writer's output to RFC 5545 rather than to whatever one client happens to
// accept. It was itself calibrated on labelled real-world files, which is why
// it has two modes: a strict mode for our own output, and a tolerant mode for
// files in the wild that only relaxes transport-level rules (line endings,
// line length, charset, stray blank lines between objects, unknown TEXT
// escapes). Structural and property rules apply in both modes.
package ical
