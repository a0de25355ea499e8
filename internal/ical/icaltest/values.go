package icaltest

import (
	"fmt"
	"strings"
)

// Value-type recognisers for the RFC 5545 §3.3 grammar. They follow the ABNF
// by hand rather than going through time.Parse because the checker must give
// the grammar's verdict exactly, and the two disagree at the edges (a leap
// second "60" is valid iCalendar; a DATE and a truncated DATE-TIME must be
// told apart by shape).

// timeKind says which of the RFC 5545 date/time forms a value has.
type timeKind int

const (
	kindInvalid  timeKind = iota
	kindDate              // DATE: YYYYMMDD (§3.3.4)
	kindFloating          // DATE-TIME in local ("floating" or TZID) time (§3.3.5 form 1/3)
	kindUTC               // DATE-TIME in UTC with trailing Z (§3.3.5 form 2)
)

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// atoi parses a short all-digit string; callers have already checked isDigits.
func atoi(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}

func daysIn(month, year int) int {
	switch month {
	case 4, 6, 9, 11:
		return 30
	case 2:
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	default:
		return 31
	}
}

// isDate reports whether s is an RFC 5545 DATE that names a real calendar day.
func isDate(s string) bool {
	if len(s) != 8 || !isDigits(s) {
		return false
	}
	y, m, d := atoi(s[0:4]), atoi(s[4:6]), atoi(s[6:8])
	return m >= 1 && m <= 12 && d >= 1 && d <= daysIn(m, y)
}

// isTime reports whether s is HHMMSS; second 60 is allowed because the RFC
// allows a positive leap second.
func isTime(s string) bool {
	if len(s) != 6 || !isDigits(s) {
		return false
	}
	return atoi(s[0:2]) <= 23 && atoi(s[2:4]) <= 59 && atoi(s[4:6]) <= 60
}

// classifyDateTime returns the form of a DATE or DATE-TIME value. The
// letters T and Z match in either case because ABNF string literals are
// case-insensitive (RFC 5234 §2.3).
func classifyDateTime(s string) timeKind {
	s = strings.ToUpper(s)
	if len(s) == 8 {
		if isDate(s) {
			return kindDate
		}
		return kindInvalid
	}
	if len(s) < 15 || s[8] != 'T' || !isDate(s[:8]) || !isTime(s[9:15]) {
		return kindInvalid
	}
	switch s[15:] {
	case "":
		return kindFloating
	case "Z":
		return kindUTC
	}
	return kindInvalid
}

// isUTCDateTime reports whether s is YYYYMMDDTHHMMSSZ.
func isUTCDateTime(s string) bool { return classifyDateTime(s) == kindUTC }

// durationKind distinguishes the branches of dur-value, because a DURATION
// attached to a DATE start must use the day or week branch (§3.8.2.5).
type durationKind int

const (
	durInvalid durationKind = iota
	durWeek                 // dur-week
	durDay                  // dur-date without a time part
	durTime                 // dur-time, or dur-date followed by dur-time
)

// classifyDuration parses dur-value from §3.3.6:
//
//	dur-value = (["+"] / "-") "P" (dur-date / dur-time / dur-week)
//	dur-date  = dur-day [dur-time]
//	dur-time  = "T" (dur-hour / dur-minute / dur-second)
//	dur-hour  = 1*DIGIT "H" [dur-minute]
//	dur-minute = 1*DIGIT "M" [dur-second]
//
// so weeks cannot be combined with anything and time units cannot skip a
// unit (PT1H30S is not in the grammar). Letters match in either case, as
// ABNF literals do (RFC 5234 §2.3).
func classifyDuration(s string) durationKind {
	s = strings.ToUpper(s)
	if s != "" && (s[0] == '+' || s[0] == '-') {
		s = s[1:]
	}
	if len(s) < 2 || s[0] != 'P' {
		return durInvalid
	}
	s = s[1:]
	num, unit, rest := splitUnit(s)
	if num != "" && unit == 'W' {
		if rest == "" {
			return durWeek
		}
		return durInvalid
	}
	if num != "" && unit == 'D' {
		if rest == "" {
			return durDay
		}
		s = rest
	}
	if len(s) < 2 || s[0] != 'T' {
		return durInvalid
	}
	s = s[1:]
	// Units must appear in order H, M, S, each optional only at the end of
	// the chain that starts with the first one present.
	order := "HMS"
	num, unit, rest = splitUnit(s)
	idx := strings.IndexByte(order, unit)
	if num == "" || idx < 0 {
		return durInvalid
	}
	for rest != "" {
		num, unit, rest = splitUnit(rest)
		if num == "" || idx+1 >= len(order) || unit != order[idx+1] {
			return durInvalid
		}
		idx++
	}
	return durTime
}

// splitUnit splits "12H..." into "12", 'H', "...". num is empty when s does
// not start with digits followed by a letter.
func splitUnit(s string) (num string, unit byte, rest string) {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i == 0 || i >= len(s) {
		return "", 0, s
	}
	return s[:i], s[i], s[i+1:]
}

// isUTCOffset checks utc-offset from §3.3.14: ("+" / "-") HHMM [SS], where
// "-0000" is explicitly not allowed.
func isUTCOffset(s string) bool {
	if len(s) != 5 && len(s) != 7 {
		return false
	}
	if (s[0] != '+' && s[0] != '-') || !isDigits(s[1:]) {
		return false
	}
	if atoi(s[1:3]) > 23 || atoi(s[3:5]) > 59 || (len(s) == 7 && atoi(s[5:7]) > 59) {
		return false
	}
	return !(s[0] == '-' && strings.Trim(s[1:], "0") == "")
}

// isFloat checks the float production of §3.3.7.
func isFloat(s string) bool {
	if s != "" && (s[0] == '+' || s[0] == '-') {
		s = s[1:]
	}
	intPart, frac, hasDot := strings.Cut(s, ".")
	return isDigits(intPart) && (!hasDot || isDigits(frac))
}

// isGeo checks GEO's value: float ";" float (§3.8.1.6). The separator is a
// structural semicolon, so an escaped "\;" makes the value invalid.
func isGeo(s string) bool {
	lat, lon, ok := strings.Cut(s, ";")
	return ok && isFloat(lat) && isFloat(lon)
}

// isToken reports whether s is an iana-token or x-name (§3.1): the shape
// required of property, parameter and component names and of enumerated
// values such as CLASS.
func isToken(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isNameChar(s[i]) {
			return false
		}
	}
	return true
}

func isNameChar(b byte) bool {
	return b == '-' || (b >= '0' && b <= '9') || (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z')
}

// uriProblem explains why s is not an absolute URI (RFC 3986 as referenced by
// §3.3.13), or returns "". It checks the shape that matters to clients — a
// scheme and no characters that RFC 3986 never allows unencoded — rather
// than the whole RFC 3986 grammar; non-ASCII is tolerated because IRIs are
// common in the wild and are not a structural hazard.
func uriProblem(s string) string {
	scheme, _, ok := strings.Cut(s, ":")
	if !ok || scheme == "" {
		return "has no URI scheme"
	}
	if c := scheme[0]; !((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) {
		return "has no URI scheme"
	}
	for i := 1; i < len(scheme); i++ {
		c := scheme[i]
		if !isNameChar(c) && c != '+' && c != '.' {
			return "has no URI scheme"
		}
	}
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case ' ', '\t', '"', '<', '>', '\\', '^', '`', '{', '|', '}':
			return "contains a character not allowed in a URI"
		}
	}
	return ""
}

// textProblem describes the first violation of the §3.3.11 TEXT grammar in
// s, or returns "". Only \\ \; \, \n and \N are defined escapes, and
// ";" and "," must be escaped (TSAFE-CHAR excludes them) except that a
// multi-valued property (CATEGORIES, RESOURCES) uses "," as its separator.
func textProblem(s string, multiValued bool) string {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case ';':
			return `an unescaped ";"`
		case ',':
			if !multiValued {
				return `an unescaped ","`
			}
		case '\\':
			if i+1 >= len(s) {
				return "a backslash at end of value"
			}
			switch s[i+1] {
			case '\\', ';', ',', 'n', 'N':
				i++
			default:
				end := i + 2
				for end < len(s) && !isRuneStart(s[end]) {
					end++
				}
				return fmt.Sprintf("the undefined escape %q", s[i:end])
			}
		}
	}
	return ""
}

func isRuneStart(b byte) bool { return b&0xC0 != 0x80 }

// unescapeText reverses §3.3.11 escaping. The checker needs it only to
// compare VTIMEZONE TZID values (TEXT) with TZID parameters (not escaped).
func unescapeText(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			i++
			switch s[i] {
			case 'n', 'N':
				b.WriteByte('\n')
			default:
				b.WriteByte(s[i])
			}
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}
