// Package ical writes iCalendar (RFC 5545) data for the secretariat's
// published feed of task deadlines and session dates.
//
// The writer ([Calendar.WriteTo]) produces a feed that real clients parse:
// CRLF line endings, lines folded at 75 octets without splitting UTF-8
// characters (summaries are often Russian, two octets per letter), TEXT
// values escaped, and timed values in UTC so that no VTIMEZONE is needed.
//
// The tests hold the writer's output to RFC 5545 with the checker in
// package icaltest, and to a real client (python3-icalendar).
package ical
