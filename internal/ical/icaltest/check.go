package icaltest

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"sort"
	"strings"
	"unicode/utf8"
)

// Problem is one violation found by the checker.
type Problem struct {
	// Line is the 1-based physical line where the offending content line
	// (or component, for cardinality rules) starts; 0 means the stream as
	// a whole.
	Line int
	// Message says what is wrong and cites the RFC 5545 section.
	Message string
}

// String formats the problem the way tests and logs print it.
func (p Problem) String() string { return fmt.Sprintf("line %d: %s", p.Line, p.Message) }

// CheckOptions selects how strictly [CheckWith] reads its input.
type CheckOptions struct {
	// Strict adds the transport-level rules that files in the wild often
	// break and that lenient parsers recover from: every line must end in
	// CRLF and be at most 75 octets, folds must not split a UTF-8
	// character, the stream must be UTF-8 without a byte order mark, no
	// blank line may appear even between objects, and TEXT values must be
	// escaped exactly as §3.3.11 says. Our own output is checked with
	// Strict set; the tolerant mode (Strict false) exists for files whose
	// line endings were rewritten by version control, whose charset was
	// declared out of band, or whose producer escaped loosely. Every other
	// rule applies in both modes.
	Strict bool
	// MaxBytes caps the input size; 0 means DefaultMaxBytes. Input beyond
	// the cap is not checked at all and CheckWith returns ErrTooLarge.
	MaxBytes int64
}

// DefaultMaxBytes bounds the input CheckWith reads when CheckOptions.MaxBytes
// is zero. Feeds are far smaller; the cap keeps a hostile upload from
// costing unbounded memory.
const DefaultMaxBytes = 10 << 20

// ErrTooLarge is returned (wrapped) when the input exceeds the size cap.
var ErrTooLarge = errors.New("ical: input too large")

const (
	// maxLineOctets is the §3.1 limit, excluding the CRLF.
	maxLineOctets = 75
	// maxDepth bounds component nesting. Valid data never exceeds 3
	// (VCALENDAR > VTIMEZONE > STANDARD); the bound keeps the stack small on
	// adversarial input.
	maxDepth = 32
	// maxProblems bounds the report so that a huge garbage input cannot
	// produce a huge result.
	maxProblems = 1000
	// lexicalRepeat is how many occurrences of one transport-level rule are
	// listed individually; a file with bare LFs has them on every line, and
	// listing thousands would drown the structural problems.
	lexicalRepeat = 20
)

// Check reads an iCalendar stream and reports every violation of the RFC 5545
// rules it checks, in strict mode (see CheckOptions.Strict). A nil slice
// means the stream passed. The error is non-nil only when the input could not
// be read or exceeded DefaultMaxBytes.
func Check(r io.Reader) ([]Problem, error) {
	return CheckWith(r, CheckOptions{Strict: true})
}

// CheckWith is Check with explicit options.
func CheckWith(r io.Reader, opts CheckOptions) ([]Problem, error) {
	limit := opts.MaxBytes
	if limit <= 0 {
		limit = DefaultMaxBytes
	}
	if limit == math.MaxInt64 {
		limit-- // LimitReader below reads limit+1 bytes to detect an oversized stream
	}
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, fmt.Errorf("ical: check: read input: %w", err)
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("ical: check: %w (more than %d bytes)", ErrTooLarge, limit)
	}
	c := &checker{strict: opts.Strict, lexCount: map[string]int{}, lexFirstHidden: map[string]int{}}
	c.run(data)
	return c.result(), nil
}

// logicalLine is an unfolded content line and the physical line it starts on.
type logicalLine struct {
	line int
	text []byte
}

// param is one property parameter; values keep their case, names are upper.
type param struct {
	name   string
	values []string
}

// contentLine is a parsed logical line: name *(";" param) ":" value.
type contentLine struct {
	name   string
	params []param
	value  string
}

func (cl *contentLine) param(name string) (string, bool) {
	for _, p := range cl.params {
		if p.name == name && len(p.values) > 0 {
			return p.values[0], true
		}
	}
	return "", false
}

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

type checker struct {
	strict   bool
	problems []Problem
	overflow bool

	lexCount       map[string]int
	lexFirstHidden map[string]int

	stack       []*frame
	cal         *calScope
	sawCalendar bool
	stopped     bool
}

func (c *checker) add(line int, format string, args ...any) {
	if len(c.problems) >= maxProblems {
		c.overflow = true
		return
	}
	c.problems = append(c.problems, Problem{Line: line, Message: fmt.Sprintf(format, args...)})
}

// lexical records a transport-level problem, listing only the first few of
// each kind (see lexicalRepeat).
func (c *checker) lexical(kind string, line int, format string, args ...any) {
	c.lexCount[kind]++
	switch n := c.lexCount[kind]; {
	case n <= lexicalRepeat:
		c.add(line, format, args...)
	case n == lexicalRepeat+1:
		c.lexFirstHidden[kind] = line
	}
}

func (c *checker) result() []Problem {
	kinds := make([]string, 0, len(c.lexFirstHidden))
	for k := range c.lexFirstHidden {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	for _, k := range kinds {
		c.add(c.lexFirstHidden[k], "%d more lines with the problem %q are not listed individually",
			c.lexCount[k]-lexicalRepeat, k)
	}
	sort.SliceStable(c.problems, func(i, j int) bool { return c.problems[i].Line < c.problems[j].Line })
	if c.overflow {
		c.problems = append(c.problems, Problem{Line: 0,
			Message: fmt.Sprintf("too many problems; only the first %d are reported", maxProblems)})
	}
	if len(c.problems) == 0 {
		return nil
	}
	return c.problems
}

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

func (c *checker) run(data []byte) {
	if bytes.HasPrefix(data, utf8BOM) {
		if c.strict {
			c.add(1, "stream starts with a UTF-8 byte order mark, which is not part of any content line (RFC 5545 §3.1)")
		}
		data = data[len(utf8BOM):]
	}
	for _, l := range c.unfold(data) {
		if c.stopped {
			break
		}
		c.line(l)
	}
	if c.stopped {
		return
	}
	for i := len(c.stack) - 1; i >= 0; i-- {
		f := c.stack[i]
		c.add(f.line, "BEGIN:%s is never closed by END:%s (RFC 5545 §3.4, §3.6)", f.name, f.name)
	}
	if !c.sawCalendar {
		c.add(0, "no VCALENDAR object; an iCalendar stream is one or more of them (RFC 5545 §3.4)")
	}
}

// unfold splits the stream into physical lines, applies the strict lexical
// rules to them, and joins folded lines (§3.1: CRLF followed by one space or
// tab is removed).
func (c *checker) unfold(data []byte) []logicalLine {
	var out []logicalLine
	lineNo := 0
	prevEndsMidRune := false
	for len(data) > 0 {
		lineNo++
		var phys []byte
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			phys, data = data[:i], data[i+1:]
			if n := len(phys); n > 0 && phys[n-1] == '\r' {
				phys = phys[:n-1]
			} else if c.strict {
				c.lexical("bare LF", lineNo, "line ends with a bare LF instead of CRLF (RFC 5545 §3.1)")
			}
		} else {
			phys, data = data, nil
			if c.strict {
				c.lexical("no CRLF at end", lineNo, "last line is not terminated by CRLF (RFC 5545 §3.1)")
			}
		}
		if c.strict && len(phys) > maxLineOctets {
			c.lexical("long line", lineNo, "line is %d octets long; content lines must be folded at 75 octets (RFC 5545 §3.1)", len(phys))
		}
		if len(phys) > 0 && (phys[0] == ' ' || phys[0] == '\t') {
			cont := phys[1:]
			if len(out) == 0 {
				c.add(lineNo, "continuation line (starting with whitespace) with no content line before it (RFC 5545 §3.1)")
				out = append(out, logicalLine{line: lineNo, text: cont[:len(cont):len(cont)]})
			} else {
				if c.strict && prevEndsMidRune && len(cont) > 0 && !isRuneStart(cont[0]) {
					c.lexical("split UTF-8", lineNo, "fold splits a UTF-8 multi-octet character across lines (RFC 5545 §3.1)")
				}
				last := &out[len(out)-1]
				last.text = append(last.text, cont...)
			}
			prevEndsMidRune = endsMidRune(cont)
			continue
		}
		// The three-index slice makes the first append copy, so unfolding
		// never writes into the caller's buffer.
		out = append(out, logicalLine{line: lineNo, text: phys[:len(phys):len(phys)]})
		prevEndsMidRune = endsMidRune(phys)
	}
	return out
}

// endsMidRune reports whether b ends with an incomplete UTF-8 sequence.
func endsMidRune(b []byte) bool {
	n := len(b)
	if n == 0 || b[n-1] < 0x80 {
		return false
	}
	start := n - 1
	for start > 0 && start > n-utf8.UTFMax && !isRuneStart(b[start]) {
		start--
	}
	return !utf8.FullRune(b[start:])
}

func (c *checker) line(l logicalLine) {
	if c.strict && !utf8.Valid(l.text) {
		c.lexical("not UTF-8", l.line, "content line is not valid UTF-8, the iCalendar default charset (RFC 5545 §3.1.4)")
	}
	if len(l.text) == 0 {
		if f := c.top(); f != nil {
			c.add(l.line, "empty line inside %s; every line of an object must be a content line (RFC 5545 §3.1, §3.4)", f.name)
		} else if c.strict {
			c.lexical("blank line", l.line, "empty line between iCalendar objects (RFC 5545 §3.4)")
		}
		return
	}
	cl, err := parseContentLine(string(l.text))
	if err != nil {
		c.add(l.line, "malformed content line: %v (RFC 5545 §3.1: name *(\";\" param) \":\" value)", err)
		return
	}
	if ctl := findControl(&cl); ctl >= 0 {
		c.add(l.line, "%s contains control character U+%04X, which no iCalendar value may contain (RFC 5545 §3.1, §3.3.11)", cl.name, ctl)
	}
	switch cl.name {
	case "BEGIN":
		c.begin(l.line, &cl)
	case "END":
		c.end(l.line, &cl)
	default:
		c.property(l.line, &cl)
	}
}

// parseContentLine splits a logical line by the §3.1 grammar. Parameter
// values may be quoted; a colon inside quotes does not end the parameters.
func parseContentLine(s string) (contentLine, error) {
	var cl contentLine
	i := 0
	for i < len(s) && isNameChar(s[i]) {
		i++
	}
	if i == 0 {
		return cl, fmt.Errorf("no property name at start of %q", clip(s))
	}
	cl.name = strings.ToUpper(s[:i])
	for {
		if i >= len(s) {
			return cl, fmt.Errorf("no ':' after %q", clip(s))
		}
		switch s[i] {
		case ':':
			cl.value = s[i+1:]
			return cl, nil
		case ';':
			i++
			start := i
			for i < len(s) && isNameChar(s[i]) {
				i++
			}
			if i == start {
				return cl, fmt.Errorf("empty parameter name in %q", clip(s))
			}
			p := param{name: strings.ToUpper(s[start:i])}
			if i >= len(s) || s[i] != '=' {
				return cl, fmt.Errorf("parameter %s has no '=' in %q", p.name, clip(s))
			}
			i++
			for {
				if i < len(s) && s[i] == '"' {
					end := strings.IndexByte(s[i+1:], '"')
					if end < 0 {
						return cl, fmt.Errorf("unterminated quoted value of parameter %s", p.name)
					}
					p.values = append(p.values, s[i+1:i+1+end])
					i += end + 2
				} else {
					start := i
					for i < len(s) && s[i] != ';' && s[i] != ':' && s[i] != ',' && s[i] != '"' {
						i++
					}
					if i < len(s) && s[i] == '"' {
						return cl, fmt.Errorf("'\"' inside unquoted value of parameter %s", p.name)
					}
					p.values = append(p.values, s[start:i])
				}
				if i < len(s) && s[i] == ',' {
					i++
					continue
				}
				break
			}
			cl.params = append(cl.params, p)
		default:
			return cl, fmt.Errorf("unexpected %q after %q", s[i], clip(s[:i]))
		}
	}
}

// clip shortens s for use in a message.
func clip(s string) string {
	const max = 40
	if len(s) <= max {
		return s
	}
	cut := max
	for cut > 0 && !isRuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}

// findControl returns the first control character (CTL other than HTAB)
// in the parameters or value, or -1.
func findControl(cl *contentLine) int {
	check := func(s string) int {
		for i := 0; i < len(s); i++ {
			if b := s[i]; (b < 0x20 && b != '\t') || b == 0x7F {
				return int(b)
			}
		}
		return -1
	}
	for _, p := range cl.params {
		for _, v := range p.values {
			if r := check(v); r >= 0 {
				return r
			}
		}
	}
	return check(cl.value)
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

func kindName(k timeKind) string {
	if k == kindDate {
		return "DATE"
	}
	return "DATE-TIME"
}

// checkDurationWithDate enforces §3.8.2.5: with a DATE start, a VEVENT's
// duration must be whole days or weeks.
func (c *checker) checkDurationWithDate(f *frame) {
	start, dur := f.first["DTSTART"], f.first["DURATION"]
	if start == nil || dur == nil || classifyDateTime(start.value) != kindDate {
		return
	}
	if classifyDuration(dur.value) == durTime {
		c.add(f.occ["DURATION"][0], "DURATION %s has a time part but DTSTART is a DATE; use days or weeks (RFC 5545 §3.8.2.5)", dur.value)
	}
}

// closeScope resolves what needed the whole VCALENDAR: TZID references and
// the DTSTART requirement that depends on METHOD.
func (c *checker) closeScope(f *frame) {
	scope := c.cal
	c.cal = nil
	reported := map[string]bool{}
	for _, ref := range scope.tzRefs {
		if scope.tzDefined[ref.tzid] || reported[ref.tzid] {
			continue
		}
		reported[ref.tzid] = true
		c.add(ref.line, "TZID=%q has no VTIMEZONE with that TZID in this VCALENDAR (RFC 5545 §3.2.19)", clip(ref.tzid))
	}
	if len(f.occ["METHOD"]) == 0 {
		for _, line := range scope.eventsNoStart {
			c.add(line, "VEVENT has no DTSTART, which is required when the VCALENDAR has no METHOD (RFC 5545 §3.6.1)")
		}
	}
}
