package icaltest

import (
	"strings"
)

// frame is an open component.
type frame struct {
	name     string
	line     int
	occ      map[string][]int        // property name -> lines where it occurs
	first    map[string]*contentLine // first occurrence of each property
	children map[string]int          // sub-component name -> count
}

// calScope collects what must be resolved across a whole VCALENDAR object.
type calScope struct {
	tzDefined     map[string]bool
	tzRefs        []tzRef
	eventsNoStart []int // lines of VEVENTs without DTSTART
}

type tzRef struct {
	tzid string
	line int
}

func (c *checker) top() *frame {
	if len(c.stack) == 0 {
		return nil
	}
	return c.stack[len(c.stack)-1]
}

// allowedParents lists where the RFC 5545 grammar places each registered
// component; unregistered (x-comp / iana-comp) components may appear anywhere.
var allowedParents = map[string][]string{
	"VEVENT":    {"VCALENDAR"},
	"VTODO":     {"VCALENDAR"},
	"VJOURNAL":  {"VCALENDAR"},
	"VFREEBUSY": {"VCALENDAR"},
	"VTIMEZONE": {"VCALENDAR"},
	"VALARM":    {"VEVENT", "VTODO"},
	"STANDARD":  {"VTIMEZONE"},
	"DAYLIGHT":  {"VTIMEZONE"},
}

func (c *checker) begin(line int, cl *contentLine) {
	name := strings.ToUpper(cl.value)
	if !isToken(name) {
		c.add(line, "BEGIN:%q does not name a component (RFC 5545 §3.6)", clip(cl.value))
	}
	if len(c.stack) >= maxDepth {
		c.add(line, "components nested more than %d deep; checking stopped here", maxDepth)
		c.stopped = true
		return
	}
	parent := c.top()
	switch {
	case name == "VCALENDAR" && parent != nil:
		c.add(line, "VCALENDAR nested inside %s; iCalendar objects cannot be nested (RFC 5545 §3.4)", parent.name)
	case name == "VCALENDAR":
		c.sawCalendar = true
		c.cal = &calScope{tzDefined: map[string]bool{}}
	case parent == nil:
		c.add(line, "%s outside any VCALENDAR (RFC 5545 §3.4)", name)
	default:
		if allowed, known := allowedParents[name]; known && !contains(allowed, parent.name) {
			c.add(line, "%s cannot appear inside %s (RFC 5545 §3.6)", name, parent.name)
		}
	}
	if parent != nil {
		parent.children[name]++
	}
	c.stack = append(c.stack, &frame{
		name:     name,
		line:     line,
		occ:      map[string][]int{},
		first:    map[string]*contentLine{},
		children: map[string]int{},
	})
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

func (c *checker) end(line int, cl *contentLine) {
	name := strings.ToUpper(cl.value)
	if len(c.stack) == 0 {
		c.add(line, "END:%s without a matching BEGIN (RFC 5545 §3.4)", name)
		return
	}
	top := c.top()
	if top.name == name {
		c.stack = c.stack[:len(c.stack)-1]
		c.close(top)
		return
	}
	// Recover from a missing END by closing back to a matching BEGIN, if
	// there is one; the skipped components are reported but not checked
	// further, since their content is in doubt.
	for k := len(c.stack) - 2; k >= 0; k-- {
		if c.stack[k].name != name {
			continue
		}
		for j := len(c.stack) - 1; j > k; j-- {
			f := c.stack[j]
			c.add(f.line, "BEGIN:%s is not closed before END:%s on line %d (RFC 5545 §3.6)", f.name, name, line)
		}
		f := c.stack[k]
		c.stack = c.stack[:k]
		c.close(f)
		return
	}
	c.add(line, "END:%s does not match BEGIN:%s on line %d (RFC 5545 §3.6)", name, top.name, top.line)
}

// close runs the rules that need a whole component.
func (c *checker) close(f *frame) {
	switch f.name {
	case "VCALENDAR":
		c.exactlyOne(f, "VERSION", "§3.7.4")
		c.exactlyOne(f, "PRODID", "§3.7.3")
		c.atMostOne(f, "§3.6", "CALSCALE", "METHOD")
		if len(f.children) == 0 {
			c.add(f.line, "VCALENDAR contains no components; at least one is required (RFC 5545 §3.6)")
		}
		if len(c.stack) == 0 && c.cal != nil {
			c.closeScope(f)
		}
	case "VEVENT":
		c.exactlyOne(f, "UID", "§3.6.1")
		c.exactlyOne(f, "DTSTAMP", "§3.6.1")
		c.atMostOne(f, "§3.6.1", "CLASS", "CREATED", "DESCRIPTION", "DTSTART", "GEO",
			"LAST-MODIFIED", "LOCATION", "ORGANIZER", "PRIORITY", "SEQUENCE", "STATUS",
			"SUMMARY", "TRANSP", "URL", "RECURRENCE-ID", "DTEND", "DURATION")
		if len(f.occ["DTEND"]) > 0 && len(f.occ["DURATION"]) > 0 {
			c.add(f.occ["DURATION"][0], "VEVENT has both DTEND and DURATION; only one is allowed (RFC 5545 §3.6.1)")
		}
		if len(f.occ["DTSTART"]) == 0 && c.cal != nil && len(c.stack) == 1 {
			c.cal.eventsNoStart = append(c.cal.eventsNoStart, f.line)
		}
		c.checkEnd(f, "DTEND", "§3.8.2.2")
		c.checkDurationWithDate(f)
	case "VTODO":
		c.exactlyOne(f, "UID", "§3.6.2")
		c.exactlyOne(f, "DTSTAMP", "§3.6.2")
		c.atMostOne(f, "§3.6.2", "CLASS", "COMPLETED", "CREATED", "DESCRIPTION", "DTSTART",
			"GEO", "LAST-MODIFIED", "LOCATION", "ORGANIZER", "PERCENT-COMPLETE", "PRIORITY",
			"RECURRENCE-ID", "SEQUENCE", "STATUS", "SUMMARY", "URL", "DUE", "DURATION")
		if len(f.occ["DUE"]) > 0 && len(f.occ["DURATION"]) > 0 {
			c.add(f.occ["DURATION"][0], "VTODO has both DUE and DURATION; only one is allowed (RFC 5545 §3.6.2)")
		}
		if len(f.occ["DURATION"]) > 0 && len(f.occ["DTSTART"]) == 0 {
			c.add(f.occ["DURATION"][0], "VTODO has DURATION but no DTSTART (RFC 5545 §3.6.2)")
		}
		c.checkEnd(f, "DUE", "§3.8.2.3")
	case "VJOURNAL":
		c.exactlyOne(f, "UID", "§3.6.3")
		c.exactlyOne(f, "DTSTAMP", "§3.6.3")
		c.atMostOne(f, "§3.6.3", "CLASS", "CREATED", "DTSTART", "LAST-MODIFIED", "ORGANIZER",
			"RECURRENCE-ID", "SEQUENCE", "STATUS", "SUMMARY", "URL")
	case "VFREEBUSY":
		c.exactlyOne(f, "UID", "§3.6.4")
		c.exactlyOne(f, "DTSTAMP", "§3.6.4")
		c.atMostOne(f, "§3.6.4", "CONTACT", "DTSTART", "DTEND", "ORGANIZER", "URL")
	case "VTIMEZONE":
		c.exactlyOne(f, "TZID", "§3.6.5")
		c.atMostOne(f, "§3.6.5", "LAST-MODIFIED", "TZURL")
		if f.children["STANDARD"]+f.children["DAYLIGHT"] == 0 {
			c.add(f.line, "VTIMEZONE has no STANDARD or DAYLIGHT sub-component (RFC 5545 §3.6.5)")
		}
	case "STANDARD", "DAYLIGHT":
		c.exactlyOne(f, "DTSTART", "§3.6.5")
		c.exactlyOne(f, "TZOFFSETFROM", "§3.6.5")
		c.exactlyOne(f, "TZOFFSETTO", "§3.6.5")
	case "VALARM":
		c.exactlyOne(f, "ACTION", "§3.6.6")
		c.exactlyOne(f, "TRIGGER", "§3.6.6")
		c.atMostOne(f, "§3.6.6", "DURATION", "REPEAT")
		if (len(f.occ["DURATION"]) > 0) != (len(f.occ["REPEAT"]) > 0) {
			c.add(f.line, "VALARM has only one of DURATION and REPEAT; they must occur together (RFC 5545 §3.6.6)")
		}
	}
}

func (c *checker) exactlyOne(f *frame, prop, section string) {
	switch lines := f.occ[prop]; len(lines) {
	case 0:
		c.add(f.line, "%s has no %s; exactly one is required (RFC 5545 %s)", f.name, prop, section)
	case 1:
	default:
		c.add(lines[1], "%s has %d %s properties; exactly one is allowed (RFC 5545 %s)", f.name, len(lines), prop, section)
	}
}

func (c *checker) atMostOne(f *frame, section string, props ...string) {
	for _, prop := range props {
		if lines := f.occ[prop]; len(lines) > 1 {
			c.add(lines[1], "%s has %d %s properties; at most one is allowed (RFC 5545 %s)", f.name, len(lines), prop, section)
		}
	}
}

// checkEnd compares DTEND (or DUE) with DTSTART: both must be the same value
// type, both local or both UTC, and the end must not be earlier. Ordering is only judged when both
// values are on the same time line (both dates, both UTC, or both local in
// the same zone), since resolving TZIDs is beyond a syntax checker.
func (c *checker) checkEnd(f *frame, endProp, section string) {
	start, end := f.first["DTSTART"], f.first[endProp]
	if start == nil || end == nil {
		return
	}
	sk, ek := classifyDateTime(start.value), classifyDateTime(end.value)
	if sk == kindInvalid || ek == kindInvalid {
		return // already reported
	}
	line := f.occ[endProp][0]
	if (sk == kindDate) != (ek == kindDate) {
		c.add(line, "%s is a %s but DTSTART is a %s; they must have the same value type (RFC 5545 %s)",
			endProp, kindName(ek), kindName(sk), section)
		return
	}
	if sk != ek {
		// One is UTC and the other local: the RFC requires local time for
		// the end if and only if the start is local.
		c.add(line, "%s and DTSTART mix UTC and local time; the end must be local if and only if the start is (RFC 5545 %s)",
			endProp, section)
		return
	}
	stz, _ := start.param("TZID")
	etz, _ := end.param("TZID")
	if stz == etz && end.value < start.value {
		c.add(line, "%s %s is earlier than DTSTART %s (RFC 5545 %s)", endProp, end.value, start.value, section)
	}
}
