// Package exchange reads and writes the record in outside formats, one file per
// format: recorded votes (roll-call CSV, and the converter from the UN General
// Assembly's archive), and iCalendar. Each parser of outside input is strict, reports
// what is wrong with line numbers, and is fuzzed.
package exchange
