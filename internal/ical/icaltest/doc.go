// Package icaltest checks iCalendar (RFC 5545) data, so that tests can hold
// the ical writer's output to RFC 5545 rather than to whatever one client
// happens to accept. Only tests import it; the program itself only writes
// iCalendar.
//
// The checker ([Check], [CheckWith]) was calibrated on labelled real-world
// files, which is why it has two modes: a strict mode for our own output, and
// a tolerant mode for files in the wild that only relaxes transport-level
// rules (line endings, line length, charset, stray blank lines between
// objects, unknown TEXT escapes). Structural and property rules apply in both
// modes.
package icaltest
