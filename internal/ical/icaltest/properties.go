package icaltest

import (
	"strings"
)

func (c *checker) property(line int, cl *contentLine) {
	f := c.top()
	if f == nil {
		c.add(line, "property %s outside any component (RFC 5545 §3.4)", cl.name)
		return
	}
	f.occ[cl.name] = append(f.occ[cl.name], line)
	if _, seen := f.first[cl.name]; !seen {
		f.first[cl.name] = cl
	}
	if c.cal != nil {
		for _, p := range cl.params {
			if p.name == "TZID" {
				for _, v := range p.values {
					c.cal.tzRefs = append(c.cal.tzRefs, tzRef{tzid: v, line: line})
				}
			}
		}
		if f.name == "VTIMEZONE" && cl.name == "TZID" {
			c.cal.tzDefined[unescapeText(cl.value)] = true
		}
	}
	c.checkValue(line, f.name, cl)
}

// textProperties have TEXT as their default value type (§3.8), so their
// values are subject to the §3.3.11 escaping rules.
var textProperties = map[string]bool{
	"CATEGORIES": true, "COMMENT": true, "CONTACT": true, "DESCRIPTION": true,
	"LOCATION": true, "PRODID": true, "RELATED-TO": true, "RESOURCES": true,
	"SUMMARY": true, "TZID": true, "TZNAME": true, "UID": true,
	"X-WR-CALNAME": true, "X-WR-CALDESC": true,
}

// multiValuedText properties separate their values with unescaped commas.
var multiValuedText = map[string]bool{"CATEGORIES": true, "RESOURCES": true}

var statusValues = map[string][]string{
	"VEVENT":   {"TENTATIVE", "CONFIRMED", "CANCELLED"},
	"VTODO":    {"NEEDS-ACTION", "COMPLETED", "IN-PROCESS", "CANCELLED"},
	"VJOURNAL": {"DRAFT", "FINAL", "CANCELLED"},
}

func (c *checker) checkValue(line int, comp string, cl *contentLine) {
	v := cl.value
	valueType, hasValueType := cl.param("VALUE")
	valueType = strings.ToUpper(valueType)
	switch cl.name {
	case "VERSION":
		if comp == "VCALENDAR" {
			// vervalue = "2.0" / maxver / (minver ";" maxver)
			maxver := v
			if _, after, ok := strings.Cut(v, ";"); ok {
				maxver = after
			}
			if maxver != "2.0" {
				c.add(line, "VERSION:%s; this is RFC 5545 iCalendar only if the (maximum) version is 2.0 (RFC 5545 §3.7.4)", clip(v))
			}
		}
	case "DTSTAMP", "CREATED", "LAST-MODIFIED", "COMPLETED":
		if !isUTCDateTime(v) {
			c.add(line, "%s:%q is not a UTC DATE-TIME of the form YYYYMMDDTHHMMSSZ (RFC 5545 §3.8.2.1, §3.8.7)", cl.name, clip(v))
		}
	case "DTSTART", "DTEND", "DUE", "RECURRENCE-ID":
		c.checkDateProp(line, comp, cl, valueType, hasValueType)
	case "DURATION":
		if classifyDuration(v) == durInvalid {
			c.add(line, "DURATION:%q is not a valid duration (RFC 5545 §3.3.6)", clip(v))
		}
	case "TRIGGER":
		if valueType == "DATE-TIME" {
			if !isUTCDateTime(v) {
				c.add(line, "TRIGGER;VALUE=DATE-TIME:%q must be a UTC DATE-TIME (RFC 5545 §3.8.6.3)", clip(v))
			}
		} else if classifyDuration(v) == durInvalid {
			c.add(line, "TRIGGER:%q is not a valid duration; an absolute trigger needs VALUE=DATE-TIME (RFC 5545 §3.8.6.3)", clip(v))
		}
	case "GEO":
		if !isGeo(v) {
			c.add(line, "GEO:%q is not float;float (RFC 5545 §3.8.1.6)", clip(v))
		}
	case "CLASS":
		if !isToken(v) {
			c.add(line, "CLASS:%q is not PUBLIC, PRIVATE, CONFIDENTIAL or another token (RFC 5545 §3.8.1.3)", clip(v))
		}
	case "STATUS":
		if allowed, ok := statusValues[comp]; ok && !contains(allowed, strings.ToUpper(v)) {
			c.add(line, "STATUS:%q is not allowed in %s; use one of %s (RFC 5545 §3.8.1.11)", clip(v), comp, strings.Join(allowed, ", "))
		}
	case "TRANSP":
		if u := strings.ToUpper(v); u != "OPAQUE" && u != "TRANSPARENT" {
			c.add(line, "TRANSP:%q is not OPAQUE or TRANSPARENT (RFC 5545 §3.8.2.7)", clip(v))
		}
	case "PRIORITY":
		if !isDigits(v) || len(v) > 1 {
			c.add(line, "PRIORITY:%q is not an integer 0-9 (RFC 5545 §3.8.1.9)", clip(v))
		}
	case "SEQUENCE":
		if !isDigits(v) {
			c.add(line, "SEQUENCE:%q is not a non-negative integer (RFC 5545 §3.8.7.4)", clip(v))
		}
	case "TZOFFSETFROM", "TZOFFSETTO":
		if !isUTCOffset(v) {
			c.add(line, "%s:%q is not a UTC offset (+|-)HHMM[SS] (RFC 5545 §3.3.14)", cl.name, clip(v))
		}
	case "CALSCALE", "METHOD":
		if !isToken(v) {
			c.add(line, "%s:%q is not a token (RFC 5545 §3.7)", cl.name, clip(v))
		}
	case "ORGANIZER", "ATTENDEE", "URL":
		if !hasValueType || valueType == "CAL-ADDRESS" || valueType == "URI" {
			if why := uriProblem(v); why != "" {
				c.add(line, "%s:%q %s; the value must be a URI (RFC 5545 §3.3.3, §3.3.13)", cl.name, clip(v), why)
			}
		}
	}
	if c.strict && textProperties[cl.name] && (!hasValueType || valueType == "TEXT") {
		if why := textProblem(v, multiValuedText[cl.name]); why != "" {
			c.lexical("TEXT escaping", line, "%s has %s; TEXT values escape \\ ; , as \\\\ \\; \\, and define no other escape but \\n (RFC 5545 §3.3.11)", cl.name, why)
		}
	}
}

// checkDateProp checks DTSTART, DTEND, DUE and RECURRENCE-ID: DATE-TIME by
// default, DATE only with VALUE=DATE (§3.2.20, §3.3.4, §3.3.5), and TZID only
// on local DATE-TIMEs (§3.2.19).
func (c *checker) checkDateProp(line int, comp string, cl *contentLine, valueType string, hasValueType bool) {
	v := cl.value
	kind := classifyDateTime(v)
	_, hasTZID := cl.param("TZID")
	switch {
	case hasValueType && valueType != "DATE" && valueType != "DATE-TIME":
		c.add(line, "%s;VALUE=%s: only DATE or DATE-TIME is allowed (RFC 5545 §3.8.2)", cl.name, valueType)
	case valueType == "DATE":
		if kind != kindDate {
			c.add(line, "%s;VALUE=DATE:%q is not a DATE of the form YYYYMMDD (RFC 5545 §3.3.4)", cl.name, clip(v))
		} else if hasTZID {
			c.add(line, "%s is a DATE but carries TZID; TZID applies only to local DATE-TIMEs (RFC 5545 §3.2.19)", cl.name)
		}
	case kind == kindDate:
		c.add(line, "%s:%q is a DATE but lacks VALUE=DATE; the default type is DATE-TIME (RFC 5545 §3.2.20, §3.8.2)", cl.name, clip(v))
	case kind == kindInvalid:
		c.add(line, "%s:%q is not a DATE-TIME of the form YYYYMMDDTHHMMSS[Z] (RFC 5545 §3.3.5)", cl.name, clip(v))
	case kind == kindUTC && hasTZID:
		c.add(line, "%s is in UTC but carries TZID (RFC 5545 §3.2.19)", cl.name)
	}
	if cl.name == "DTSTART" && (comp == "STANDARD" || comp == "DAYLIGHT") && (kind != kindFloating || hasTZID) {
		c.add(line, "DTSTART of a %s observance must be a local DATE-TIME without TZID (RFC 5545 §3.6.5)", comp)
	}
}

func kindName(k timeKind) string {
	if k == kindDate {
		return "DATE"
	}
	return "DATE-TIME"
}
