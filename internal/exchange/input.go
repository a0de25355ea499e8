package exchange

import (
	"bytes"
	"context"
	"fmt"
	"io"

	"secretariat"
	"secretariat/internal/safetext"
)

// Limits on what the importers read. A file over its limit is refused whole, never cut:
// nothing of it is loaded. The limits keep the whole of an accepted file in memory
// affordable, and MaxRecordBytes keeps memory flat whatever one line holds, because the
// guard below refuses a record before encoding/csv has buffered more than that.
const (
	// MaxRecordBytes bounds one CSV record: a line, or the lines a quoted field joins.
	MaxRecordBytes = 64 << 10
	// MaxRollCallFileBytes bounds a roll-call CSV (the UN General Assembly's whole
	// archive, 1946–2019, converted, is 84 MiB).
	MaxRollCallFileBytes = 256 << 20
	// MaxFigureFileBytes bounds a file of result figures.
	MaxFigureFileBytes = 64 << 20
	// MaxUNFileBytes bounds each file of the UN votes archive (un_votes.csv is 23 MiB).
	MaxUNFileBytes = 64 << 20
)

// byteSize writes a limit for people: "64 KiB", "1 GiB".
func byteSize(n int64) string {
	switch {
	case n >= 1<<30 && n%(1<<30) == 0:
		return fmt.Sprintf("%d GiB", n>>30)
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// csvGuard sits between a file and encoding/csv. It refuses the whole file when it is
// larger than its limit, or when one record is longer than MaxRecordBytes, before the
// parser has buffered it; and it stops reading when ctx is cancelled. It follows the
// quoting of RFC 4180 as encoding/csv reads it (a field that starts with a quote runs to
// the closing quote, across lines), so that it knows where a record ends.
type csvGuard struct {
	ctx   context.Context
	r     io.Reader
	limit int64
	what  string // "the roll-call CSV", for messages

	read     int64
	line     int // the physical line being read, from 1
	recLine  int // the line the current record started on
	recBytes int
	state    csvState
	err      error // sticky: once refused, every read refuses
}

type csvState uint8

const (
	fieldStart csvState = iota
	unquoted
	quoted
	quoteInQuoted // a quote inside a quoted field: doubled, or the field's end
)

func newCSVGuard(ctx context.Context, r io.Reader, limit int64, what string) *csvGuard {
	return &csvGuard{ctx: ctx, r: r, limit: limit, what: what, line: 1, recLine: 1}
}

// Read implements io.Reader.
func (g *csvGuard) Read(p []byte) (int, error) {
	if g.err != nil {
		return 0, g.err
	}
	if err := g.ctx.Err(); err != nil {
		g.err = err
		return 0, err
	}
	n, err := g.r.Read(p)
	allowed := int(min(int64(n), g.limit-g.read))
	for i := 0; i < allowed; {
		i += g.skip(p[i:allowed])
		if g.recBytes > MaxRecordBytes {
			g.err = secretariat.Errorf(secretariat.EINVALID, "line %d: a record longer than %s (an unclosed quote, or not a CSV file?): the file is refused whole, and nothing was loaded", g.recLine, byteSize(MaxRecordBytes))
			return i, g.err
		}
		if i < allowed {
			g.step(p[i])
			i++
		}
	}
	if g.read += int64(n); g.read > g.limit {
		g.err = secretariat.Errorf(secretariat.EINVALID, "%s is larger than %s: it is refused whole, and nothing was loaded (split it into smaller files)", g.what, byteSize(g.limit))
		return allowed, g.err
	}
	return n, err
}

// skip passes over the bytes at the start of b that change nothing but the record's
// length (inside a field, all but separators and quotes), and returns how many.
func (g *csvGuard) skip(b []byte) int {
	var j int
	switch g.state {
	case unquoted:
		j = bytes.IndexAny(b, ",\n")
	case quoted:
		j = bytes.IndexAny(b, "\"\n")
	default:
		return 0
	}
	if j < 0 {
		j = len(b)
	}
	g.recBytes += j
	return j
}

// step follows one byte through the quoting.
func (g *csvGuard) step(c byte) {
	g.recBytes++
	if c == '\n' {
		g.line++
	}
	switch g.state {
	case fieldStart, unquoted, quoteInQuoted:
		switch {
		case c == '"' && g.state == fieldStart:
			g.state = quoted
		case c == '"' && g.state == quoteInQuoted:
			g.state = quoted
		case c == ',':
			g.state = fieldStart
		case c == '\n':
			g.state, g.recBytes, g.recLine = fieldStart, 0, g.line
		default:
			g.state = unquoted
		}
	case quoted:
		if c == '"' {
			g.state = quoteInQuoted
		}
	}
}

// textProblem says what is wrong with a field's text, naming the column: bytes that are
// not UTF-8, control characters, bidirectional overrides (see safetext).
func textProblem(column, value string) string {
	if p := safetext.Problem(value); p != "" {
		return column + ": " + p
	}
	return ""
}
