package icaltest

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"sort"
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
